import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createDb, type Db } from "../db/client.ts";
import { createScratchDatabaseWithRoles } from "../testing/scratch-roles.ts";
import { recordAudit } from "./record.ts";
import { auditKeys } from "./key.ts";
import { legacyEntryHash } from "./canonical.ts";
import { verifyAuditLog } from "./verify.ts";
import { writeCheckpoint } from "./checkpoint-writer.ts";

// Forging needs the owner (the app's role may only append), so this file works on a database of its own, and puts
// the log back as it was after each test. The attacker here is a DBA: full control of the database, no key.
let scratch: Awaited<ReturnType<typeof createScratchDatabaseWithRoles>>;
let db: Db;
let dir: string;
let file: string;
let original: Record<string, unknown>[];
const keys = () => auditKeys();

async function asOwner<T = unknown>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: scratch.ownerUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("ALTER TABLE audit_events DISABLE TRIGGER USER");
    const { rows } = await client.query(sql, values);
    await client.query("ALTER TABLE audit_events ENABLE TRIGGER USER");
    await client.query("COMMIT");
    return rows as T[];
  } finally {
    await client.end();
  }
}

const record = (action: string) => db.$transaction((tx) => recordAudit(tx, { actor: "system", action, details: { n: action } }));
const verify = () => verifyAuditLog(db, { checkpointFile: file });

beforeAll(async () => {
  scratch = await createScratchDatabaseWithRoles(process.env.STACKDECK_TEST_SERVER_URL!, "stackdeck_forge");
  db = createDb(scratch.appUrl);
  dir = mkdtempSync(path.join(os.tmpdir(), "stackdeck-forge-"));
  file = path.join(dir, "checkpoints.jsonl");
  for (const action of ["a", "b", "c", "d", "e", "f"]) await record(action);
  original = await asOwner("SELECT * FROM audit_events ORDER BY seq");
});

afterEach(async () => {
  await asOwner("DELETE FROM audit_events");
  await asOwner("INSERT INTO audit_events SELECT * FROM jsonb_populate_recordset(NULL::audit_events, $1::jsonb)", [JSON.stringify(original)]);
  rmSync(file, { force: true });
});

afterAll(async () => {
  await db.$disconnect();
  await scratch.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("verifyAuditLog", () => {
  it("passes an intact log", async () => {
    expect(await verify()).toMatchObject({ ok: true, count: 6, keyedFrom: 1n, findings: [] });
  });

  it("reports an edited entry, even when the DBA recomputes its hash without the key", async () => {
    await asOwner("UPDATE audit_events SET actor_label = 'mallory@example.com' WHERE seq = 3");
    expect((await verify()).findings).toEqual([{ kind: "edited", seq: 3n }]);

    const [row] = await asOwner<Record<string, unknown>>("SELECT * FROM audit_events WHERE seq = 3");
    const fields = { ...toFields(row!), actorLabel: "mallory@example.com" };
    await asOwner("UPDATE audit_events SET hash = $1 WHERE seq = 3", [legacyEntryHash(String(row!.prev_hash), fields)]);
    expect((await verify()).findings).toEqual([{ kind: "unkeyed", seq: 3n }]);
  });

  it("reports a deleted entry", async () => {
    await asOwner("DELETE FROM audit_events WHERE seq = 4");
    expect(await verify()).toMatchObject({ ok: false, findings: [{ kind: "missing", seq: 4n, through: 4n }] });
  });

  it("reports reordered entries as moved, naming where each was written", async () => {
    await asOwner("UPDATE audit_events SET seq = -2 WHERE seq = 2");
    await asOwner("UPDATE audit_events SET seq = 2 WHERE seq = 3");
    await asOwner("UPDATE audit_events SET seq = 3 WHERE seq = -2");
    expect((await verify()).findings).toEqual([
      { kind: "moved", seq: 2n, from: 3n },
      { kind: "moved", seq: 3n, from: 2n },
    ]);
  });

  it("reports a truncated tail against the last checkpoint, which the chain alone cannot see", async () => {
    expect((await writeCheckpoint(db, keys(), file)).written).toMatchObject({ count: 6n });
    await asOwner("DELETE FROM audit_events WHERE seq > 4");
    expect(await verifyAuditLog(db, { checkpointFile: null })).toMatchObject({ ok: true, count: 4 });
    expect((await verify()).findings).toEqual([{ kind: "truncated", seq: 5n, through: 6n }]);
  });

  it("reports a tail that was cut off and written anew", async () => {
    await writeCheckpoint(db, keys(), file);
    await asOwner("DELETE FROM audit_events WHERE seq > 4");
    for (const action of ["x", "y", "z"]) await record(action); // the app carries on: a valid chain, a different entry 6
    expect((await verify()).findings).toEqual([{ kind: "checkpoint_mismatch", seq: 6n }]);
  });

  it("ignores a checkpoint line forged without the key and holds the log against the last genuine one", async () => {
    await writeCheckpoint(db, keys(), file);
    const line = JSON.parse(readFileSync(file, "utf8").trim());
    writeFileSync(file, `${readFileSync(file, "utf8")}${JSON.stringify({ ...line, count: "4" })}\n`);
    await asOwner("DELETE FROM audit_events WHERE seq > 4");
    const report = await verify();
    expect(report.checkpoint).toMatchObject({ count: 6n });
    expect(report.findings.map((f) => f.kind)).toEqual(["checkpoint_rejected", "truncated"]);
  });

  it("refuses to sign a checkpoint over a tampered log", async () => {
    await writeCheckpoint(db, keys(), file);
    await record("g");
    await asOwner("UPDATE audit_events SET action = 'forged' WHERE seq = 7");
    const outcome = await writeCheckpoint(db, keys(), file);
    expect(outcome).toEqual({ written: null, findings: [{ kind: "edited", seq: 7n }] });
    await asOwner("DELETE FROM audit_events WHERE seq = 7");
  });
});

/** A row as PostgreSQL returns it, as the chained fields. */
export function toFields(row: Record<string, unknown>) {
  return {
    seq: BigInt(String(row.seq)),
    occurredAt: row.occurred_at as Date,
    actorType: row.actor_type as string,
    actorUserId: row.actor_user_id as string | null,
    actorTokenId: row.actor_token_id as string | null,
    actorLabel: row.actor_label as string | null,
    action: row.action as string,
    targetType: row.target_type as string | null,
    targetId: row.target_id as string | null,
    environment: row.environment as string | null,
    sourceIp: row.source_ip as string | null,
    userAgent: row.user_agent as string | null,
    details: row.details,
  };
}
