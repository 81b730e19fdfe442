import 'server-only';

// One JSON line on stdout per action, for whoever collects the pod's logs. Only what happened and
// to what: never a token, a cookie or a request body (an image name or a replica count goes in
// `detail` as a short sentence, written by the route, not copied from the request).

export type AuditOutcome = 'ok' | 'refused' | 'failed';

export interface AuditEntry {
  action: string;
  namespace: string;
  name: string;
  outcome: AuditOutcome;
  status: number;
  detail: string;
}

export interface AuditLine extends AuditEntry {
  ts: string;
}

type Sink = (line: string) => void;
const g = globalThis as typeof globalThis & { __podiumAuditSink?: Sink };

/** Values can come from a hostile URL: keep them short (JSON.stringify already escapes newlines). */
function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

export function auditLine(entry: AuditEntry, now = new Date()): string {
  const line: AuditLine = {
    ts: now.toISOString(),
    action: clip(entry.action, 40),
    namespace: clip(entry.namespace, 80),
    name: clip(entry.name, 260),
    outcome: entry.outcome,
    status: entry.status,
    detail: clip(entry.detail, 500),
  };
  return JSON.stringify(line);
}

export function audit(entry: AuditEntry): void {
  const line = auditLine(entry);
  if (g.__podiumAuditSink) g.__podiumAuditSink(line);
  else process.stdout.write(`${line}\n`);
}

/** Tests: capture audit lines instead of printing them; returns a function that restores stdout. */
export function captureAudit(sink: Sink): () => void {
  g.__podiumAuditSink = sink;
  return () => {
    g.__podiumAuditSink = undefined;
  };
}
