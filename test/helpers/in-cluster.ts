// Test helper: Podium itself running in the local cluster, on its real node. Builds and imports
// Podium's image (scripts/cluster/images.sh podium, cached by the sources' hash: a change to the
// app rebuilds it, about 2 min), installs the chart (deploy/helm/podium) with Helm built from Go
// modules (scripts/cluster/helm.sh), and reaches the pods with `kubectl port-forward` on loopback.
// Every request goes to 127.0.0.1 (port-forwards, this file's relay) or to the API server.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CLUSTER_DIR, KUBECONFIG, ROOT, kubectl, kubectlJson, kubectlPath, waitForValue } from './cluster';
import { REAL_NODE, isReady, type Pod } from './real-node';

const run = promisify(execFile);

/** The release name: the chart then names everything "podium" (Service podium, port http 80). */
export const RELEASE = 'podium';
export const SELECTOR = 'app.kubernetes.io/name=podium';

export interface PodiumImage {
  archive: string;
  /** the archive's size, and the sum of its (uncompressed) layers */
  archiveBytes: number;
  layerBytes: number[];
}

/**
 * Builds podium:<version> for the current sources unless the cache has it, and imports it into the
 * real node's containerd (where pods with imagePullPolicy IfNotPresent find it). Importing the
 * same tag again moves it to the new digest; running pods keep theirs, new pods get the new one.
 */
export async function podiumImage(): Promise<PodiumImage> {
  // PODIUM_IMAGE_ARCHIVE=<a podium-*.tar>: use that build as it is (to iterate on a test while the
  // sources keep changing); by default the image is the current sources'.
  const given = process.env.PODIUM_IMAGE_ARCHIVE;
  const archive = given
    ? given
    : ((
        await run('bash', [join(ROOT, 'scripts/cluster/images.sh'), 'podium'], {
          timeout: 20 * 60_000,
          maxBuffer: 1 << 20,
        })
      ).stdout
        .trim()
        .split('\n')
        .at(-1) ?? '');
  const sock = join(CLUSTER_DIR, 'node', 'containerd', 'containerd.sock');
  await run('ctr', ['--connect-timeout', '3s', '-a', sock, '-n', 'k8s.io', 'images', 'import', '--no-unpack=false', archive], {
    timeout: 5 * 60_000,
  });
  const index = JSON.parse((await run('tar', ['-xOf', archive, 'index.json'])).stdout) as { manifests: { digest: string }[] };
  const manifest = JSON.parse(
    (await run('tar', ['-xOf', archive, `blobs/sha256/${index.manifests[0]!.digest.slice(7)}`])).stdout,
  ) as { layers: { size: number }[] };
  return { archive, archiveBytes: statSync(archive).size, layerBytes: manifest.layers.map((l) => l.size) };
}

/** Helm, built from Go modules by scripts/cluster/helm.sh (once: 3-5 min cold, then cached). */
export async function helmPath(): Promise<string> {
  const { stdout } = await run('bash', [join(ROOT, 'scripts/cluster/helm.sh')], { timeout: 20 * 60_000 });
  return stdout.trim().split('\n').at(-1) ?? '';
}

export async function helm(args: string[]): Promise<string> {
  const { stdout } = await run(await helmPath(), ['--kubeconfig', KUBECONFIG, ...args], {
    timeout: 5 * 60_000,
    maxBuffer: 16 << 20,
  });
  return stdout;
}

export interface InstallOptions {
  /** the namespaces Podium may show (the chart's `namespaces`: Roles there, nothing cluster-wide) */
  namespaces: string[];
  readOnly?: boolean;
  replicas?: number;
  actionToken?: string;
}

/** The chart's values for the local cluster's real node. */
export function realNodeValues(o: InstallOptions): Record<string, unknown> {
  return {
    replicas: o.replicas ?? 1,
    readOnly: o.readOnly ?? false,
    namespaces: o.namespaces,
    auth: { actionToken: o.actionToken ?? '' },
    nodeSelector: { 'podium.dev/node': 'real' },
    tolerations: [{ key: 'podium.dev/real-node', operator: 'Equal', value: 'true', effect: 'NoSchedule' }],
    // the shared development machine: a smaller request than the chart's default
    resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } },
  };
}

/** `helm upgrade --install` of deploy/helm/podium into `ns`, waiting for the rollout. */
export async function installPodium(ns: string, o: InstallOptions): Promise<void> {
  const values = join(tmpdir(), `podium-values-${ns}-${Date.now()}.json`);
  writeFileSync(values, JSON.stringify(realNodeValues(o)));
  await helm(['upgrade', '--install', RELEASE, join(ROOT, 'deploy/helm/podium'), '-n', ns, '-f', values]);
  await waitPodiumReady(ns, o.replicas ?? 1);
}

/** Waits until exactly `replicas` Podium pods are Ready on the real node (and no old one is left). */
export async function waitPodiumReady(ns: string, replicas: number, timeoutMs = 180_000): Promise<Pod[]> {
  return waitForValue(
    `${replicas} Podium pod(s) Ready on ${REAL_NODE} in ${ns}`,
    async () => {
      const pods = (await kubectlJson<{ items: Pod[] }>(['-n', ns, 'get', 'pods', '-l', SELECTOR])).items;
      const ready = pods.filter(isReady);
      const onNode = ready.every((p) => p.spec.nodeName === REAL_NODE);
      return ready.length === replicas && pods.length === replicas && onNode ? ready : null;
    },
    timeoutMs,
    1_000,
  );
}

export interface PortForward {
  url: string;
  port: number;
  /** resolves when the forward has ended for good (its pod went away, or stop()) */
  exited: Promise<number | null>;
  /** how many times kubectl was started again after "lost connection to pod" */
  restarts: () => number;
  output: () => string;
  stop: () => Promise<void>;
}

const LOST = /lost connection to pod/;
const MAX_RESTARTS = 50;

/**
 * `kubectl port-forward <target> :<port>` on 127.0.0.1; resolves once it listens. kubectl exits with
 * "lost connection to pod" whenever the pod resets one forwarded connection (a browser aborting a
 * request is enough with the real node's containerd 1.6: kubernetes/kubectl#1169,
 * containerd/containerd#8418), so like a person re-running it, this starts it again on the same
 * local port, at most MAX_RESTARTS times; any other exit (the pod is gone) ends it.
 */
export async function portForward(ns: string, target: string, remotePort = 80): Promise<PortForward> {
  let out = '';
  let stopped = false;
  let restarts = 0;
  let child: ChildProcess | null = null;
  let resolveExit: (code: number | null) => void = () => undefined;
  const exited = new Promise<number | null>((resolve) => (resolveExit = resolve));

  const start = (local: number | null) =>
    new Promise<number>((resolve, reject) => {
      const c = spawn(
        kubectlPath(),
        ['--kubeconfig', KUBECONFIG, '-n', ns, 'port-forward', '--address', '127.0.0.1', target, `${local ?? ''}:${remotePort}`],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child = c;
      let mine = '';
      let listening = false;
      const timer = setTimeout(() => reject(new Error(`port-forward ${target}: no port in 30 s:\n${out}`)), 30_000);
      const onData = (d: Buffer) => {
        mine += d.toString();
        out = (out + d.toString()).slice(-10_000);
        const m = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(mine);
        if (m && !listening) {
          listening = true;
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      c.stdout?.on('data', onData);
      c.stderr?.on('data', onData);
      c.once('exit', (code) => {
        clearTimeout(timer);
        if (!listening) reject(new Error(`port-forward ${target} exited (${code}):\n${out}`));
        else if (!stopped && LOST.test(mine) && restarts < MAX_RESTARTS) {
          restarts++;
          start(port).catch(() => resolveExit(code));
        } else resolveExit(code);
      });
    });

  const port = await start(null);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    exited,
    restarts: () => restarts,
    output: () => out,
    stop: async () => {
      stopped = true;
      const c = child as ChildProcess | null;
      if (c && c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
      else resolveExit(null);
      await exited;
    },
  };
}

/**
 * A TCP relay on 127.0.0.1 whose target can be switched (one origin for the browser, so its cookies
 * stay, while its requests go to one Podium pod, then to another). `cut()` closes every open
 * connection (the live stream included); `pause()` refuses new ones until the next `to()`.
 */
export interface Relay {
  url: string;
  to: (port: number) => void;
  pause: () => void;
  cut: () => void;
  /** connections accepted per target port */
  counts: Map<number, number>;
  close: () => Promise<void>;
}

export async function switchableRelay(firstPort: number): Promise<Relay> {
  let target: number | null = firstPort;
  const open = new Set<Socket>();
  const counts = new Map<number, number>();
  const server: Server = createServer((client) => {
    if (target === null) return client.destroy();
    const port = target;
    counts.set(port, (counts.get(port) ?? 0) + 1);
    const upstream = connect({ host: '127.0.0.1', port });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('error', end).on('close', () => {
        open.delete(s);
        end();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const cut = () => {
    for (const s of open) s.destroy();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    to: (p) => {
      target = p;
    },
    pause: () => {
      target = null;
    },
    cut,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        cut();
        server.close(() => resolve());
      }),
  };
}

/** The Podium pods' names, oldest first. */
export async function podiumPods(ns: string): Promise<Pod[]> {
  const pods = (await kubectlJson<{ items: Pod[] }>(['-n', ns, 'get', 'pods', '-l', SELECTOR])).items;
  return pods.filter((p) => !p.metadata.deletionTimestamp);
}

/** A browser-like session with one Podium (fetch, with the cookies it sets kept by hand). */
export class Session {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(public base: string) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async fetch(path: string, init: { method?: string; body?: unknown; base?: string } = {}): Promise<Response> {
    const base = init.base ?? this.base;
    const headers: Record<string, string> = { cookie: this.cookieHeader() };
    if (init.method && init.method !== 'GET') {
      headers.origin = base;
      headers['x-podium-csrf'] = this.csrf;
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(30_000),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  }

  /** GET /api/session: the CSRF token (and its cookie). */
  async start(base = this.base): Promise<{ csrfToken: string; unlocked: boolean; readOnly: boolean }> {
    const res = await this.fetch('/api/session', { base });
    const body = (await res.json()) as { csrfToken: string; unlocked: boolean; readOnly: boolean };
    this.csrf = body.csrfToken;
    return body;
  }
}

/**
 * Reads a Server-Sent Events stream until `done(events)` says so or the time runs out; every event
 * as {event, data}. Bounded in time; the request is aborted at the end.
 */
export async function readStream(
  url: string,
  done: (events: { event: string; data: unknown }[]) => boolean,
  timeoutMs = 30_000,
): Promise<{ event: string; data: unknown }[]> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  const events: { event: string; data: unknown }[] = [];
  try {
    const res = await fetch(url, { signal: ac.signal, headers: { accept: 'text/event-stream' } });
    if (!res.ok || !res.body) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
    const decoder = new TextDecoder();
    let buf = '';
    const reader = res.body.getReader();
    for (;;) {
      const { done: ended, value } = await reader.read();
      if (ended) break;
      buf += decoder.decode(value, { stream: true });
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
      if (done(events)) break;
    }
  } catch (err) {
    if (!ac.signal.aborted) throw err;
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
  return events;
}

/** Deletes a namespace without waiting (the after() of a test file). */
export const dropNamespace = (ns: string) => kubectl(['delete', 'namespace', ns, '--wait=false']).catch(() => undefined);
