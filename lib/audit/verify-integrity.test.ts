import { describe, expect, it } from "vitest";
import { makeActor, testDb } from "../testing/fixtures.ts";
import { describeVerifyOutcome, verifyAuditIntegrity } from "./verify.ts";

// The broken-chain cases are in verify.test.ts (they need a database of their own to forge entries).
describe("verifyAuditIntegrity", () => {
  it("reports the chain as the CLI does, for admins of all environments", async () => {
    const db = await testDb();
    const result = await verifyAuditIntegrity(db, await makeActor("admin"));
    expect(result).toMatchObject({ ok: true, count: expect.any(Number) });
    expect(describeVerifyOutcome(result)).toBe(`audit chain ok: ${result.count} entries`);
    expect(describeVerifyOutcome({ ok: false, count: 4, brokenAt: 5n, reason: "its content does not match its hash" }))
      .toBe("audit chain broken at entry 5: its content does not match its hash (4 entries verified before it)");
  });

  it("is refused to viewers, deployers, approvers and environment-scoped admins", async () => {
    const db = await testDb();
    for (const actor of [await makeActor("viewer"), await makeActor("deployer"), await makeActor("approver"), await makeActor("admin", "production", "env-admin")]) {
      await expect(verifyAuditIntegrity(db, actor)).rejects.toMatchObject({ code: "forbidden" });
    }
  });
});
