import { NextResponse } from 'next/server';

export const dynamic = 'force-dynamic';

/** Liveness/readiness of Podium itself: it answers even when the cluster does not (the page says why). */
export function GET() {
  return NextResponse.json({ ok: true });
}
