import { NextResponse, type NextRequest } from 'next/server';
import { linkFor, qrSvg } from '@/lib/routes/class';
import { jsonError } from '@/lib/routes/responses';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET ?path=…: the QR code of the student link as SVG, drawn here so the browser loads no QR code. */
export async function GET(req: NextRequest) {
  const link = linkFor(req);
  if (link instanceof NextResponse) return link;
  if (!link.url) return jsonError(404, 'NoStudentLink', link.reason ?? 'no link students can open');
  return new NextResponse(await qrSvg(link.url), {
    headers: {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Cache-Control': 'no-store',
      // an SVG opened on its own is a document: it may draw, never run anything
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    },
  });
}
