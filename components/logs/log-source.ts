// What the Logs panel shows: the whole Deployment, one pod (live), or one pod's previous container.
export type LogSource =
  | { kind: 'deployment' }
  | { kind: 'pod'; pod: string }
  | { kind: 'previous'; pod: string; container: string };

export interface LogWindow {
  /** '' = all containers */
  container: string;
  /** 'tail:N' or 'since:S' */
  range: string;
}

export const RANGES: { value: string; label: string }[] = [
  { value: 'tail:100', label: 'last 100 lines' },
  { value: 'tail:1000', label: 'last 1,000 lines' },
  { value: 'since:60', label: 'last minute' },
  { value: 'since:600', label: 'last 10 minutes' },
  { value: 'since:3600', label: 'last hour' },
];

export function logsUrl(ns: string, deployment: string, source: LogSource, w: LogWindow): string {
  const q = new URLSearchParams();
  const [kind, n] = w.range.split(':');
  if (source.kind === 'previous') {
    q.set('previous', 'true');
    q.set('container', source.container);
    return `/api/namespaces/${ns}/pods/${source.pod}/logs?${q}`;
  }
  if (w.container) q.set('container', w.container);
  if (kind === 'tail') q.set('tailLines', n ?? '100');
  else q.set('sinceSeconds', n ?? '600');
  if (source.kind === 'pod') {
    q.set('follow', 'true');
    return `/api/namespaces/${ns}/pods/${source.pod}/logs?${q}`;
  }
  return `/api/namespaces/${ns}/deployments/${deployment}/logs?${q}`;
}
