import { approvalWorld, readyPreview, setPolicy, template, type ApprovalWorld } from "./test-support.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "../../sandbox/testing/harness.ts";
import type { Actor } from "../auth/guard.ts";
import { executeDeployment, requestChange } from "../deployments/commands.ts";
import { getDeployment } from "../deployments/queries.ts";
import { finishPreview, track } from "../deployments/test-support/flow.ts";
import { makeActor } from "../testing/fixtures.ts";
import { approveDeployment, requestApproval, updateApprovalPolicy } from "./commands.ts";
import { getApprovalPolicy } from "./policy.ts";
import { countPendingApprovals, getApprovalForDeployment, listDecidedApprovals, listPendingApprovals } from "./queries.ts";

// The happy paths: one approver, two, the cost rule adding one; the queue and the policy an admin edits.

let sandbox: TestSandbox;
let w: ApprovalWorld;

beforeAll(async () => {
  sandbox = await startTestSandbox({ speed: 0.0005 });
  Object.assign(process.env, { AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" });
  w = await approvalWorld("flow");
});
afterAll(() => sandbox?.close());

const ask = (actor: Actor, deploymentId: string) => requestApproval(w.db, { actor, input: { deploymentId, reason: "Ship the new parameter" } });
const approve = (actor: Actor, deploymentId: string) => approveDeployment(w.db, { actor, input: { deploymentId, comment: "Checked the change set" } });
const execute = (actor: Actor, deploymentId: string) => executeDeployment(w.db, { actor, input: { deploymentId } });

describe("approvals: the happy paths", () => {
  it("lets an admin edit the policy (audited) and refuses everyone else", async () => {
    const input = { environment: w.env, requiresApproval: true, approvers: 1, validityHours: 24, costThresholdUsd: 100 };
    await expect(updateApprovalPolicy(w.db, { actor: w.approvers[0]!, input })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateApprovalPolicy(w.db, { actor: w.admin, input: { ...input, approvers: 4 } })).rejects.toMatchObject({ code: "validation_failed", fieldErrors: { approvers: [expect.any(String)] } });
    expect(await updateApprovalPolicy(w.db, { actor: w.admin, input })).toMatchObject({ requiresApproval: true, approvers: 1, validityHours: 24, costThresholdUsd: 100 });
    const audit = await w.db.auditEvent.findFirst({ where: { action: "approval_policy.updated", environment: w.env }, select: { actorLabel: true, details: true } });
    expect(audit).toMatchObject({ actorLabel: w.admin.email, details: { after: { approvers: 1, costThresholdUsd: 100 } } });
  });

  it("one approver: request, the queue and badge, approve, the requester executes and it succeeds", async () => {
    await setPolicy(w, { approvers: 1, validityHours: 2 });
    const id = await readyPreview(w);
    const asked = await ask(w.deployer, id);
    expect(asked.status).toBe("awaiting_approval");
    const view = await getApprovalForDeployment(w.db, w.viewer, id);
    expect(view).toMatchObject({ status: "pending", requestedBy: w.deployer.email, reason: "Ship the new parameter", approvalsRequired: 1, approvals: 0, expired: false });
    expect(Date.parse(view!.expiresAt) - Date.parse(view!.createdAt)).toBeCloseTo(2 * 3_600_000, -4);

    expect((await listPendingApprovals(w.db, w.approvers[0]!)).map((p) => p.deploymentId)).toContain(id);
    expect(await countPendingApprovals(w.db, w.approvers[0]!)).toBeGreaterThanOrEqual(1);
    expect((await listPendingApprovals(w.db, w.deployer)).map((p) => p.deploymentId)).not.toContain(id);
    expect((await listPendingApprovals(w.db, w.otherApprover)).map((p) => p.deploymentId)).not.toContain(id);

    expect((await approve(w.approvers[0]!, id)).status).toBe("ready");
    expect(await getApprovalForDeployment(w.db, w.deployer, id)).toMatchObject({ status: "approved", approvals: 1 });
    expect((await listPendingApprovals(w.db, w.approvers[1]!)).map((p) => p.deploymentId)).not.toContain(id);
    expect((await listDecidedApprovals(w.db, w.viewer)).map((p) => p.deploymentId)).toContain(id);

    expect((await execute(w.deployer, id)).status).toBe("deploying");
    expect(await track(w.db, id)).toBe("succeeded");
    const stackName = (await getDeployment(w.db, w.deployer, id)).stackName;
    const audit = await w.db.auditEvent.findMany({ where: { targetId: stackName }, orderBy: { seq: "asc" }, select: { action: true, details: true } });
    expect(audit.map((a) => a.action)).toEqual([
      "deployment.previewed", "deployment.preview_ready", "deployment.approval_requested", "deployment.approved", "deployment.executed",
      "deployment.started", "deployment.succeeded",
    ]);
    expect(audit[4]!.details).toMatchObject({ approvedBy: [w.approvers[0]!.email], breakGlass: false });
  });

  it("two approvers configured: the first approval leaves it waiting, the second (distinct) makes it ready; an approver executes", async () => {
    await setPolicy(w, { approvers: 2 });
    const id = await readyPreview(w);
    await ask(w.deployer, id);
    expect((await approve(w.approvers[0]!, id)).status).toBe("awaiting_approval");
    expect(await getApprovalForDeployment(w.db, w.deployer, id)).toMatchObject({ approvals: 1, approvalsRequired: 2 });
    expect((await approve(w.approvers[1]!, id)).status).toBe("ready");
    expect((await execute(w.approvers[1]!, id)).status).toBe("deploying");
    expect(await track(w.db, id)).toBe("succeeded");
  });

  it("the cost rule adds one approver to a change adding more than the threshold", async () => {
    await setPolicy(w, { approvers: 1, costThresholdUsd: 100 });
    const id = await readyPreview(w);
    // The sandbox's resources are nearly free: give this preview a costly estimate, as a large instance would have.
    await w.db.deployment.update({ where: { id }, data: { costDelta: { currency: "USD", before: 0, after: 250, monthlyDelta: 250, lines: [] } } });
    await ask(w.deployer, id);
    expect(await getApprovalForDeployment(w.db, w.deployer, id)).toMatchObject({ approvalsRequired: 2 });
    expect((await approve(w.approvers[0]!, id)).status).toBe("awaiting_approval");
    expect((await approve(w.approvers[2]!, id)).status).toBe("ready");
    await setPolicy(w, { approvers: 1 });

    const cheap = await readyPreview(w);
    await ask(w.deployer, cheap);
    expect(await getApprovalForDeployment(w.db, w.deployer, cheap)).toMatchObject({ approvalsRequired: 1 });
  });

  it("changes nothing where no approval is needed: deploy directly, no request", async () => {
    const deployer = await makeActor("deployer", "staging", "staging-deployer");
    expect((await getApprovalPolicy(w.db, "staging")).requiresApproval).toBe(false);
    const started = await requestChange(w.db, { actor: deployer, input: { environment: "staging", template, action: "create", parameters: {} } });
    expect(await finishPreview(w.db, started.id)).toBe("ready");
    await expect(ask(deployer, started.id)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("need no approval") });
    expect((await execute(deployer, started.id)).status).toBe("deploying");
    expect(await track(w.db, started.id)).toBe("succeeded");
  });
});
