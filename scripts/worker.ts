// The background tracker as its own process: `tsx --conditions=react-server scripts/worker.ts`
// (env: DATABASE_URL, AWS_REGION / AWS_ENDPOINT_URL / credentials; optional TRACKER_POLL_MS, TRACKER_SLICE_MS,
// TRACKER_LEASE_SECONDS, TRACKER_MAINTENANCE_SECONDS, TRACKER_CONCURRENCY). Run as many as you like: pg-boss
// gives each active deployment to one of them at a time.
import { databaseUrl } from "../lib/db/client.ts";
import { startTracker, timingFromEnv } from "../lib/deployments/tracker/index.ts";

// Plain lines: npm run dev prefixes each child's output with its name already.
const log = (line: string) => console.log(line);

async function main() {
  const tracker = await startTracker({ databaseUrl: databaseUrl(), ...timingFromEnv(process.env) });
  log(`tracking deployments (pid ${process.pid}); resumed ${tracker.resumedAtStart} left without a tracker`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: handing running deployments back to the queue`);
    // A second signal, or a stop that hangs, must not keep the process alive: the leases expire on their own.
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await tracker.stop().catch((error) => console.error("[worker]   stop failed", error));
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error) => {
  console.error(`[worker]   could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
