import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import path from "node:path";
import { isAlive } from "../../../lib/process/is-alive.ts";
import { DATA_DIR, ROOT, ensureDataDir, readRuntimeInfo } from "../paths.ts";

// The console the pictures are taken of: the `npm run dev` running in this checkout, or one started for the
// occasion (its output goes to .data/screenshots-dev.log) and stopped again afterwards.

export interface DemoServer {
  appUrl: string;
  sandboxUrl: string;
  stop: () => Promise<void>;
}

const START_TIMEOUT_MS = 180_000;

export async function runningOrNewDemo(log: (line: string) => void): Promise<DemoServer> {
  const running = readRuntimeInfo();
  if (running && isAlive(running.pid)) {
    if (!running.sandboxUrl) throw new Error("the npm run dev running here talks to another AWS than the local sandbox, so it has no demo; stop it, or start it without STACKDECK_AWS / AWS_ENDPOINT_URL");
    log(`using the npm run dev running at ${running.appUrl}`);
    return { appUrl: running.appUrl, sandboxUrl: running.sandboxUrl, stop: async () => undefined };
  }
  const stalePid = running?.pid;
  ensureDataDir(); // a fresh clone has no .data/ yet
  const logFile = path.join(DATA_DIR, "screenshots-dev.log");
  log(`starting npm run dev (output in ${path.relative(ROOT, logFile)})`);
  const out = createWriteStream(logFile);
  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/dev.ts"], {
    cwd: ROOT,
    env: { ...process.env, STACKDECK_DEMO: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
  const until = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`npm run dev exited (code ${child.exitCode}); see ${logFile}`);
    const info = readRuntimeInfo();
    // runtime.json names the dev orchestrator's own pid, which tsx runs as a child of the process spawned here;
    // a record written by an earlier, dead run is told apart by its pid.
    if (info && info.pid !== stalePid && isAlive(info.pid) && info.sandboxUrl && (await healthy(info.appUrl))) return { appUrl: info.appUrl, sandboxUrl: info.sandboxUrl, stop };
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`npm run dev did not serve the console within ${START_TIMEOUT_MS / 1000} s; see ${logFile}`);
}

async function healthy(appUrl: string): Promise<boolean> {
  return fetch(new URL("/api/health", appUrl)).then((r) => r.ok, () => false);
}
