import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import QRCode from 'qrcode';
import { classSettings, currentLanAddresses, studentLink } from '../class-mode';
import type { StudentLinkInfo } from '../models/contract';
import { describeIssue, studentPath } from '../validation';
import { jsonError } from './responses';

// The projector's "follow along" link and its QR code (GET /api/class, GET /api/class/qr). Both
// are computed per request from the settings and the cached interface list: no watch, no state.

/** How the projector's QR code is drawn: a 4-module quiet zone, black on white, medium correction. */
export const QR_OPTIONS = {
  type: 'svg',
  errorCorrectionLevel: 'M',
  margin: 4,
  color: { dark: '#000000ff', light: '#ffffffff' },
} as const;

/** The student link for ?path=…, or the 400 answer for a path that is not a Podium page. */
export function linkFor(req: NextRequest): StudentLinkInfo | NextResponse {
  const path = studentPath.safeParse(req.nextUrl.searchParams.get('path') ?? undefined);
  if (!path.success) return jsonError(400, 'BadRequest', describeIssue(path.error, 'path'));
  const settings = classSettings();
  const hostPort = Number(/:(\d+)$/.exec(req.headers.get('host') ?? '')?.[1]);
  return studentLink(path.data, {
    settings,
    lan: settings.enabled ? currentLanAddresses() : [],
    port: Number(process.env.PORT) || hostPort || 3000,
    host: req.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || req.headers.get('host'),
    proto: (req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || req.nextUrl.protocol).replace(
      /:$/,
      '',
    ),
  });
}

export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, QR_OPTIONS);
}
