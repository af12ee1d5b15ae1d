import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createDb, type Db } from "../db/client.ts";
import { migrate } from "../db/migrator.ts";
import { createScratchDatabase } from "../testing/scratch-database.ts";
import { recordAudit } from "./record.ts";
import { verifyAuditChain } from "./verify.ts";

// Forging needs the triggers out of the way, so this file works on a database of its own.
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let db: Db;

beforeAll(async () => {
  scratch = await createScratchDatabase(process.env.STACKDECK_TEST_SERVER_URL!, "stackdeck_forge");
  await migrate(scratch.url);
  db = createDb(scratch.url);
  for (const action of ["a", "b", "c", "d"]) await db.$transaction((tx) => recordAudit(tx, { actor: "system", action }));
});

afterAll(async () => {
  await db.$disconnect();
  await scratch.drop();
});

async function asSuperuser(sql: string) {
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("ALTER TABLE audit_events DISABLE TRIGGER USER");
    await client.query(sql);
    await client.query("ALTER TABLE audit_events ENABLE TRIGGER USER");
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

describe("verifyAuditChain", () => {
  it("reports an intact chain with its length", async () => {
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 4 });
  });

  it("catches a forged row appended with a made-up hash", async () => {
    const fake = "f".repeat(64);
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    const last = (await client.query("SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1")).rows[0].hash;
    await client.query(
      `INSERT INTO audit_events (seq, occurred_at, actor_type, action, prev_hash, hash) VALUES (5, now(), 'user', 'role.granted', $1, $2)`,
      [last, fake],
    );
    await client.end();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 5n, count: 4 });
  });

  it("catches an edited entry and a deleted one", async () => {
    await asSuperuser("DELETE FROM audit_events WHERE seq = 5");
    await asSuperuser("UPDATE audit_events SET action = 'edited' WHERE seq = 2");
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 2n });
    await asSuperuser("UPDATE audit_events SET action = 'b' WHERE seq = 2");
    await asSuperuser("DELETE FROM audit_events WHERE seq = 3");
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 3n, reason: "entry 3 is missing" });
  });
});
