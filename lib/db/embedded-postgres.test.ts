import { chmodSync, cpSync, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { packagedBinaries } from "./embedded/binaries.ts";
import { checkoutKey } from "./embedded/placement.ts";
import { EmbeddedPostgresError, startEmbeddedPostgres, type EmbeddedServer } from "./embedded-postgres.ts";

// A checkout inside a mode-700 folder, as root (`git clone . $(mktemp -d)/x`): the postgres user cannot enter it,
// so binaries and data move to a per-checkout folder, and a restart finds the same data there.

const asRoot = process.getuid?.() === 0;
const cleanups: (() => void)[] = [];
afterAll(() => cleanups.reverse().forEach((fn) => fn()));

function privateCheckout() {
  const outer = mkdtempSync(path.join(os.tmpdir(), "stackdeck-private-")); // mode 700, like mktemp -d
  const checkout = path.join(outer, "x");
  const packaged = packagedBinaries();
  const binaries = { dir: path.join(checkout, "node_modules/pg/native"), version: packaged.version };
  cpSync(packaged.dir, binaries.dir, { recursive: true, verbatimSymlinks: true });
  const stateRoot = mkdtempSync(path.join(os.tmpdir(), "stackdeck-state-"));
  chmodSync(stateRoot, 0o755);
  cleanups.push(() => rmSync(outer, { recursive: true, force: true }), () => rmSync(stateRoot, { recursive: true, force: true }));
  return { outer, checkout, binaries, stateRoot };
}

async function query(server: EmbeddedServer, sql: string) {
  const client = new pg.Client({ connectionString: server.url("postgres") });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.runIf(asRoot)("embedded PostgreSQL from a folder only root may enter", () => {
  const port = 21_000 + Math.floor(Math.random() * 15_000);

  it("moves binaries and data where the postgres user can reach them, says where, and keeps the data", { timeout: 90_000 }, async () => {
    const { outer, checkout, binaries, stateRoot } = privateCheckout();
    expect(statSync(outer).mode & 0o777).toBe(0o700);
    const options = { dataDir: path.join(checkout, ".data/postgres"), port, checkoutDir: checkout, binaries, stateRoots: [stateRoot] };
    const lines: string[] = [];
    const first = await startEmbeddedPostgres({ ...options, onPlacement: (line) => lines.push(line) });
    const home = path.join(stateRoot, checkoutKey(checkout));
    expect(first.dataDir).toBe(path.join(home, "postgres"));
    expect(lines).toEqual([`embedded PostgreSQL on 127.0.0.1:${port}: the postgres user cannot enter ${outer}, so its binaries and data live in ${home} (kept across restarts; delete it to start over)`]);
    await query(first, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");

    // Same port again while it runs: one clear sentence, not a stack trace.
    const clash = await startEmbeddedPostgres({ ...options, dataDir: path.join(stateRoot, "other") }).catch((e: unknown) => e);
    expect(clash).toBeInstanceOf(EmbeddedPostgresError);
    expect(clash).toMatchObject({ code: "port_in_use", message: expect.stringContaining(`127.0.0.1:${port}: another program uses that port. Fix:`) });
    await first.stop();

    const again = await startEmbeddedPostgres(options);
    expect(again.dataDir).toBe(first.dataDir);
    expect(await query(again, "SELECT note FROM kept")).toEqual([{ note: "still here" }]);
    await again.stop();
  });
});
