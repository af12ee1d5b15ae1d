import { describe, expect, it } from "vitest";
import { makeActor, testDb } from "../testing/fixtures.ts";
import { recordAudit } from "./record.ts";
import { auditFilterSchema, listAuditEvents } from "./queries.ts";

describe("listAuditEvents", () => {
  it("pages newest first with a keyset cursor, filters by actor, action and environment", async () => {
    const db = await testDb();
    const admin = await makeActor("admin");
    const tag = `test.page.${Date.now()}`;
    for (let i = 0; i < 5; i++) {
      await db.$transaction((tx) => recordAudit(tx, { actor: admin, action: tag, environment: i % 2 ? "production" : "staging", details: { i } }));
    }
    const first = await listAuditEvents(db, admin, auditFilterSchema.parse({ action: tag, limit: 2 }));
    expect(first.items.map((e) => (e.details as { i: number }).i)).toEqual([4, 3]);
    const second = await listAuditEvents(db, admin, auditFilterSchema.parse({ action: tag, limit: 2, before: first.nextCursor }));
    expect(second.items.map((e) => (e.details as { i: number }).i)).toEqual([2, 1]);
    const third = await listAuditEvents(db, admin, auditFilterSchema.parse({ action: tag, limit: 2, before: second.nextCursor }));
    expect(third).toMatchObject({ nextCursor: null });
    expect(third.items).toHaveLength(1);

    const production = await listAuditEvents(db, admin, auditFilterSchema.parse({ action: tag, environment: "production" }));
    expect(production.items.map((e) => (e.details as { i: number }).i)).toEqual([3, 1]);
    const byActor = await listAuditEvents(db, admin, auditFilterSchema.parse({ actor: admin.email.toUpperCase() }));
    expect(byActor.items.every((e) => e.actorLabel === admin.email)).toBe(true);
    expect(JSON.parse(JSON.stringify(first))).toEqual(first); // plain DTOs: no BigInt, no Date
  });

  it("is for admins only and rejects unknown filters", async () => {
    const db = await testDb();
    for (const role of ["viewer", "deployer", "approver"] as const) {
      await expect(listAuditEvents(db, await makeActor(role), auditFilterSchema.parse({}))).rejects.toMatchObject({ code: "forbidden" });
    }
    expect(auditFilterSchema.safeParse({ sort: "asc" }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ limit: 1000 }).success).toBe(false);
  });
});
