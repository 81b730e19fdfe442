import type { NextRequest } from 'next/server';
import { getSession, lock } from '@/lib/routes/session';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET: {csrfToken, readOnly, actionTokenRequired, unlocked, maxReplicas}, and the podium_csrf cookie. */
export function GET(req: NextRequest) {
  return getSession(req);
}

/** DELETE: lock actions again (same as DELETE /api/session/unlock). */
export function DELETE(req: NextRequest) {
  return lock(req);
}
