import { approvalWorld, readyPreview, setPolicy, template, type ApprovalWorld } from "./test-support.ts";
import { withAwsTarget } from "../aws/target-context.ts";
import { BASE_TARGET } from "../aws/testing.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "../../sandbox/testing/harness.ts";
import type { Actor } from "../auth/guard.ts";
import { describeChangeSet } from "../aws/cloudformation.ts";
import { discardPreview, executeDeployment, requestChange } from "../deployments/commands.ts";
import { reconcileDeployments } from "../deployments/reconcile.ts";
import { finishPreview, track } from "../deployments/test-support/flow.ts";
import { useOwnDatabase } from "../deployments/tracker/testing.ts";
import { approveDeployment, requestApproval } from "./commands.ts";

// Races that used to strand a deployment: simultaneous approvals of a two-approver policy, execute against discard,
// execute against an expiry. Each pair runs with Promise.allSettled on real PostgreSQL; exactly one outcome wins
// and the deployment ends in a state that agrees with CloudFormation.

let sandbox: TestSandbox;
let w: ApprovalWorld;
let dropDatabase: () => Promise<void>;

beforeAll(async () => {
  // A database of its own: the reconciler below looks at every deployment it can see.
  dropDatabase = await useOwnDatabase("approval_race");
  sandbox = await startTestSandbox({ speed: 0.0005 });
  Object.assign(process.env, { AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" });
  w = await approvalWorld("race");
});
afterAll(async () => {
  await sandbox?.close();
  await dropDatabase?.();
});

const approve = (actor: Actor, deploymentId: string) => approveDeployment(w.db, { actor, input: { deploymentId, comment: "Looks right" } });
const status = async (id: string) => (await w.db.deployment.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
const audits = (action: string, deploymentId: string) =>
  w.db.auditEvent.findMany({ where: { action, details: { path: ["deploymentId"], equals: deploymentId } }, select: { actorLabel: true, details: true } });

async function pending(): Promise<string> {
  const id = await readyPreview(w);
  await requestApproval(w.db, { actor: w.deployer, input: { deploymentId: id, reason: "Two people must look" } });
  return id;
}

async function changeSetStateOf(id: string): Promise<string> {
  const row = await w.db.deployment.findUniqueOrThrow({ where: { id }, select: { changeSetId: true, stack: { select: { name: true } } } });
  const cs = await withAwsTarget(BASE_TARGET, () => describeChangeSet("us-east-1", { changeSetId: row.changeSetId!, stackName: row.stack.name })).catch(() => null);
  return cs ? cs.executionStatus : "gone";
}

describe("concurrent decisions and commands", () => {
  it("two simultaneous approvals of a two-approver policy approve the request exactly once", async () => {
    await setPolicy(w, { approvers: 2 });
    for (let round = 0; round < 5; round++) {
      const id = await pending();
      const results = await Promise.allSettled([approve(w.approvers[0]!, id), approve(w.approvers[1]!, id)]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
      expect(await status(id)).toBe("ready");
      const request = await w.db.approvalRequest.findUniqueOrThrow({ where: { deploymentId: id }, select: { status: true, decisions: { select: { approved: true } } } });
      expect(request).toMatchObject({ status: "approved", decisions: [{ approved: true }, { approved: true }] });
      const approvals = await audits("deployment.approved", id);
      expect(approvals.map((a) => (a.details as { complete: boolean }).complete).sort()).toEqual([false, true]);
      await discardPreview(w.db, { actor: w.deployer, input: { deploymentId: id } });
    }
  });

  it("\"Deploy when approved\": the last of two simultaneous approvals applies it once, as the requester", async () => {
    await setPolicy(w, { approvers: 2 });
    const started = await requestChange(w.db, {
      actor: w.deployer,
      input: { environment: w.env, template, stackName: `${w.env}-${template}-auto`, action: "create", parameters: { Message: "auto" }, autoExecute: true, note: "Release 42" },
    });
    expect(await finishPreview(w.db, started.id)).toBe("awaiting_approval");
    const asked = await audits("deployment.approval_requested", started.id);
    expect(asked).toEqual([expect.objectContaining({ actorLabel: w.deployer.email, details: expect.objectContaining({ reason: "Release 42" }) })]);

    await Promise.all([approve(w.approvers[0]!, started.id), approve(w.approvers[2]!, started.id)]);
    expect(await status(started.id)).toBe("deploying");
    expect(await track(w.db, started.id)).toBe("succeeded");
    const executed = await audits("deployment.executed", started.id);
    expect(executed).toEqual([expect.objectContaining({ actorLabel: w.deployer.email, details: expect.objectContaining({ appliedOnApproval: true }) })]);
    expect((executed[0]!.details as { approvedBy: string[] }).approvedBy.sort()).toEqual([w.approvers[0]!.email, w.approvers[2]!.email].sort());
    await setPolicy(w, { approvers: 1 });
  });

  it("execute against discard of the same ready preview: exactly one wins, and CloudFormation agrees", async () => {
    await setPolicy(w, { approvers: 1 });
    for (let round = 0; round < 4; round++) {
      const id = await pending();
      await approve(w.approvers[0]!, id);
      const [executed, discarded] = await Promise.allSettled([
        executeDeployment(w.db, { actor: w.deployer, input: { deploymentId: id } }),
        discardPreview(w.db, { actor: w.deployer, input: { deploymentId: id } }),
      ]);
      expect([executed.status, discarded.status].sort()).toEqual(["fulfilled", "rejected"]);
      const loser = (executed.status === "rejected" ? executed : discarded) as PromiseRejectedResult;
      expect(loser.reason).toMatchObject({ code: "conflict" });
      if (executed.status === "fulfilled") {
        expect(await track(w.db, id)).toBe("succeeded");
      } else {
        expect(await status(id)).toBe("cancelled");
        expect(["gone", "AVAILABLE"]).toContain(await changeSetStateOf(id)); // never executed
      }
    }
  });

  it("execute against the expiry of its approval: one wins; an expired one is never executed and frees the stack", async () => {
    await setPolicy(w, { approvers: 1 });
    const outcomes = new Set<string>();
    for (let round = 0; round < 4; round++) {
      const id = await pending();
      await approve(w.approvers[0]!, id);
      const expiresAt = new Date(Date.now() + 60_000);
      await w.db.approvalRequest.update({ where: { deploymentId: id }, data: { expiresAt } });
      // The reconciler's expiry sweep, run as if its clock were past the expiry, against the requester's execute.
      const [executed] = await Promise.allSettled([
        executeDeployment(w.db, { actor: w.deployer, input: { deploymentId: id } }),
        reconcileDeployments({ db: w.db, enqueue: async () => undefined, now: new Date(expiresAt.getTime() + 1000) }),
      ]);
      const final = executed.status === "fulfilled" ? await track(w.db, id) : await status(id);
      outcomes.add(final);
      if (final === "failed") {
        expect(await changeSetStateOf(id)).toBe("AVAILABLE");
        expect((await w.db.deployment.findUniqueOrThrow({ where: { id }, select: { resultReason: true } })).resultReason).toMatch(/expired/);
      } else {
        expect(final).toBe("succeeded");
      }
    }
    expect([...outcomes].every((o) => o === "failed" || o === "succeeded")).toBe(true);
  });
});
