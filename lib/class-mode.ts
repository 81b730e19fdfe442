import 'server-only';
import { randomInt } from 'node:crypto';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { StudentLinkInfo } from './models/contract';

// Class mode (PODIUM_CLASS=1, `bash scripts/start.sh --class`): one Podium on the teacher's machine,
// reached by the students' laptops over the room's network. Podium then answers the machine's LAN
// addresses (and PODIUM_CLASS_ADDRESS) besides loopback, tells the projector which URL students can
// open, and is watch-only for every browser that has not entered the action token: without
// PODIUM_ACTION_TOKEN a token is drawn at start and printed on the teacher's terminal only.

export interface ClassSettings {
  enabled: boolean;
  /** PODIUM_CLASS_ADDRESS: the host (and optional port) students type, when the teacher chooses it */
  address: { host: string; port: number | null } | null;
  /** why PODIUM_CLASS_ADDRESS was refused (then `address` is null and no link is offered) */
  addressError: string | null;
  /** PODIUM_BIND: the address `next start` listens on (0.0.0.0 = every IPv4 address) */
  bind: string;
}

const FLAG_ON = ['1', 'true', 'yes', 'on'];
const isWildcard = (bind: string) => bind === '0.0.0.0' || bind === '::';
const LOOPBACK_NAME = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[::1\]|::1|0\.0\.0\.0)$/i;
const HOST_RE =
  /^(\d{1,3}(\.\d{1,3}){3}|[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*)$/i;

export function classSettings(env: NodeJS.Dict<string> = process.env): ClassSettings {
  const enabled = FLAG_ON.includes((env.PODIUM_CLASS ?? '').trim().toLowerCase());
  const bind = env.PODIUM_BIND?.trim() || '0.0.0.0';
  const raw = env.PODIUM_CLASS_ADDRESS?.trim() || '';
  try {
    return { enabled, bind, address: raw ? parseClassAddress(raw) : null, addressError: null };
  } catch (err) {
    return { enabled, bind, address: null, addressError: (err as Error).message };
  }
}

/**
 * "192.168.1.20", "podium.local" or "192.168.1.20:8080". Anything else, or a loopback name (no
 * student laptop can open it), is refused with a sentence saying what is expected.
 */
export function parseClassAddress(raw: string): { host: string; port: number | null } {
  const m = /^([^:/\s]+)(?::(\d{1,5}))?$/.exec(raw.trim());
  const host = m?.[1]?.toLowerCase() ?? '';
  const port = m?.[2] === undefined ? null : Number(m[2]);
  if (!m || !HOST_RE.test(host) || (port !== null && (port < 1 || port > 65535))) {
    throw new Error(
      `PODIUM_CLASS_ADDRESS="${raw.slice(0, 100)}" is not a host name or IPv4 address with an optional port (e.g. 192.168.1.20, podium.local or 192.168.1.20:3000)`,
    );
  }
  if (LOOPBACK_NAME.test(host)) {
    throw new Error(
      `PODIUM_CLASS_ADDRESS=${host} is a loopback address: students' laptops cannot open it; give this machine's address on the class network`,
    );
  }
  return { host, port };
}

// Container and VPN bridges: addresses of this machine that no student on the room's Wi-Fi reaches.
const VIRTUAL_IFACE =
  /^(docker|br-|veth|cni|flannel|cali|cilium|weave|virbr|lxc|lxd|podman|podium|kube|tun|tap|wg|zt|tailscale|utun|vboxnet|vmnet)/;

/**
 * The IPv4 addresses students may reach this machine at, best first: physical interfaces only (no
 * loopback, no link-local 169.254/16, no container or VPN bridge), private ranges before others.
 */
export function lanAddresses(ifaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string[] {
  const found: { address: string; rank: number }[] = [];
  for (const [name, infos] of Object.entries(ifaces)) {
    if (VIRTUAL_IFACE.test(name)) continue;
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4' || info.internal) continue;
      const a = info.address;
      if (a.startsWith('127.') || a.startsWith('169.254.') || a === '0.0.0.0') continue;
      const isPrivate = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(a);
      found.push({ address: a, rank: isPrivate ? 0 : 1 });
    }
  }
  return [...new Set(found.sort((x, y) => x.rank - y.rank).map((f) => f.address))];
}

// Interfaces change (a laptop joins the room's Wi-Fi after Podium started): read again every 5 s,
// never per request.
const g = globalThis as typeof globalThis & {
  __podiumLan?: { at: number; addresses: string[] };
  __podiumClassToken?: string;
};
export function currentLanAddresses(now = Date.now()): string[] {
  if (!g.__podiumLan || now - g.__podiumLan.at > 5_000)
    g.__podiumLan = { at: now, addresses: lanAddresses() };
  return g.__podiumLan.addresses;
}

/** The Host names a class may use: the chosen address, the bind address and the LAN addresses. */
export function classHosts(settings: ClassSettings, lan: string[]): string[] {
  if (!settings.enabled) return [];
  const bind = isWildcard(settings.bind) || LOOPBACK_NAME.test(settings.bind) ? [] : [settings.bind];
  return [...new Set([settings.address?.host, ...bind, ...lan].filter((h): h is string => !!h))];
}

// Crockford's base32 without I, L, O, U: a token a teacher can read off a terminal and type.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** 16 characters (80 bits) in four groups, e.g. "k7m2-x9pq-4hzt-wr3n". */
export function newClassToken(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** The action token in class mode: PODIUM_ACTION_TOKEN, else one drawn once for this process. */
export function classActionToken(env: NodeJS.Dict<string> = process.env): string {
  const set = env.PODIUM_ACTION_TOKEN?.trim();
  if (set) return set;
  g.__podiumClassToken ??= newClassToken();
  return g.__podiumClassToken;
}

export interface LinkFacts {
  settings: ClassSettings;
  lan: string[];
  /** the port Podium listens on (PORT, which `next start -p` sets) */
  port: number;
  /** the request's Host header and protocol, for a Podium reached under a real name (ingress) */
  host: string | null;
  proto: string;
}

function origin(host: string, port: number | null): string {
  return `http://${host}${port === null || port === 80 ? '' : `:${port}`}`;
}

/**
 * The link students open for `path`, never a loopback address. In class mode: PODIUM_CLASS_ADDRESS,
 * else the bind address, else the first LAN address (the others listed as alternatives). Outside
 * class mode: the request's own origin when it is not loopback (Podium behind an ingress), else no
 * link and the sentence that says how to get one.
 */
export function studentLink(path: string, f: LinkFacts): StudentLinkInfo {
  const { settings } = f;
  if (settings.enabled) {
    if (settings.addressError) {
      return { url: null, alternatives: [], source: 'none', reason: settings.addressError };
    }
    if (settings.address) {
      const url = origin(settings.address.host, settings.address.port ?? f.port) + path;
      return { url, alternatives: [], source: 'class-address', reason: null };
    }
    if (!isWildcard(settings.bind) && LOOPBACK_NAME.test(settings.bind)) {
      return {
        url: null,
        alternatives: [],
        source: 'none',
        reason: `Podium listens on ${settings.bind} only (PODIUM_BIND): no student can reach it. Restart without PODIUM_BIND, or set PODIUM_CLASS_ADDRESS.`,
      };
    }
    const hosts = isWildcard(settings.bind) ? f.lan : [settings.bind];
    const [first, ...rest] = hosts.map((h) => origin(h, f.port) + path);
    if (first) return { url: first, alternatives: rest, source: 'lan', reason: null };
    return {
      url: null,
      alternatives: [],
      source: 'none',
      reason:
        'This machine has no address on a network (no Wi-Fi or Ethernet connection found). Connect it to the class network, or set PODIUM_CLASS_ADDRESS.',
    };
  }
  const name = f.host?.trim().toLowerCase().replace(/:\d+$/, '') ?? '';
  if (f.host && name && !LOOPBACK_NAME.test(name)) {
    return {
      url: `${f.proto}://${f.host.toLowerCase()}${path}`,
      alternatives: [],
      source: 'host',
      reason: null,
    };
  }
  return {
    url: null,
    alternatives: [],
    source: 'none',
    reason:
      'This Podium answers on this machine only: students cannot open it. Start it for a class with: bash scripts/start.sh --class',
  };
}

/** What the teacher's terminal shows at start: where students go, where the teacher goes, the token. */
export function classBanner(link: StudentLinkInfo, port: number, drawnToken: string | null): string {
  const also = link.alternatives.length ? `   (also ${link.alternatives.join(', ')})` : '';
  return [
    '',
    '  Podium for a class',
    link.url ? `  students open:  ${link.url}${also}` : `  students cannot open it yet: ${link.reason}`,
    `  you open:       http://127.0.0.1:${port} (Projector mode shows the students' link and its QR code)`,
    drawnToken
      ? `  action token:   ${drawnToken}   (drawn for this start; enter it under "Teacher? Unlock actions" in your own browser only)`
      : '  action token:   your PODIUM_ACTION_TOKEN',
    '  students see everything live and no action. Ctrl-C stops Podium.',
    '',
  ].join('\n');
}

/**
 * Run once at start (instrumentation.ts). In class mode: prints the banner on stdout, the
 * teacher's terminal (the token never goes into a page or an answer), drawing the token first so
 * it exists before any request; an unusable PODIUM_CLASS_ADDRESS stops the server with the reason.
 */
export function classStartup(
  env: NodeJS.Dict<string> = process.env,
  lan: () => string[] = currentLanAddresses,
): void {
  const settings = classSettings(env);
  if (!settings.enabled) return;
  if (settings.addressError) {
    console.error(`[podium] ${settings.addressError}`);
    process.exit(1);
  }
  const port = Number(env.PORT) || 3000;
  const link = studentLink('/', { settings, lan: lan(), port, host: null, proto: 'http' });
  const given = Boolean(env.PODIUM_ACTION_TOKEN?.trim());
  console.log(classBanner(link, port, given ? null : classActionToken(env)));
}
