// Runs once when the server starts (Next.js instrumentation hook), before the first request.
// Podium refuses to start with an unusable PODIUM_SESSION_KEY (too short, unreadable file): a
// Deployment whose pods crash with the reason in `kubectl logs` is easier to fix than replicas
// that each fall back to a key of their own and turn every other action into "BadCsrf" or "Locked".
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { sessionKey } = await import('./lib/routes/security');
  try {
    const { source } = sessionKey();
    if (source)
      console.log(`[podium] session key from ${source}: tokens are valid on every replica that shares it`);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
