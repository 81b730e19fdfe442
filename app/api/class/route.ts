import { NextResponse, type NextRequest } from 'next/server';
import { linkFor } from '@/lib/routes/class';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET ?path=/ns/<ns>/deployments/<name>: the StudentLinkInfo of that page (never a loopback URL). */
export function GET(req: NextRequest) {
  const link = linkFor(req);
  if (link instanceof NextResponse) return link;
  return NextResponse.json(link, { headers: { 'Cache-Control': 'no-store' } });
}
