import type { Db, Tx } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import { recordAudit } from "../audit/record.ts";
import { parseInput } from "../validation.ts";
import type { Command } from "../deployments/context.ts";
import { sentence } from "../deployments/context.ts";
import { loadDeploymentDetail } from "../deployments/deployment-detail.ts";
import type { DeploymentDetail } from "../deployments/types.ts";
import { getApprovalPolicy, requiredApprovals } from "./policy.ts";
import { decisionSchema, type DecisionInput } from "./schema.ts";
import {
  assertBoundPlan, assertChangeSetAvailable, assertNotExpired, assertNotRequester, loadApprovalTarget, monthlyDeltaOf, type ApprovalTarget,
} from "./target.ts";

/** Who may decide: an approver for this environment who did not ask for the change and has not decided yet. */
async function loadDecidable(db: Db, actor: Actor, deploymentId: string): Promise<ApprovalTarget & { approvalRequest: NonNullable<ApprovalTarget["approvalRequest"]> }> {
  const t = await loadApprovalTarget(db, deploymentId);
  assertCan(actor, "change:approve", t.stack.environment);
  const request = t.approvalRequest;
  if (!request || t.status !== "awaiting_approval" || request.status !== "pending") {
    throw new AppError("conflict", `Deployment ${t.id} is ${t.status}; there is no pending approval request to decide.`);
  }
  assertNotRequester(actor, t);
  if (request.decisions.some((d) => d.userId === actor.userId)) {
    throw new AppError("conflict", "You have already decided on this request; it needs a different approver.");
  }
  return { ...t, approvalRequest: request };
}

/**
 * One approval. When the request has as many distinct approvals as it needs (re-read in the transaction), the
 * deployment is `ready` again, approved, for the requester or an approver to execute.
 */
export async function approveDeployment(db: Db, { actor, input: raw, meta }: Command<DecisionInput>): Promise<DeploymentDetail> {
  const input = parseInput(decisionSchema, raw);
  const t = await loadDecidable(db, actor, input.deploymentId);
  await assertNotExpired(db, t);
  await assertBoundPlan(db, t);
  await assertChangeSetAvailable(db, t);
  const policy = await getApprovalPolicy(db, t.stack.environment.key);
  const required = Math.max(t.approvalRequest.approvalsRequired, requiredApprovals(policy, monthlyDeltaOf(t)));

  await db.$transaction(async (tx) => {
    await insertDecision(tx, t.approvalRequest.id, actor, true, input.comment);
    const approvals = await tx.approvalDecision.count({ where: { requestId: t.approvalRequest.id, approved: true } });
    const complete = approvals >= required;
    if (complete) {
      const closed = await tx.approvalRequest.updateMany({ where: { id: t.approvalRequest.id, status: "pending" }, data: { status: "approved", decidedAt: new Date(), approvalsRequired: required } });
      const moved = await tx.deployment.updateMany({ where: { id: t.id, status: "awaiting_approval" }, data: { status: "ready" } });
      if (!closed.count || !moved.count) throw new AppError("conflict", `Deployment ${t.id} changed meanwhile; reload it.`);
    }
    await recordAudit(tx, {
      actor,
      action: "deployment.approved",
      target: { type: "stack", id: t.stack.name },
      environment: t.stack.environment.key,
      meta,
      details: { deploymentId: t.id, requestId: t.approvalRequest.id, comment: input.comment, approvals, required, complete },
    });
  });
  return loadDeploymentDetail(db, t.id);
}

/** One rejection closes the request: the deployment ends `rejected`. */
export async function rejectDeployment(db: Db, { actor, input: raw, meta }: Command<DecisionInput>): Promise<DeploymentDetail> {
  const input = parseInput(decisionSchema, raw);
  const t = await loadDecidable(db, actor, input.deploymentId);
  await db.$transaction(async (tx) => {
    await insertDecision(tx, t.approvalRequest.id, actor, false, input.comment);
    const closed = await tx.approvalRequest.updateMany({ where: { id: t.approvalRequest.id, status: "pending" }, data: { status: "rejected", decidedAt: new Date() } });
    const moved = await tx.deployment.updateMany({
      where: { id: t.id, status: "awaiting_approval" },
      data: { status: "rejected", resultReason: sentence(`Rejected by ${actor.email}: ${input.comment}`), finishedAt: new Date() },
    });
    if (!closed.count || !moved.count) throw new AppError("conflict", `Deployment ${t.id} changed meanwhile; reload it.`);
    await recordAudit(tx, {
      actor,
      action: "deployment.rejected",
      target: { type: "stack", id: t.stack.name },
      environment: t.stack.environment.key,
      meta,
      details: { deploymentId: t.id, requestId: t.approvalRequest.id, comment: input.comment },
    });
  });
  return loadDeploymentDetail(db, t.id);
}


async function insertDecision(tx: Tx, requestId: string, actor: Actor, approved: boolean, comment: string): Promise<void> {
  try {
    await tx.approvalDecision.create({ data: { requestId, userId: actor.userId, tokenId: actor.tokenId ?? null, approved, comment } });
  } catch (error) {
    // Two submissions of the same person raced: the unique (request, user) index keeps the approvers distinct.
    if ((error as { code?: string }).code === "P2002") throw new AppError("conflict", "You have already decided on this request; it needs a different approver.");
    throw error;
  }
}
