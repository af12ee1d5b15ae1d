import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeActor, testDb } from "../testing/fixtures.ts";
import type { Actor } from "../auth/guard.ts";
import { recordAudit } from "./record.ts";
import { auditFilterSchema, getAuditEventBySeq, listAuditEvents } from "./queries.ts";

const tag = () => `test${randomBytes(3).toString("hex")}`;
const ids = (page: { items: { details: unknown }[] }) => page.items.map((e) => (e.details as { i: number }).i);

/** Ten entries by two actors, two environments, two stacks (one named in the target, one in the details). */
async function seed(admin: Actor, other: Actor, t: string) {
  const db = await testDb();
  let middle = new Date();
  for (let i = 0; i < 10; i++) {
    if (i === 5) {
      await new Promise((r) => setTimeout(r, 15));
      middle = new Date();
      await new Promise((r) => setTimeout(r, 15));
    }
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor: i % 2 ? other : admin,
        action: i % 3 === 0 ? `${t}.deploy.finished` : `${t}.role.granted`,
        environment: i < 5 ? "staging" : "production",
        target: i % 4 === 0 ? { type: "stack", id: `${t}-net` } : { type: "deployment", id: `d${i}` },
        details: i === 7 ? { i, stack: `${t}-net` } : { i },
      }),
    );
  }
  return middle;
}

describe("listAuditEvents", () => {
  it("filters by actor, action (exact and prefix), environment, stack, time range, and combinations", async () => {
    const db = await testDb();
    const [admin, other] = [await makeActor("admin"), await makeActor("admin", "*", "other")];
    const t = tag();
    const middle = await seed(admin, other, t);
    const list = (f: Record<string, unknown>) => listAuditEvents(db, admin, auditFilterSchema.parse({ action: `${t}.`, ...f }));

    expect(ids(await list({}))).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(ids(await list({ action: `${t}.deploy.finished` }))).toEqual([9, 6, 3, 0]);
    expect(ids(await list({ action: `${t}.deploy.*` }))).toEqual([9, 6, 3, 0]);
    expect(ids(await list({ action: `${t}.deploy` }))).toEqual([]); // exact unless it ends in "." or "*"
    expect(ids(await list({ actor: other.email.toUpperCase() }))).toEqual([9, 7, 5, 3, 1]);
    expect(ids(await list({ environment: "production" }))).toEqual([9, 8, 7, 6, 5]);
    expect(ids(await list({ stack: `${t}-net` }))).toEqual([8, 7, 4, 0]);
    expect(ids(await list({ from: middle.toISOString() }))).toEqual([9, 8, 7, 6, 5]);
    expect(ids(await list({ to: middle.toISOString() }))).toEqual([4, 3, 2, 1, 0]);
    const today = middle.toISOString().slice(0, 10);
    expect(ids(await list({ from: today, to: today }))).toHaveLength(10); // a date is the whole (UTC) day
    expect(ids(await list({ to: new Date(middle.getTime() - 86_400_000).toISOString().slice(0, 10) }))).toEqual([]);

    expect(ids(await list({ actor: admin.email, environment: "staging" }))).toEqual([4, 2, 0]);
    expect(ids(await list({ actor: other.email, from: middle.toISOString(), action: `${t}.role.granted` }))).toEqual([7, 5]);
    expect(ids(await list({ stack: `${t}-net`, environment: "production", to: new Date().toISOString() }))).toEqual([8, 7]);
    expect(ids(await list({ stack: `${t}-net`, actor: other.email }))).toEqual([7]);
  });

  it("pages newest first with a keyset cursor that neither skips nor repeats, under every filter", async () => {
    const db = await testDb();
    const [admin, other] = [await makeActor("admin"), await makeActor("admin", "*", "other")];
    const t = tag();
    await seed(admin, other, t);
    for (const extra of [{}, { actor: admin.email }, { environment: "production" }, { stack: `${t}-net` }]) {
      const all = ids(await listAuditEvents(db, admin, auditFilterSchema.parse({ action: `${t}.`, ...extra })));
      const seen: number[] = [];
      let before: string | null | undefined;
      do {
        const page = await listAuditEvents(db, admin, auditFilterSchema.parse({ action: `${t}.`, ...extra, limit: 2, ...(before ? { before } : {}) }));
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...ids(page));
        before = page.nextCursor;
      } while (before);
      expect(seen).toEqual(all);
    }
    const first = await listAuditEvents(db, admin, auditFilterSchema.parse({ action: `${t}.`, limit: 10 }));
    expect(first.nextCursor).toBeNull(); // exactly `limit` left: no empty extra page
    expect(JSON.parse(JSON.stringify(first))).toEqual(first); // plain DTOs: no BigInt, no Date
  });

  it("opens one entry with its hashes, token and request metadata", async () => {
    const db = await testDb();
    const admin = await makeActor("admin");
    const { seq } = await db.$transaction((tx) =>
      recordAudit(tx, { actor: admin, action: `${tag()}.x`, meta: { ip: "203.0.113.9", userAgent: "curl/8" }, details: { a: [1, { b: 2 }] } }),
    );
    const entry = await getAuditEventBySeq(db, admin, seq);
    expect(entry).toMatchObject({ seq: seq.toString(), sourceIp: "203.0.113.9", userAgent: "curl/8", details: { a: [1, { b: 2 }] }, token: null });
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(entry.prevHash).toMatch(/^[0-9a-f]{64}$/);
    await expect(getAuditEventBySeq(db, admin, 10n ** 15n)).rejects.toMatchObject({ code: "not_found" });
  });

  it("is for admins of all environments only, and rejects unknown or malformed filters", async () => {
    const db = await testDb();
    const refused = [await makeActor("viewer"), await makeActor("deployer"), await makeActor("approver"), await makeActor("admin", "production", "env-admin")];
    for (const actor of refused) {
      await expect(listAuditEvents(db, actor, auditFilterSchema.parse({}))).rejects.toMatchObject({ code: "forbidden" });
      await expect(getAuditEventBySeq(db, actor, 1n)).rejects.toMatchObject({ code: "forbidden" });
    }
    expect(auditFilterSchema.safeParse({ sort: "asc" }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ limit: 1000 }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ from: "yesterday" }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ from: "2026-11-28T10:00" }).data?.from?.toISOString()).toBe("2026-11-28T10:00:00.000Z");
  });
});
