import { describe, expect, it } from "vitest";
import pg from "pg";
import { testDb } from "../testing/fixtures.ts";
import { recordAudit, redactSecrets } from "./record.ts";
import { verifyAuditLog } from "./verify.ts";

const verifyChain = (db: Parameters<typeof verifyAuditLog>[0]) => verifyAuditLog(db, { checkpointFile: null });

describe("audit log", () => {
  it("chains entries: each one's prevHash is the previous entry's hash and sequence numbers have no gaps", async () => {
    const db = await testDb();
    await db.$transaction((tx) => recordAudit(tx, { actor: "system", action: "test.first" }));
    const second = await db.$transaction((tx) => recordAudit(tx, { actor: "system", action: "test.second" }));
    const rows = await db.auditEvent.findMany({ where: { seq: { gte: second.seq - 1n } }, orderBy: { seq: "asc" } });
    expect(rows.at(-1)!.seq).toBe(second.seq);
    expect(rows.at(-1)!.prevHash).toBe(rows.at(-2)!.hash);
    expect(await verifyChain(db)).toMatchObject({ ok: true });
  });

  it("keeps sequence and chain intact under concurrent writers", async () => {
    const db = await testDb();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => db.$transaction((tx) => recordAudit(tx, { actor: "system", action: `test.concurrent.${i}` }))),
    );
    expect(await verifyChain(db)).toMatchObject({ ok: true });
  });

  it("is not written when the change it records rolls back", async () => {
    const db = await testDb();
    const before = await db.auditEvent.count();
    await expect(
      db.$transaction(async (tx) => {
        await recordAudit(tx, { actor: "system", action: "test.rolled_back" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.auditEvent.count({ where: { action: "test.rolled_back" } })).toBe(0);
    expect(await db.auditEvent.count()).toBeGreaterThanOrEqual(before);
  });

  it("is refused UPDATE, DELETE and TRUNCATE by the database itself, even to the owner", async () => {
    const client = new pg.Client({ connectionString: process.env.MIGRATION_DATABASE_URL });
    await client.connect();
    try {
      await expect(client.query("UPDATE audit_events SET action = 'forged'")).rejects.toThrow(/append-only/);
      await expect(client.query("DELETE FROM audit_events")).rejects.toThrow(/append-only/);
      await expect(client.query("TRUNCATE audit_events")).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
  });

  it("never stores secrets in details", () => {
    expect(redactSecrets({ password: "x", nested: { apiToken: "y", tokenName: "ci" }, role: "admin" })).toEqual({
      nested: { tokenName: "ci" },
      role: "admin",
    });
  });
});
