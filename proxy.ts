import { NextResponse, type NextRequest } from 'next/server';
import { allowedHosts, hostAllowed } from './lib/routes/hosts';

// Runs before every route: refuses requests addressed to a Host Podium was not told about (DNS
// rebinding). Podium's own health check is exempt: kubelets probe it by pod IP.
export function proxy(req: NextRequest) {
  if (req.nextUrl.pathname === '/api/healthz') return NextResponse.next();
  const host = req.headers.get('host');
  if (hostAllowed(host, allowedHosts())) return NextResponse.next();
  const message = `Podium does not answer for host "${(host ?? '').slice(0, 100)}": add it to PODIUM_ALLOWED_HOSTS (or, for a class, PODIUM_CLASS_ADDRESS)`;
  return NextResponse.json({ error: { status: 403, reason: 'HostNotAllowed', message } }, { status: 403 });
}

export const config = { matcher: '/((?!_next/static|_next/image|favicon.ico).*)' };
