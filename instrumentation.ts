// Next calls register() once per server process: the local runner's worker starts here, with the server, as
// SPEC §6 asks — unless LOCAL_WORKER=off leaves it to `npm run worker` processes (scripts/worker.ts).
// NEXT_RUNTIME/NEXT_PHASE are Next's own, not configuration.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startBackgroundWork } = await import("@/lib/server/deliveries/start-background-work");
  startBackgroundWork("web");
}
