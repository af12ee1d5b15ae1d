import { approvalWorld, readyPreview, setPolicy, type ApprovalWorld } from "./test-support.ts"; // first: it points the catalog at a temp dir
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "../../sandbox/testing/harness.ts";
import { rejectDeployment, requestApproval } from "./commands.ts";
import { getDeploymentWithApproval } from "./queries.ts";

// GET /api/v1/deployments/{id}: a pipeline waiting on a change must learn that approval is needed, how far it
// is, and, when rejected, the approver's own words.

let sandbox: TestSandbox;
let w: ApprovalWorld;

beforeAll(async () => {
  sandbox = await startTestSandbox({ speed: 0.0005 });
  Object.assign(process.env, { AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" });
  w = await approvalWorld("wa");
  await setPolicy(w, { approvers: 1 });
});
afterAll(() => sandbox?.close());

describe("a deployment with its approval", () => {
  it("says approval is needed before it is requested, then carries the request and the rejection's comment", async () => {
    const id = await readyPreview(w);
    expect(await getDeploymentWithApproval(w.db, w.viewer, id)).toMatchObject({ id, status: "ready", requiresApproval: true, approval: null });

    await requestApproval(w.db, { actor: w.deployer, input: { deploymentId: id, reason: "Ship the new parameter" } });
    expect(await getDeploymentWithApproval(w.db, w.deployer, id)).toMatchObject({
      status: "awaiting_approval",
      approval: { status: "pending", requestedBy: w.deployer.email, approvals: 0, approvalsRequired: 1, decisions: [] },
    });

    await rejectDeployment(w.db, { actor: w.approvers[0]!, input: { deploymentId: id, comment: "Not during the freeze" } });
    const rejected = await getDeploymentWithApproval(w.db, w.deployer, id);
    expect(rejected).toMatchObject({ status: "rejected", approval: { status: "rejected", decisions: [{ by: w.approvers[0]!.email, approved: false, comment: "Not during the freeze" }] } });
  });

  it("is refused to someone without access to the environment", async () => {
    const id = await readyPreview(w);
    await expect(getDeploymentWithApproval(w.db, w.otherApprover, id)).rejects.toMatchObject({ code: "forbidden" });
  });
});
