import { describe, expect, it } from "vitest";
import { makeActor, ownerTestDb, testDb } from "../testing/fixtures.ts";
import { getAuditVerification, requestAuditVerification } from "./verifications.ts";
import { runVerification } from "./jobs/run-verification.ts";
import { transitionVerification } from "./jobs/verification-store.ts";
import { checkpointFile, readLastCheckpoint } from "./checkpoints.ts";
import { auditKeys } from "./key.ts";

// The console's "Verify integrity": a request queues a job (never a walk inside the request); the job walks the
// log with progress, records the result and signs a checkpoint when the log verified.
describe("audit verification runs", () => {
  it("are queued by an admin, run by the job with their progress, and end with a result and a checkpoint", async () => {
    const db = await testDb();
    const admin = await makeActor("admin");
    const queued: string[] = [];
    const run = await requestAuditVerification(db, { actor: admin, enqueue: async (id) => void queued.push(id) });
    expect(run).toMatchObject({ status: "queued", requestedBy: admin.email, checked: "0" });
    expect(queued).toEqual([run.id]);
    expect((await requestAuditVerification(db, { actor: admin, enqueue: async () => undefined })).id).toBe(run.id); // one at a time

    await runVerification(db, run.id);
    const done = await getAuditVerification(db, admin, run.id);
    expect(done).toMatchObject({ status: "passed", findingCount: 0, findings: [] });
    expect(Number(done.checked)).toBeGreaterThan(0);
    expect(done.checked).toBe(done.total);
    expect(readLastCheckpoint(checkpointFile()!, auditKeys()).checkpoint!.count).toBeGreaterThanOrEqual(BigInt(done.checked));
    const audit = await db.auditEvent.findMany({ where: { targetId: run.id }, orderBy: { seq: "asc" }, select: { action: true, details: true } });
    expect(audit).toEqual([
      { action: "audit.verify_requested", details: {} },
      { action: "audit.verified", details: { ok: true, entries: Number(done.checked), findings: 0 } },
    ]);
  });

  it("is idempotent: a retried or duplicated job of a finished run changes nothing", async () => {
    const db = await testDb();
    const admin = await makeActor("admin");
    const run = await requestAuditVerification(db, { actor: admin, enqueue: async () => undefined });
    await runVerification(db, run.id);
    const first = await getAuditVerification(db, admin, run.id);
    await runVerification(db, run.id);
    expect(await getAuditVerification(db, admin, run.id)).toEqual(first);
    expect(await transitionVerification(db, run.id, "running")).toBe(false);
  });

  it("gives up on a run whose worker stopped answering and starts a new one", async () => {
    const db = await testDb();
    const admin = await makeActor("admin");
    const stuck = await requestAuditVerification(db, { actor: admin, enqueue: async () => undefined });
    await ownerTestDb().auditVerification.update({ where: { id: stuck.id }, data: { updatedAt: new Date(Date.now() - 10 * 60_000) } });
    const fresh = await requestAuditVerification(db, { actor: admin, enqueue: async () => undefined });
    expect(fresh.id).not.toBe(stuck.id);
    expect(await getAuditVerification(db, admin, stuck.id)).toMatchObject({ status: "abandoned", error: "its worker stopped answering" });
    await runVerification(db, fresh.id);
  });

  it("are refused to viewers, deployers, approvers and environment-scoped admins", async () => {
    const db = await testDb();
    for (const actor of [await makeActor("viewer"), await makeActor("deployer"), await makeActor("approver"), await makeActor("admin", "production", "env-admin")]) {
      await expect(requestAuditVerification(db, { actor, enqueue: async () => undefined })).rejects.toMatchObject({ code: "forbidden" });
    }
  });
});
