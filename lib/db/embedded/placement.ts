import { createHash } from "node:crypto";
import path from "node:path";

// Where the embedded PostgreSQL's binaries and data live. As root, initdb and postgres run as the OS user
// `postgres`, which must be able to enter every folder above them: a checkout inside a mode-700 folder (root's
// home, a `mktemp -d` folder) is out of its reach. Then both move to a per-checkout folder that user can reach,
// the same one on every start, so the database survives restarts.

export type Reach = "binaries" | "folder";

export interface PlacementInput {
  /** initdb/postgres run as another user only when we are root. */
  runsAsRoot: boolean;
  /** The binary package's `native` folder (bin/, lib/, share/). */
  binariesDir: string;
  binariesVersion: string;
  /** Where the caller wants the data (e.g. <checkout>/.data/postgres); its parent exists. */
  dataDir: string;
  /** Identifies the checkout, so each checkout keeps its own relocated folder. */
  checkoutDir: string;
  /** Whether the postgres user can run the binaries in a folder / enter a folder. */
  reachable: (target: string, how: Reach) => boolean;
  /** The folder that holds relocated checkouts, asked for only when something must move. */
  stateRoot: () => string;
}

export interface Placement {
  binariesDir: string;
  dataDir: string;
  /** The per-checkout folder when anything moved, else null. */
  home: string | null;
  movedBinaries: boolean;
  movedData: boolean;
}

export function planPlacement(input: PlacementInput): Placement {
  const inPlace: Placement = { binariesDir: input.binariesDir, dataDir: input.dataDir, home: null, movedBinaries: false, movedData: false };
  if (!input.runsAsRoot) return inPlace;
  const movedBinaries = !input.reachable(input.binariesDir, "binaries");
  const movedData = !input.reachable(path.dirname(input.dataDir), "folder");
  if (!movedBinaries && !movedData) return inPlace;
  const home = path.join(input.stateRoot(), checkoutKey(input.checkoutDir));
  return {
    binariesDir: movedBinaries ? path.join(home, `postgresql-${input.binariesVersion}`) : input.binariesDir,
    dataDir: movedData ? path.join(home, path.basename(input.dataDir)) : input.dataDir,
    home,
    movedBinaries,
    movedData,
  };
}

/** A short, stable name for a checkout: the same path always gives the same folder. */
export function checkoutKey(checkoutDir: string): string {
  const name = path.basename(checkoutDir).replace(/[^A-Za-z0-9_.-]/g, "").slice(0, 32) || "checkout";
  return `${name}-${createHash("sha256").update(path.resolve(checkoutDir)).digest("hex").slice(0, 12)}`;
}

/** The first candidate the postgres user can enter (each is created on the way), else null. */
export function chooseStateRoot(candidates: string[], prepare: (dir: string) => boolean): string | null {
  for (const dir of candidates) if (prepare(dir)) return dir;
  return null;
}

/** One line for the log: where PostgreSQL runs from and why, if it moved. */
export function describePlacement(placement: Placement, port: number, blockedBy: string | null, displayRoot: string): string {
  const show = (p: string) => (p.startsWith(displayRoot + path.sep) ? path.relative(displayRoot, p) : p);
  if (!placement.home) return `embedded PostgreSQL on 127.0.0.1:${port}, data in ${show(placement.dataDir)}`;
  const what = placement.movedBinaries && placement.movedData ? "its binaries and data" : placement.movedData ? "its data" : "its binaries";
  const why = blockedBy ? `the postgres user cannot enter ${blockedBy}` : "the postgres user cannot reach this checkout";
  return `embedded PostgreSQL on 127.0.0.1:${port}: ${why}, so ${what} live in ${placement.home} (kept across restarts; delete it to start over)`;
}
