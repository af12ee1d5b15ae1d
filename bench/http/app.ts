// The app under test exactly as production runs it: `npm run build` (skipped while .next is newer than every
// source file) and `npm start` (scripts/start.ts: migrations, then `next start` and the worker, supervised).
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { descendants, rssBytes } from "../lib/machine.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCES = ["app", "lib", "components", "proxy.ts", "next.config.ts", "package-lock.json", "prisma/schema.prisma"];

function newestMtime(entry: string): number {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(full).filter((name) => name !== "generated").map((name) => newestMtime(path.join(entry, name))));
}

/** Builds unless the current build is newer than every source; returns the build's duration (null: reused). */
export async function ensureBuild(logFile: string, force = false): Promise<number | null> {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  const fresh = existsSync(buildId) && statSync(buildId).mtimeMs > Math.max(...SOURCES.map(newestMtime));
  if (fresh && !force) return null;
  const started = performance.now();
  await run("npm", ["run", "build"], logFile);
  return performance.now() - started;
}

function run(command: string, args: string[], logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(logFile);
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited ${code}; see ${logFile}`))));
  });
}

export interface RunningApp {
  url: string;
  /** Milliseconds from `npm start` to the first 200 of /api/health. */
  startMs: number;
  /** The Next server's processes and the worker's, by what they run. */
  processes(): { app: number[]; worker: number[]; all: number[] };
  appRss(): number;
  workerRss(): number;
  stop(): Promise<void>;
}

export async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode} before it was healthy`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url}/api/health did not answer 200 within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `npm start` with `env` (DATABASE_URL, NEXTAUTH_*, PORT, AWS_*), its output in `logFile`; resolves once healthy. */
export async function startApp(env: Record<string, string>, logFile: string): Promise<RunningApp> {
  const url = `http://127.0.0.1:${env.PORT}`;
  const log = createWriteStream(logFile);
  const started = performance.now();
  const child = spawn("npm", ["start"], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  await waitForHealth(url, child, 180_000);
  const startMs = performance.now() - started;
  const processes = () => {
    const all = descendants(child.pid!);
    return {
      app: all.filter((p) => /next-server|next start|next\/dist/.test(p.command)).map((p) => p.pid),
      worker: all.filter((p) => p.command.includes("scripts/worker.ts")).map((p) => p.pid),
      all: [child.pid!, ...all.map((p) => p.pid)],
    };
  };
  const sum = (pids: number[]) => pids.reduce((total, pid) => total + rssBytes(pid), 0);
  return {
    url,
    startMs,
    processes,
    appRss: () => sum(processes().app),
    workerRss: () => sum(processes().worker),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid!, "SIGTERM");
      const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
