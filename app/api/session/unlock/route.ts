import type { NextRequest } from 'next/server';
import { lock, unlock } from '@/lib/routes/session';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** POST {token}: compare with PODIUM_ACTION_TOKEN in constant time; set the podium_action cookie. */
export function POST(req: NextRequest) {
  return unlock(req);
}

/** DELETE: lock again. */
export function DELETE(req: NextRequest) {
  return lock(req);
}
