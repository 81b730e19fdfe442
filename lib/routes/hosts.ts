// Which Host headers Podium answers. A page on any web site can point a DNS name at 127.0.0.1
// (DNS rebinding) and then read a local Podium as same-origin; refusing unknown Host headers closes
// that, for reads as well as writes. Loopback names always work (the local start and
// `kubectl port-forward`); other names must be listed in PODIUM_ALLOWED_HOSTS ("*" allows any), or
// be the class's addresses in class mode (PODIUM_CLASS: this machine's LAN addresses and
// PODIUM_CLASS_ADDRESS, never a name some DNS server could point here).

import { classHosts, classSettings, currentLanAddresses } from '../class-mode';

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

export function parseAllowedHosts(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}

/** The host name of a Host header, without its port: "example.com:3000" -> "example.com". */
export function hostName(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  return h.split(':')[0] ?? '';
}

export function hostAllowed(header: string | null, allowed: string[]): boolean {
  if (!header) return false;
  if (allowed.includes('*')) return true;
  const name = hostName(header);
  return LOOPBACK.includes(name) || name.endsWith('.localhost') || allowed.includes(name);
}

/** Every name Podium answers besides loopback: PODIUM_ALLOWED_HOSTS, and in class mode the class's addresses. */
export function allowedHosts(
  env: NodeJS.Dict<string> = process.env,
  lan: () => string[] = currentLanAddresses,
): string[] {
  const settings = classSettings(env);
  const configured = parseAllowedHosts(env.PODIUM_ALLOWED_HOSTS);
  return settings.enabled ? [...configured, ...classHosts(settings, lan())] : configured;
}
