// The e2e web server: a fresh database (on DATABASE_URL's server, or an embedded PostgreSQL), migrations, demo
// users, then `next start` of the production build. Everything is removed again when Playwright stops it.
import { spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { startScratchPostgres } from "../../lib/testing/scratch-postgres.ts";
import { EmbeddedPostgresError } from "../../lib/db/embedded-postgres.ts";
import { createScratchDatabase } from "../../lib/testing/scratch-database.ts";
import { dropDatabaseRoles } from "../../lib/db/roles.ts";
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
  const adminUrl = serverUrl;
  cleanups.unshift(async () => {
    await scratch.drop();
    await dropDatabaseRoles(adminUrl, scratch.name); // prepareDatabase made <database>_owner and <database>_app
  });
  process.env.DATABASE_URL = scratch.url;
  const audit = useE2eAuditKey();
  const database = await prepareDatabase({ demo: true, log: (line) => console.log(`[e2e] ${line}`) });
  process.env.DATABASE_URL = database.url; // from here on everything connects as the app's role
  ensureDataDir();

  // The local AWS sandbox (fast, but slow enough to watch progress) and the tracker, both in this process; the
  // app reaches the sandbox over HTTP through the SDK like it would reach AWS.
  const sandbox = await startSandbox({ port: 0, ephemeral: true, speed: Number(process.env.E2E_SANDBOX_SPEED ?? 0.02), quiet: true });
  cleanups.unshift(() => sandbox.close());
  Object.assign(process.env, { AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "e2e", AWS_SECRET_ACCESS_KEY: "e2e" });
  // Specs force alarms through the SDK (e2e/alarms.spec.ts): they need the sandbox's URL, and a quick alarm refresh.
  writeFileSync(
    E2E_RUNTIME_FILE,
    JSON.stringify({ databaseUrl: database.url, ownerUrl: database.ownerUrl, sandboxUrl: sandbox.url, ...audit }),
    { mode: 0o600 },
  );
  process.env.ALARM_REFRESH_SECONDS ??= "2";
  // issue 16: drift detections followed and teardown windows acted on within seconds, not the production cadence.
  process.env.DRIFT_REFRESH_SECONDS ??= "1";
  process.env.TEARDOWN_TICK_SECONDS ??= "2";
  const tracker = await startTracker({ databaseUrl: database.url, pollIntervalMs: 250 });
  cleanups.unshift(() => tracker.stop());

  // The same front server as `npm start` (scripts/serve.ts): client IPs from the socket, never from a header.
  const app = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/serve.ts", "--port", String(port), "--hostname", "127.0.0.1"], {
    env: {
      ...process.env,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXT_TELEMETRY_DISABLED: "1",
      STACKDECK_DEMO: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Specs read the server's log (no secret may ever appear in it), so every line is also kept in a file.
  app.stdout!.on("data", (chunk: Buffer) => process.stdout.write(chunk));
  app.stderr!.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // Without this, Node exits as soon as nothing but pg-boss's unreferenced timers is left, in the middle of
      // the tracker's stop: the database and its roles were never dropped and piled up on the shared server.
      const keepAlive = setInterval(() => undefined, 1_000);
      app.kill("SIGTERM");
      for (const cleanup of cleanups) await cleanup().catch((e) => console.error("[e2e] cleanup:", e));
      rmSync(E2E_RUNTIME_FILE, { force: true });
      clearInterval(keepAlive);
      process.exit(0);
    })());
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  app.on("exit", (code) => {
    // A front server that died (no build, a bad setting) must end the run now, not after Playwright's timeout.
    if (code) {
      console.error(`[e2e] the front server exited with ${code}`);
      void stop();
    }
  });
}

/** A key and checkpoint file of this run's own; checkpoints every 2 s so specs see them. */
function useE2eAuditKey() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "stackdeck-e2e-audit-"));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const logFile = path.join(dir, "server.log");
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      try {
        appendFileSync(logFile, chunk);
      } catch {
        // the run's folder is gone (cleanup): the terminal still gets the line
      }
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
  Object.assign(process.env, {
    AUDIT_HMAC_KEY: randomBytes(32).toString("base64url"),
    AUDIT_CHECKPOINT_FILE: path.join(dir, "checkpoints.jsonl"),
    AUDIT_CHECKPOINT_SECONDS: process.env.AUDIT_CHECKPOINT_SECONDS ?? "2",
  });
  return { auditKey: process.env.AUDIT_HMAC_KEY!, checkpointFile: process.env.AUDIT_CHECKPOINT_FILE!, logFile };
}

main().catch(async (error) => {
  console.error("[e2e] server failed to start:", error instanceof EmbeddedPostgresError ? error.message : error);
  for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  process.exit(1);
});

