import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import path from "node:path";
import { isAlive } from "../../lib/process/is-alive.ts";
import { ROOT } from "./paths.ts";

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  color: number; // ANSI colour for the output prefix
  /** Its exit (done, or failed) is reported but stops nothing: the others keep running. */
  optional?: boolean;
}

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;

function prefix(spec: ChildSpec): string {
  const label = `[${spec.name}]`.padEnd(10);
  return useColor ? `\x1b[${spec.color}m${label}\x1b[0m` : label;
}

/**
 * Starts children in their own process groups with prefixed output. When one exits on its own, or on Ctrl-C /
 * SIGTERM, all are stopped and `onStop` runs (e.g. stopping PostgreSQL) before this process exits.
 */
export function superviseChildren(specs: ChildSpec[], onStop: () => Promise<void>): number[] {
  const running = new Map<string, ChildProcess>();
  let stopping = false;

  const stopAll = async (code: number, why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${why}: stopping ${[...running.keys()].join(", ") || "nothing"}…`);
    await Promise.all([...running.values()].map(stopChild));
    await onStop().catch((e) => console.error("shutdown:", e));
    console.log("stopped.");
    process.exit(code);
  };

  for (const spec of specs) {
    const child = spawn(spec.command, spec.args, { env: spec.env ?? process.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    running.set(spec.name, child);
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream! }).on("line", (line) => console.log(`${prefix(spec)} ${line}`));
    }
    child.on("exit", (code, signal) => {
      running.delete(spec.name);
      if (stopping) return;
      if (spec.optional) console.log(`${prefix(spec)} finished (${signal ?? `code ${code}`})`);
      else void stopAll(1, `${spec.name} exited (${signal ?? `code ${code}`})`);
    });
  }
  process.on("SIGINT", () => void stopAll(0, "Ctrl-C"));
  process.on("SIGTERM", () => void stopAll(0, "SIGTERM"));
  return [...running.values()].map((child) => child.pid!);
}

/**
 * Children run in their own process groups, so a supervisor killed with SIGKILL leaves them running (holding
 * their ports). Stop the groups a previous, dead supervisor recorded before starting new ones.
 */
export async function reapOrphans(previous: { pid: number; childPids: number[] } | null): Promise<void> {
  if (!previous) return;
  if (isAlive(previous.pid) && previous.pid !== process.pid) {
    throw new Error(`another npm run dev is already running (pid ${previous.pid}); stop it first`);
  }
  const orphans = (previous.childPids ?? []).filter(isAlive);
  for (const pid of orphans) {
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  for (let i = 0; i < 50 && orphans.some(isAlive); i++) await new Promise((r) => setTimeout(r, 100));
  if (orphans.length) console.log(`[dev]      stopped ${orphans.length} process(es) left over by a previous run`);
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => signalGroup(child, "SIGKILL"), 8_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    signalGroup(child, "SIGTERM");
  });
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal); // the whole group: next dev starts workers of its own
  } catch {
    child.kill(signal);
  }
}

/** The background tracker (scripts/worker.ts): follows every active deployment, one poller each. */
export function workerChild(env: NodeJS.ProcessEnv): ChildSpec {
  return { name: "worker", command: path.join(ROOT, "node_modules/.bin/tsx"), args: ["--conditions=react-server", "scripts/worker.ts"], env, color: 33 };
}

/** The living demo (scripts/demo.ts): seeds a first start, then keeps the demo's traffic coming. */
export function demoChild(env: NodeJS.ProcessEnv): ChildSpec {
  return { name: "demo", command: path.join(ROOT, "node_modules/.bin/tsx"), args: ["--conditions=react-server", "scripts/demo.ts"], env, color: 32, optional: true };
}
