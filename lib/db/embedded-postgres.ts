import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { isAlive } from "../process/is-alive.ts";
import { packagedBinaries, relocateBinaries } from "./embedded/binaries.ts";
import { EmbeddedPostgresError } from "./embedded/failure.ts";
import { ensurePostgresUser, firstBlockedFolder, prepareSharedFolder, reachableBy, runsAsRoot, type OsUser } from "./embedded/os-user.ts";
import { chooseStateRoot, describePlacement, planPlacement, type Placement } from "./embedded/placement.ts";
import { initdb, startPostmaster } from "./embedded/postgres-process.ts";

// A real PostgreSQL shipped in npm packages, for machines without one (npm run dev's default, and tests when no
// DATABASE_URL is given). As root, initdb/postgres run as the OS user `postgres`; when that user cannot reach the
// checkout, binaries and data move to a per-checkout folder it can reach (lib/db/embedded/placement.ts).

export { EmbeddedPostgresError } from "./embedded/failure.ts";

export interface EmbeddedServer {
  url: (database: string) => string;
  createDatabase: (name: string) => Promise<void>;
  stop: () => Promise<void>;
  /** Where the data really lives (moved out of the checkout when the postgres user cannot reach it). */
  dataDir: string;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Told once where PostgreSQL runs from (and why, when it moved). */
  onPlacement?: (line: string) => void;
  onLog?: (line: string) => void;
  /** Folders that may hold relocated checkouts, in order of preference (tests pass their own). */
  stateRoots?: string[];
  /** The checkout the relocated folder belongs to (default: this one). */
  checkoutDir?: string;
  /** The binaries to run (default: the installed platform package). */
  binaries?: { dir: string; version: string };
}

const USER = "postgres";
const PASSWORD = "stackdeck-local";
const CHECKOUT = path.resolve(import.meta.dirname, "../..");
export const DEFAULT_STATE_ROOTS = ["/var/lib/stackdeck", path.join(os.tmpdir(), "stackdeck")];

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const osUser = runsAsRoot() ? ensurePostgresUser() : null;
  const { placement, blocked } = place(options, osUser);
  options.onPlacement?.(describePlacement(placement, options.port, blocked, CHECKOUT));
  const processOptions = { binariesDir: placement.binariesDir, dataDir: placement.dataDir, port: options.port, user: osUser, onLog: options.onLog ?? (() => undefined) };

  await stopStalePostmaster(placement.dataDir);
  if (!existsSync(path.join(placement.dataDir, "PG_VERSION"))) await initdb(processOptions, { user: USER, password: PASSWORD });
  const postmaster = await startPostmaster(processOptions);
  const url = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  return {
    url,
    dataDir: placement.dataDir,
    createDatabase: async (name) => {
      const client = new pg.Client({ connectionString: url("postgres") });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } catch (error) {
        if (!String(error).includes("already exists")) throw error;
      } finally {
        await client.end();
      }
    },
    stop: () => postmaster.stop(),
  };
}

/** Where to run from; `blocked` names the folder the postgres user could not enter, when anything moved. */
function place(options: EmbeddedOptions, osUser: OsUser | null): { placement: Placement; blocked: string | null } {
  const binaries = options.binaries ?? packagedBinaries();
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true }); // so the probe asks about a folder that exists
  const placement = planPlacement({
    runsAsRoot: !!osUser,
    binariesDir: binaries.dir,
    binariesVersion: binaries.version,
    dataDir,
    checkoutDir: options.checkoutDir ?? CHECKOUT,
    reachable: (target, how) => reachableBy(osUser!, target, how),
    stateRoot: () => {
      const roots = options.stateRoots ?? DEFAULT_STATE_ROOTS;
      const root = chooseStateRoot(roots, (dir) => prepareSharedFolder(osUser!, dir));
      if (!root) throw new EmbeddedPostgresError("permission", `The postgres user can reach neither this checkout nor any of ${roots.join(", ")}. Fix: move the checkout to a folder others may enter, or \`chmod o+x\` the folders above it.`);
      return root;
    },
  });
  if (!placement.home) return { placement, blocked: null };
  prepareSharedFolder(osUser!, placement.home);
  if (placement.movedBinaries) relocateBinaries(binaries.dir, placement.binariesDir);
  return { placement, blocked: firstBlockedFolder(osUser!, placement.movedData ? path.dirname(dataDir) : binaries.dir) };
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
