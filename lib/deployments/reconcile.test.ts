import { TEMPLATE_DIR, chainOfParameters, names, writeTemplate } from "./test-support/env.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestSandbox } from "../../sandbox/testing/harness.ts";
import type { Db } from "../db/client.ts";
import type { Actor } from "../auth/guard.ts";
import { makeActor, testDb } from "../testing/fixtures.ts";
import { syncTemplateCatalog } from "../templates/sync.ts";
import { approveDeployment, requestApproval } from "../approvals/commands.ts";
import { startSandboxForApp, useOwnDatabase, waitFor } from "./tracker/testing.ts";
import { startBoss } from "./tracker/boss.ts";
import { DEFAULT_TIMING, JOBS_SCHEMA } from "./tracker/timing.ts";
import { reconcileSoon, RECONCILE_QUEUE } from "./tracker/reconcile-job.ts";
import { startTracker, type Tracker } from "./tracker/index.ts";
import { reconcileDeployments } from "./reconcile.ts";
import { executeDeployment, requestChange } from "./commands.ts";
import { finishPreview } from "./test-support/flow.ts";
import { crashAt, recover } from "./test-support/crash.ts";
import { SimulatedCrash } from "./faults.ts";

// The reconciler beyond single crashes: previews that never finish, fresh work it must leave alone, "Deploy when
// approved" across a crash, and the pg-boss schedule that runs it in the worker.

let sandbox: TestSandbox;
let db: Db;
let deployer: Actor;
let approver: Actor;
let dropDatabase: () => Promise<void>;
let tracker: Tracker | undefined;
let n = 0;
const enqueue = async () => undefined;

beforeAll(async () => {
  dropDatabase = await useOwnDatabase("reconcile");
  sandbox = await startSandboxForApp();
  await sandbox.config({ speed: 0.0005 });
  db = await testDb();
  [deployer, approver] = await Promise.all([makeActor("deployer"), makeActor("approver", "production")]);
  writeTemplate(names.chain, chainOfParameters(2));
  await syncTemplateCatalog(db, TEMPLATE_DIR);
});
afterAll(async () => {
  await tracker?.stop().catch(() => undefined);
  await sandbox?.close();
  await dropDatabase?.();
});

const status = async (id: string) => (await db.deployment.findUniqueOrThrow({ where: { id }, select: { status: true, resultReason: true } }));
const preview = (environment: string, extra: { autoExecute?: boolean } = {}) =>
  requestChange(db, { actor: deployer, input: { environment, template: names.chain, stackName: `${environment}-${names.chain}-r${++n}`, action: "create", parameters: {}, ...extra } });

describe("the reconciler", () => {
  it("fails a preview CloudFormation has not finished within the timeout (10 minutes by default), saying so", async () => {
    const started = await preview("staging");
    const later = new Date(Date.now() + 11 * 60_000);
    const report = await reconcileDeployments({ db, enqueue, now: later });
    expect(report.settled).toEqual(expect.arrayContaining([expect.objectContaining({ deploymentId: started.id, to: "failed" })]));
    expect(await status(started.id)).toEqual({ status: "failed", resultReason: "Preview timed out: CloudFormation had not finished the change set after 10 minutes; preview again." });
  });

  it("leaves work in good hands alone: a fresh intent or heartbeat is not stale", async () => {
    const started = await preview("staging");
    expect(await finishPreview(db, started.id)).toBe("ready");
    await expect(executeDeployment(db, { actor: deployer, input: { deploymentId: started.id }, faults: crashAt("execute-change-set:after") })).rejects.toBeInstanceOf(SimulatedCrash);
    const report = await reconcileDeployments({ db, enqueue });
    expect(report.settled.map((s) => s.deploymentId)).not.toContain(started.id);
    expect((await status(started.id)).status).toBe("executing");
    expect(await recover(db, started.id)).toBe("succeeded");
  });

  it("applies a \"Deploy when approved\" change whose process died right after the approval", async () => {
    const started = await preview("production", { autoExecute: true });
    expect(await finishPreview(db, started.id)).toBe("awaiting_approval");
    // The approval commits; the process dies before ExecuteChangeSet is sent.
    await expect(approveDeployment(db, { actor: approver, input: { deploymentId: started.id, comment: "ok" }, faults: crashAt("execute-change-set:before") }))
      .rejects.toBeInstanceOf(SimulatedCrash);
    expect(await recover(db, started.id)).toBe("ready"); // nothing was executed: back to ready...
    expect(await recover(db, started.id)).toBe("succeeded"); // ...and, being auto-executed and approved, applied
    const executed = await db.auditEvent.findMany({ where: { action: "deployment.executed", details: { path: ["deploymentId"], equals: started.id } }, select: { actorLabel: true, details: true } });
    expect(executed.map((e) => [e.actorLabel, (e.details as { appliedOnApproval: boolean }).appliedOnApproval])).toEqual([[deployer.email, true], [deployer.email, true]]);
  });

  it("expires a pending approval request, freeing the stack", async () => {
    const started = await preview("production");
    expect(await finishPreview(db, started.id)).toBe("ready");
    await requestApproval(db, { actor: deployer, input: { deploymentId: started.id, reason: "Needs a look" } });
    const { expiresAt } = await db.approvalRequest.findUniqueOrThrow({ where: { deploymentId: started.id }, select: { expiresAt: true } });
    await reconcileDeployments({ db, enqueue, now: new Date(expiresAt.getTime() + 1) });
    expect(await status(started.id)).toMatchObject({ status: "failed", resultReason: expect.stringMatching(/^The approval request expired on .* UTC; preview again\.$/) });
  });

  it("runs as a pg-boss schedule in the worker, one at a time, and settles a stranded deployment", async () => {
    const started = await preview("staging");
    expect(await finishPreview(db, started.id)).toBe("ready");
    await expect(executeDeployment(db, { actor: deployer, input: { deploymentId: started.id }, faults: crashAt("execute-change-set:after") })).rejects.toBeInstanceOf(SimulatedCrash);
    tracker = await startTracker({ databaseUrl: process.env.DATABASE_URL!, pollIntervalMs: 100, maintenanceSeconds: 1, reconcileStaleMs: 0 });
    const schedules = await db.$queryRawUnsafe<{ name: string; cron: string }[]>(`SELECT name, cron FROM ${JOBS_SCHEMA}.schedule`);
    expect(schedules).toContainEqual({ name: RECONCILE_QUEUE, cron: "* * * * *" });
    const queue = await db.$queryRawUnsafe<{ policy: string }[]>(`SELECT policy FROM ${JOBS_SCHEMA}.queue WHERE name = $1`, RECONCILE_QUEUE);
    expect(queue).toEqual([{ policy: "singleton" }]);
    // Rather than wait for the next minute, queue one run now (as the cron would).
    const publisher = await startBoss(process.env.DATABASE_URL!, DEFAULT_TIMING, "publisher");
    try {
      await reconcileSoon(publisher.boss);
      await waitFor(() => status(started.id), (d) => d.status === "succeeded", 20_000, "the reconcile job to settle it");
    } finally {
      await publisher.close();
    }
  });
});
