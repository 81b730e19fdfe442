// Runs once when the server starts (Next.js instrumentation hook), before the first request.
// Node.js only: the check itself lives in lib/routes/security.ts (startupCheck).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startupCheck } = await import('./lib/routes/security');
    startupCheck();
    // class mode (PODIUM_CLASS): the students' address and the action token, on this terminal only
    const { classStartup } = await import('./lib/class-mode');
    classStartup();
  }
}
