// The e2e web server: a fresh database (on DATABASE_URL's server, or an embedded PostgreSQL), migrations, demo
// users, then `next start` of the production build. Everything is removed again when Playwright stops it.
import { spawn } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { startScratchPostgres } from "../../lib/testing/scratch-postgres.ts";
import { EmbeddedPostgresError } from "../../lib/db/embedded-postgres.ts";
import { createScratchDatabase } from "../../lib/testing/scratch-database.ts";
import { prepareDatabase } from "../../scripts/lib/database.ts";
import { ROOT, ensureDataDir } from "../../scripts/lib/paths.ts";
import { E2E_RUNTIME_FILE } from "./runtime.ts";
import { startSandbox } from "../../sandbox/server.ts";
import { startTracker } from "../../lib/deployments/tracker/index.ts";

const port = Number(process.env.E2E_PORT ?? 3100);
const cleanups: (() => Promise<void>)[] = [];

async function main() {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startScratchPostgres("e2e", (line) => console.log(`[e2e] ${line}`));
    serverUrl = embedded.url;
    cleanups.unshift(embedded.stop);
  }
  const scratch = await createScratchDatabase(serverUrl, "stackdeck_e2e");
  cleanups.unshift(scratch.drop);
  process.env.DATABASE_URL = scratch.url;
  await prepareDatabase({ demo: true, log: (line) => console.log(`[e2e] ${line}`) });
  ensureDataDir();
  writeFileSync(E2E_RUNTIME_FILE, JSON.stringify({ databaseUrl: scratch.url }));

  // The local AWS sandbox (fast, but slow enough to watch progress) and the tracker, both in this process; the
  // app reaches the sandbox over HTTP through the SDK like it would reach AWS.
  const sandbox = await startSandbox({ port: 0, ephemeral: true, speed: Number(process.env.E2E_SANDBOX_SPEED ?? 0.02), quiet: true });
  cleanups.unshift(() => sandbox.close());
  Object.assign(process.env, { AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "e2e", AWS_SECRET_ACCESS_KEY: "e2e" });
  // Specs force alarms through the SDK (e2e/alarms.spec.ts): they need the sandbox's URL, and a quick alarm refresh.
  writeFileSync(E2E_RUNTIME_FILE, JSON.stringify({ databaseUrl: scratch.url, sandboxUrl: sandbox.url }));
  process.env.ALARM_REFRESH_SECONDS ??= "2";
  const tracker = await startTracker({ databaseUrl: scratch.url, pollIntervalMs: 250 });
  cleanups.unshift(() => tracker.stop());

  const app = spawn(path.join(ROOT, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXT_TELEMETRY_DISABLED: "1",
      STACKDECK_DEMO: "1",
    },
    stdio: "inherit",
  });
  const stop = async () => {
    app.kill("SIGTERM");
    for (const cleanup of cleanups) await cleanup().catch((e) => console.error("[e2e] cleanup:", e));
    rmSync(E2E_RUNTIME_FILE, { force: true });
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  app.on("exit", (code) => {
    if (code) console.error(`[e2e] next start exited with ${code}`);
  });
}

main().catch(async (error) => {
  console.error("[e2e] server failed to start:", error instanceof EmbeddedPostgresError ? error.message : error);
  for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  process.exit(1);
});

