// deploy/Dockerfile (for people with Docker) and scripts/cluster/images.sh podium (the archive the
// local cluster runs, built without Docker) must make the same image: the same entry point, working
// directory, user, environment, port and stop signal, and the same files under /app, owned alike.
// The config comes from `images.sh --config podium` (nothing is built); the file list from the
// archive images.sh built for the current sources, or the newest one in the cache.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const IMAGES = join(ROOT, 'scripts/cluster/images.sh');

interface ImageConfig {
  Entrypoint?: string[];
  Cmd?: string[];
  WorkingDir?: string;
  User?: string;
  Env?: string[];
  ExposedPorts?: Record<string, object>;
  StopSignal?: string;
}

interface Stage {
  from: string;
  config: ImageConfig;
  copies: { from: string | null; chown: string | null; src: string[]; dest: string }[];
}

/** The instructions of a Dockerfile, comments dropped and continuation lines joined. */
function instructions(text: string): { op: string; args: string }[] {
  const joined = text.replace(/\\\r?\n/g, ' ');
  return joined
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [op = '', ...rest] = l.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

/** ENV's two forms: `ENV K=V K2="V 2"` and the legacy `ENV K V`. */
function envPairs(args: string): string[] {
  if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(args)) {
    const [k = '', ...v] = args.split(/\s+/);
    return [`${k}=${v.join(' ')}`];
  }
  return [...args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|\S*)/g)].map(
    (m) => `${m[1]}=${m[3] ?? m[2]}`,
  );
}

/** The last stage of a Dockerfile as an OCI image config (only what it declares itself) and its COPYs. */
function finalStage(text: string): Stage {
  let stage: Stage | null = null;
  for (const { op, args } of instructions(text)) {
    if (op === 'FROM') {
      stage = { from: args.split(/\s+/)[0] ?? '', config: {}, copies: [] };
      continue;
    }
    if (!stage) throw new Error(`${op} before FROM`);
    const c = stage.config;
    const exec = () => JSON.parse(args) as string[];
    if (op === 'ENV') c.Env = [...(c.Env ?? []), ...envPairs(args)];
    else if (op === 'WORKDIR') c.WorkingDir = args;
    else if (op === 'USER') c.User = args;
    else if (op === 'ENTRYPOINT') c.Entrypoint = exec();
    else if (op === 'CMD') c.Cmd = exec();
    else if (op === 'STOPSIGNAL') c.StopSignal = args;
    else if (op === 'EXPOSE')
      for (const p of args.split(/\s+/))
        c.ExposedPorts = { ...c.ExposedPorts, [p.includes('/') ? p : `${p}/tcp`]: {} };
    else if (op === 'COPY') {
      const words = args.split(/\s+/);
      const flag = (name: string) => words.find((w) => w.startsWith(`--${name}=`))?.split('=')[1] ?? null;
      const paths = words.filter((w) => !w.startsWith('--'));
      stage.copies.push({
        from: flag('from'),
        chown: flag('chown'),
        src: paths.slice(0, -1),
        dest: paths.at(-1) ?? '',
      });
    }
  }
  if (!stage) throw new Error('no FROM in the Dockerfile');
  return stage;
}

const dockerfile = finalStage(readFileSync(join(ROOT, 'deploy/Dockerfile'), 'utf8'));
const built = JSON.parse(
  execFileSync('bash', [IMAGES, '--config', 'podium'], { encoding: 'utf8' }),
) as ImageConfig;

describe('deploy/Dockerfile and images.sh podium: the same image config', () => {
  it('the same entry point and command: node server.js, node as PID 1 (no shell, no docker-entrypoint.sh)', () => {
    assert.deepEqual(dockerfile.config.Entrypoint, built.Entrypoint);
    assert.deepEqual(dockerfile.config.Cmd, built.Cmd);
    assert.deepEqual([...(built.Entrypoint ?? []), ...(built.Cmd ?? [])], ['node', 'server.js']);
  });

  it('the same working directory, numeric user 1000, port and stop signal', () => {
    assert.equal(dockerfile.config.WorkingDir, built.WorkingDir);
    assert.equal(built.WorkingDir, '/app');
    assert.equal(dockerfile.config.User, built.User);
    assert.match(built.User ?? '', /^1000(:1000)?$/, 'numeric: runAsNonRoot can be checked');
    assert.deepEqual(dockerfile.config.ExposedPorts, built.ExposedPorts);
    assert.equal(dockerfile.config.StopSignal, built.StopSignal);
  });

  it('the same environment (PATH aside: each base image has its own)', () => {
    const withoutPath = (env: string[] = []) => env.filter((e) => !e.startsWith('PATH=')).sort();
    assert.deepEqual(withoutPath(dockerfile.config.Env), withoutPath(built.Env));
    assert.ok(built.Env?.includes('NODE_ENV=production'));
    assert.ok(built.Env?.includes('HOSTNAME=0.0.0.0'), 'listens on the pod IP, not only loopback');
  });

  it('the same Node major version', () => {
    const major = /^node:(\d+)/.exec(dockerfile.from)?.[1];
    const env = readFileSync(join(ROOT, 'scripts/env.sh'), 'utf8');
    assert.equal(major, /PODIUM_NODE_VERSION=(\d+)\./.exec(env)?.[1]);
  });

  it('copies the standalone server, its static files and public/ exactly when there is one, owned by root', () => {
    const copies = dockerfile.copies.map((c) => `${c.src.join(' ')} -> ${c.dest}`);
    const expected = ['/src/.next/standalone -> ./', '/src/.next/static -> ./.next/static'];
    if (existsSync(join(ROOT, 'public'))) expected.push('/src/public -> ./public');
    assert.deepEqual(copies, expected);
    assert.deepEqual(
      dockerfile.copies.map((c) => c.chown),
      dockerfile.copies.map(() => null),
      'root-owned: images.sh tars every file as 0:0',
    );
    const script = readFileSync(IMAGES, 'utf8');
    assert.match(script, /\[\[ -d \$src\/public \]\] && cp -a "\$src\/public" "\$app\/public"/);
  });
});

/** The archive for the current sources when it is built, else the newest podium archive (may be older). */
function archive(): { path: string; current: boolean } | null {
  const current = execFileSync('bash', [IMAGES, '--archive', 'podium'], { encoding: 'utf8' }).trim();
  if (existsSync(current)) return { path: current, current: true };
  const dir = join(current, '..');
  const all = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /^podium-[0-9a-f]{12}\.tar$/.test(f))
        .map((f) => join(dir, f))
        .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
    : [];
  return all[0] ? { path: all[0], current: false } : null;
}

function tar(args: string[]): Buffer {
  return execFileSync('tar', args, { maxBuffer: 1 << 24 });
}

/** The digests of an archive's layers, in order. */
function layerDigests(path: string): string[] {
  const index = JSON.parse(tar(['-xOf', path, 'index.json']).toString()) as {
    manifests: { digest: string }[];
  };
  const blob = (d: string) => tar(['-xOf', path, `blobs/sha256/${d.replace('sha256:', '')}`]);
  const manifest = JSON.parse(blob(index.manifests[0]!.digest).toString()) as {
    layers: { digest: string }[];
  };
  return manifest.layers.map((l) => l.digest.replace('sha256:', ''));
}

/** `tar <args>` over one layer of the archive, streamed (a layer is tens of MB). */
function inLayer(path: string, digest: string, args: string): string {
  return execFileSync('bash', ['-c', `tar -xOf "$0" "blobs/sha256/$1" | tar ${args}`, path, digest], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
}

/** A layer's entries as "mode uid/gid path". */
function entries(path: string, digest: string): string[] {
  return inLayer(path, digest, '--numeric-owner -tvf -')
    .trim()
    .split('\n')
    .map((line) => {
      const f = line.split(/\s+/);
      return `${f[0]} ${f[1]} ${f
        .slice(5)
        .join(' ')
        .replace(/ -> .*/, '')}`;
    });
}

describe('the archive images.sh built: the layout deploy/Dockerfile makes', () => {
  const found = archive();
  const skip = found
    ? false
    : 'no podium archive yet: run `bash scripts/cluster/images.sh podium` (about 2 min)';

  it('the same files under /app, all owned by root; no .next/cache baked in', { skip }, (t) => {
    if (!found!.current) t.diagnostic(`${found!.path} was built from older sources`);
    const all = layerDigests(found!.path).flatMap((d) => entries(found!.path, d));
    const app = all.map((e) => e.split(' ')).filter(([, , p]) => p?.startsWith('./app/') && p !== './app/');
    const top = [...new Set(app.map(([, , p]) => p!.split('/')[2]!))].sort();
    const expected = ['.next', 'node_modules', 'package.json', 'server.js'];
    if (existsSync(join(ROOT, 'public'))) expected.push('public');
    assert.deepEqual(top, expected.sort());
    const paths = new Set(app.map(([, , p]) => p!.replace(/\/$/, '')));
    for (const p of [
      './app/.next/static',
      './app/.next/server',
      './app/.next/BUILD_ID',
      './app/node_modules/next',
    ])
      assert.ok(paths.has(p), `${p} in the image`);
    assert.ok(!paths.has('./app/.next/cache'), 'the cache is an emptyDir, not part of the image');
    const notRoot = app.filter(([, owner]) => owner !== '0/0');
    assert.deepEqual(notRoot.slice(0, 5), [], 'every file under /app is 0/0');
  });

  it(
    'user 1000 exists, /tmp is world-writable with the sticky bit, node is /usr/local/bin/node',
    { skip },
    () => {
      const [digest = ''] = layerDigests(found!.path);
      const base = entries(found!.path, digest);
      assert.ok(
        base.some((e) => /^drwxrwxrwt 0\/0 \.\/tmp\/$/.test(e)),
        'a /tmp like a Debian image',
      );
      assert.ok(base.some((e) => e.endsWith(' ./usr/local/bin/node')));
      const passwd = inLayer(found!.path, digest, '-xOf - ./etc/passwd');
      assert.match(passwd, /^node:x:1000:1000:/m, '/etc/passwd names user 1000 (node, like the node image)');
    },
  );
});
