// Liveness as an exec probe (story 004): `node src/liveness.ts` exits 0 when /healthz answers 200
// within LIVENESS_TIMEOUT_MS (default 1000), else 1. The kubelet runs it inside the container.
export {};

const port = process.env.PORT || '8080';
const timeoutMs = Number(process.env.LIVENESS_TIMEOUT_MS) || 1000;

try {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
  process.exit(res.ok ? 0 : 1);
} catch {
  process.exit(1);
}
