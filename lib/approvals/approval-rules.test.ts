import { approvalWorld, readyPreview, setPolicy, template, type ApprovalWorld } from "./test-support.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UpdateStackCommand } from "@aws-sdk/client-cloudformation";
import { startTestSandbox, type TestSandbox } from "../../sandbox/testing/harness.ts";
import type { Actor } from "../auth/guard.ts";
import { loadActor } from "../auth/actors.ts";
import { grantRole, revokeRole } from "../users/commands.ts";
import { makeActor } from "../testing/fixtures.ts";
import { createApiToken } from "../tokens/commands.ts";
import { authenticateToken } from "../tokens/queries.ts";
import { executeDeployment, OBSOLETE_REASON, requestChange } from "../deployments/commands.ts";
import { getDeployment } from "../deployments/queries.ts";
import { finishPreview, track, waitForStack } from "../deployments/test-support/flow.ts";
import { approveDeployment, rejectDeployment, requestApproval } from "./commands.ts";

// Every approval rule, each tried by the person it must refuse, against PostgreSQL and the sandbox.

let sandbox: TestSandbox;
let w: ApprovalWorld;

beforeAll(async () => {
  sandbox = await startTestSandbox({ speed: 0.0005 });
  Object.assign(process.env, { AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" });
  w = await approvalWorld("rules");
  await setPolicy(w, { approvers: 1 });
});
afterAll(() => sandbox?.close());

const ask = (actor: Actor, deploymentId: string, reason = "Needed for the launch") => requestApproval(w.db, { actor, input: { deploymentId, reason } });
const approve = (actor: Actor, deploymentId: string) => approveDeployment(w.db, { actor, input: { deploymentId, comment: "Looks right" } });
const reject = (actor: Actor, deploymentId: string) => rejectDeployment(w.db, { actor, input: { deploymentId, comment: "Not now" } });
const execute = (actor: Actor, deploymentId: string, extra: { breakGlass?: boolean; reason?: string } = {}) =>
  executeDeployment(w.db, { actor, input: { deploymentId, ...extra } });

async function pending(): Promise<string> {
  const id = await readyPreview(w);
  await ask(w.deployer, id);
  return id;
}

describe("approval rules, each refused on the server", () => {
  it("refuses a viewer and an approver the request, and a deployer the direct deploy", async () => {
    const id = await readyPreview(w);
    await expect(ask(w.viewer, id)).rejects.toMatchObject({ code: "forbidden", message: expect.stringContaining("request changes") });
    await expect(ask(w.approvers[0]!, id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(execute(w.deployer, id)).rejects.toMatchObject({ code: "forbidden", message: expect.stringContaining("need approval: request approval first") });
    await expect(execute(w.viewer, id)).rejects.toMatchObject({ code: "forbidden", message: expect.stringContaining("permission to deploy") });
    await expect(ask(w.deployer, id, "x")).rejects.toMatchObject({ code: "validation_failed", fieldErrors: { reason: [expect.any(String)] } });
  });

  it("refuses the viewer, the deployer, the requester and an approver of another environment as approvers", async () => {
    const id = await pending();
    await expect(approve(w.viewer, id)).rejects.toMatchObject({ code: "forbidden", message: expect.stringContaining("approve changes") });
    await expect(approve(w.deployer, id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(approve(w.otherApprover, id)).rejects.toMatchObject({ code: "forbidden", message: `You do not have permission to approve changes in ${w.env}.` });
    await expect(reject(w.otherApprover, id)).rejects.toMatchObject({ code: "forbidden" });
    expect((await getDeployment(w.db, w.admin, id)).status).toBe("awaiting_approval");
  });

  it("refuses the requester as approver, even with the approver role and through an API token of theirs", async () => {
    const both = await makeActor("deployer", w.env, "both");
    await grantRole(w.db, { actor: "system", input: { email: both.email, role: "approver", environment: w.env } });
    const requester = (await loadActor(w.db, both.userId))!;
    const id = await readyPreview(w, requester);
    await ask(requester, id);
    await expect(approve(requester, id)).rejects.toMatchObject({ code: "forbidden", message: expect.stringContaining("you cannot approve or reject it") });
    const { token } = await createApiToken(w.db, { actor: "system", ownerId: both.userId, input: { name: "ci" } });
    const viaToken = (await authenticateToken(w.db, token))!;
    expect(viaToken.tokenId).toBeTruthy();
    await expect(approve(viaToken, id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(reject(viaToken, id)).rejects.toMatchObject({ code: "forbidden" });
    // Nor may whoever previewed the change approve a request someone else sent.
    const authored = await readyPreview(w, requester);
    await ask(w.deployer, authored);
    await expect(approve(requester, authored)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("refuses a revoked approver, and an approval whose approver was revoked before execution", async () => {
    const id = await pending();
    const gone = await makeActor("approver", w.env, "revoked");
    await revokeRole(w.db, { actor: "system", input: { email: gone.email, role: "approver", environment: w.env } });
    await expect(approve((await loadActor(w.db, gone.userId))!, id)).rejects.toMatchObject({ code: "forbidden" });

    const later = await makeActor("approver", w.env, "later-revoked");
    expect((await approve(later, id)).status).toBe("ready");
    await revokeRole(w.db, { actor: "system", input: { email: later.email, role: "approver", environment: w.env } });
    await expect(execute(w.deployer, id)).rejects.toMatchObject({ code: "forbidden", message: expect.stringContaining("needs 1 distinct approvals") });
  });

  it("counts a second approval by the same person once", async () => {
    await setPolicy(w, { approvers: 2 });
    const id = await pending();
    await setPolicy(w, { approvers: 1 });
    expect((await approve(w.approvers[0]!, id)).status).toBe("awaiting_approval");
    await expect(approve(w.approvers[0]!, id)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("already decided") });
    await expect(execute(w.deployer, id)).rejects.toMatchObject({ code: "forbidden", message: expect.stringContaining("still waiting for approvers") });
  });

  it("refuses an expired request, and an approval that expired before execution", async () => {
    const id = await pending();
    await w.db.approvalRequest.update({ where: { deploymentId: id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(approve(w.approvers[0]!, id)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("expired") });
    expect(await getDeployment(w.db, w.admin, id)).toMatchObject({ status: "failed", resultReason: expect.stringContaining("preview again") });

    const approved = await pending();
    await approve(w.approvers[0]!, approved);
    await w.db.approvalRequest.update({ where: { deploymentId: approved }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(execute(w.deployer, approved)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("expired") });
  });

  it("closes the request on one rejection", async () => {
    const id = await pending();
    expect(await reject(w.approvers[0]!, id)).toMatchObject({ status: "rejected", resultReason: expect.stringContaining("Not now") });
    await expect(approve(w.approvers[1]!, id)).rejects.toMatchObject({ code: "conflict" });
    await expect(execute(w.deployer, id)).rejects.toMatchObject({ code: "forbidden", message: expect.stringContaining("rejected") });
  });

  it("lets only the requester or an approver execute, and only the plan that was approved", async () => {
    const id = await pending();
    await approve(w.approvers[0]!, id);
    const stranger = await makeActor("deployer", w.env, "stranger");
    await expect(execute(stranger, id)).rejects.toMatchObject({ code: "forbidden", message: expect.stringContaining("Only the requester or an approver") });
    await w.db.deployment.update({ where: { id }, data: { parametersHash: "0".repeat(64) } });
    await expect(execute(w.deployer, id)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("differs from the one that was approved") });
  });

  it("break glass: admins only, with a typed reason, flagged and audited; an obsolete change set cannot be approved", async () => {
    const id = await readyPreview(w, w.deployer, "glass");
    await expect(execute(w.admin, id)).rejects.toMatchObject({ code: "forbidden", message: expect.stringContaining("or use break glass") });
    await expect(execute(w.admin, id, { breakGlass: true, reason: "now" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(execute(w.deployer, id, { breakGlass: true, reason: "Production is down, restoring" })).rejects.toMatchObject({ code: "forbidden", message: expect.stringContaining("emergency access") });
    const done = await execute(w.admin, id, { breakGlass: true, reason: "Production is down, restoring" });
    expect(done).toMatchObject({ status: "deploying", breakGlass: true, breakGlassReason: "Production is down, restoring" });
    expect(await track(w.db, id)).toBe("succeeded");
    const audit = await w.db.auditEvent.findMany({ where: { action: "deployment.break_glass", environment: w.env }, select: { actorLabel: true, details: true } });
    expect(audit).toEqual([{ actorLabel: w.admin.email, details: expect.objectContaining({ deploymentId: id, reason: "Production is down, restoring" }) }]);

    const stackName = done.stackName;
    const update = await requestChange(w.db, { actor: w.deployer, input: { environment: w.env, template, stackName, action: "update", parameters: { Message: "two" } } });
    expect(await finishPreview(w.db, update.id)).toBe("ready");
    await ask(w.deployer, update.id);
    await sandbox.cfn.send(new UpdateStackCommand({ StackName: stackName, UsePreviousTemplate: true, Parameters: [{ ParameterKey: "Message", ParameterValue: "outside" }] }));
    await waitForStack("us-east-1", stackName);
    await expect(approve(w.approvers[0]!, update.id)).rejects.toMatchObject({ code: "conflict", message: OBSOLETE_REASON });
    expect((await getDeployment(w.db, w.admin, update.id)).status).toBe("failed");
  });
});
