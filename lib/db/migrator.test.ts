import { mkdtempSync, mkdirSync, writeFileSync, cpSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { MIGRATIONS_DIR, migrate, readMigrations } from "./migrator.ts";
import { createScratchDatabase } from "../testing/scratch-database.ts";

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let dir: string;

beforeAll(async () => {
  scratch = await createScratchDatabase(process.env.STACKDECK_TEST_SERVER_URL!, "stackdeck_migrator");
  dir = mkdtempSync(path.join(os.tmpdir(), "stackdeck-migrations-"));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
});

afterAll(() => scratch.drop());

async function history() {
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    return rows;
  } finally {
    await client.end();
  }
}

describe("migrate", () => {
  it("applies every migration once, recording name and sha256 checksum like Prisma", async () => {
    const files = await readMigrations(dir);
    expect(await migrate(scratch.url, dir)).toEqual({ applied: files.map((f) => f.name), alreadyApplied: 0 });
    const rows = await history();
    expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count, r.rolled_back_at])).toEqual(
      files.map((f) => [f.name, f.checksum, 1, null]),
    );
    expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
    expect(files[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is idempotent, also when several starters race", async () => {
    const results = await Promise.all([migrate(scratch.url, dir), migrate(scratch.url, dir), migrate(scratch.url, dir)]);
    expect(results.every((r) => r.applied.length === 0)).toBe(true);
  });

  it("applies a new migration and refuses a failing one without recording it", async () => {
    mkdirSync(path.join(dir, "29990101000000_add_note"));
    writeFileSync(path.join(dir, "29990101000000_add_note/migration.sql"), `CREATE TABLE "notes" ("id" INTEGER PRIMARY KEY);`);
    expect((await migrate(scratch.url, dir)).applied).toEqual(["29990101000000_add_note"]);

    mkdirSync(path.join(dir, "29990102000000_broken"));
    writeFileSync(path.join(dir, "29990102000000_broken/migration.sql"), `CREATE TABLE "half" ("id" INTEGER); SELECT no_such_function();`);
    await expect(migrate(scratch.url, dir)).rejects.toThrow(/29990102000000_broken failed: function no_such_function\(\) does not exist/);
    const names = (await history()).map((r) => r.migration_name);
    expect(names).not.toContain("29990102000000_broken");
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    const half = await client.query(`SELECT to_regclass('"half"') AS t`);
    await client.end();
    expect(half.rows[0].t).toBeNull(); // the failed migration left nothing behind
    writeFileSync(path.join(dir, "29990102000000_broken/migration.sql"), `SELECT 1;`);
  });

  it("refuses to run when an applied migration was edited afterwards", async () => {
    writeFileSync(path.join(dir, "29990101000000_add_note/migration.sql"), `CREATE TABLE "notes" ("id" BIGINT PRIMARY KEY);`);
    await expect(migrate(scratch.url, dir)).rejects.toThrow("Migration 29990101000000_add_note was modified after it was applied (checksum mismatch)");
  });
});
