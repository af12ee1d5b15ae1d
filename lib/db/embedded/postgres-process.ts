import { spawn, type ChildProcess } from "node:child_process";
import { chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { explainFailure, EmbeddedPostgresError } from "./failure.ts";
import type { OsUser } from "./os-user.ts";

// initdb and postgres, spawned directly: every spawn error and every early exit becomes an EmbeddedPostgresError
// with PostgreSQL's output behind it. Messages are in English (LC_MESSAGES=C) so readiness and failures can be read.

export interface ProcessOptions {
  binariesDir: string;
  dataDir: string;
  port: number;
  user: OsUser | null; // null: run as ourselves
  onLog: (line: string) => void;
}

const READY = "database system is ready to accept connections";
const START_TIMEOUT_MS = 60_000;

function spawnAs(options: ProcessOptions, binary: string, args: string[]): ChildProcess {
  return spawn(path.join(options.binariesDir, "bin", binary), args, {
    ...(options.user ?? {}),
    env: { ...process.env, LC_MESSAGES: "C", LC_ALL: undefined },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Creates the cluster with a superuser `user` whose password is `password` (scram-sha-256). */
export async function initdb(options: ProcessOptions, credentials: { user: string; password: string }): Promise<void> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  // initdb reads the password from a file; it lives in a private folder only the postgres user may read.
  const secretDir = mkdtempSync(path.join(os.tmpdir(), "stackdeck-pg-"));
  const pwfile = path.join(secretDir, "pw");
  writeFileSync(pwfile, `${credentials.password}\n`, { mode: 0o600 });
  if (options.user) {
    for (const p of [options.dataDir, secretDir, pwfile]) chownSync(p, options.user.uid, options.user.gid);
  }
  try {
    await run(options, "initdb", [
      `--pgdata=${options.dataDir}`, "--auth=scram-sha-256", `--username=${credentials.user}`, `--pwfile=${pwfile}`,
      "--encoding=UTF8", "--locale=C", "--no-sync",
    ]);
  } finally {
    rmSync(secretDir, { recursive: true, force: true });
  }
}

function run(options: ProcessOptions, binary: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnAs(options, binary, args);
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) options.onLog(line);
    };
    child.stdout!.on("data", collect);
    child.stderr!.on("data", collect);
    child.once("error", (error: NodeJS.ErrnoException) => reject(fail(options, "initdb", error.message, error.code)));
    child.once("close", (code) => (code === 0 ? resolve() : reject(fail(options, "initdb", output))));
  });
}

export interface Postmaster {
  stop(): Promise<void>;
}

/** Starts postgres on 127.0.0.1:<port> only, and resolves once it accepts connections. */
export function startPostmaster(options: ProcessOptions): Promise<Postmaster> {
  return new Promise((resolve, reject) => {
    const child = spawnAs(options, "postgres", ["-D", options.dataDir, "-p", String(options.port), "-c", "listen_addresses=127.0.0.1"]);
    let output = "";
    let ready = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new EmbeddedPostgresError("timeout", `The embedded PostgreSQL did not accept connections within ${START_TIMEOUT_MS / 1000} s. Fix: look at its log above, or delete ${options.dataDir} to start over.`));
    }, START_TIMEOUT_MS);
    const collect = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      output += text;
      for (const line of text.split("\n")) if (line.trim()) options.onLog(line);
      if (!ready && output.includes(READY)) {
        ready = true;
        clearTimeout(timer);
        resolve({ stop: () => stopChild(child) });
      }
    };
    child.stdout!.on("data", collect);
    child.stderr!.on("data", collect);
    child.once("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(fail(options, "start", error.message, error.code));
    });
    child.once("exit", () => {
      clearTimeout(timer);
      if (!ready) reject(fail(options, "start", output));
    });
  });
}

function fail(options: ProcessOptions, stage: "initdb" | "start", output: string, errno?: string): EmbeddedPostgresError {
  return explainFailure({ stage, port: options.port, dataDir: options.dataDir, binariesDir: options.binariesDir, output, errno });
}

/** SIGINT is PostgreSQL's "fast" shutdown; a server that does not stop within 10 s gets SIGKILL. */
function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGINT");
  });
}
