import { withDeploymentTarget } from "../environments/aws-target.ts";
import type { Db, Tx } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import { recordAudit } from "../audit/record.ts";
import { parseInput } from "../validation.ts";
import type { Command } from "../deployments/context.ts";
import { transition, TransitionConflict } from "../deployments/state-machine.ts";
import { advanceAutoExecute } from "../deployments/auto-execute.ts";
import { loadDeploymentDetail } from "../deployments/deployment-detail.ts";
import type { DeploymentDetail } from "../deployments/types.ts";
import { getApprovalPolicy, requiredApprovals } from "./policy.ts";
import { decisionSchema, type DecisionInput } from "./schema.ts";
import {
  assertBoundPlan, assertChangeSetAvailable, assertNotExpired, assertNotRequester, loadApprovalTarget, monthlyDeltaOf, type ApprovalTarget,
} from "./target.ts";

/** Who may decide: an approver for this environment who did not ask for the change and has not decided yet. */
type Decidable = ApprovalTarget & { approvalRequest: NonNullable<ApprovalTarget["approvalRequest"]> };

async function loadDecidable(db: Db, actor: Actor, deploymentId: string): Promise<Decidable> {
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
 * Locks the approval request row before anything else in the decision's transaction: concurrent decisions on
 * one request run one after the other, so the last of two simultaneous approvals sees both and completes it
 * (counted in their own transactions without the lock, each saw one and neither completed it).
 */
async function lockPendingRequest(tx: Tx, t: Decidable): Promise<void> {
  const [request] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM approval_requests WHERE id = ${t.approvalRequest.id}::uuid FOR UPDATE`;
  if (request?.status !== "pending") throw new AppError("conflict", `The approval request of deployment ${t.id} is ${request?.status ?? "gone"}; there is nothing left to decide.`);
}

/**
 * One approval. When the request has as many distinct approvals as it needs (counted under the request's lock),
 * the deployment is `ready` again, approved; one created with "Deploy when approved" (execute: true) is then
 * applied at once, as its requester.
 */
async function approveDeploymentInTarget(db: Db, { actor, input: raw, meta, faults }: Command<DecisionInput>): Promise<DeploymentDetail> {
  const input = parseInput(decisionSchema, raw);
  const t = await loadDecidable(db, actor, input.deploymentId);
  await assertNotExpired(db, t);
  await assertBoundPlan(db, t);
  await assertChangeSetAvailable(db, t);
  const policy = await getApprovalPolicy(db, t.stack.environment.key);
  const required = Math.max(t.approvalRequest.approvalsRequired, requiredApprovals(policy, monthlyDeltaOf(t)));

  const complete = await decide(db, t, async (tx) => {
    await lockPendingRequest(tx, t);
    await insertDecision(tx, t.approvalRequest.id, actor, true, input.comment);
    const approvals = await tx.approvalDecision.count({ where: { requestId: t.approvalRequest.id, approved: true } });
    const details = { requestId: t.approvalRequest.id, comment: input.comment, approvals, required, complete: approvals >= required };
    if (approvals < required) {
      await recordAudit(tx, { actor, action: "deployment.approved", target: { type: "stack", id: t.stack.name }, environment: t.stack.environment.key, meta, details: { deploymentId: t.id, ...details } });
      return false;
    }
    await tx.approvalRequest.update({ where: { id: t.approvalRequest.id }, data: { status: "approved", decidedAt: new Date(), approvalsRequired: required } });
    await transition(tx, t.id, "awaiting_approval", "ready", { audit: { actor, meta, details } });
    return true;
  });
  if (complete) await advanceAutoExecute(db, t.id, { faults });
  return loadDeploymentDetail(db, t.id);
}

/** One rejection closes the request: the deployment ends `rejected`. */
export async function rejectDeployment(db: Db, { actor, input: raw, meta }: Command<DecisionInput>): Promise<DeploymentDetail> {
  const input = parseInput(decisionSchema, raw);
  const t = await loadDecidable(db, actor, input.deploymentId);
  await decide(db, t, async (tx) => {
    await lockPendingRequest(tx, t);
    await insertDecision(tx, t.approvalRequest.id, actor, false, input.comment);
    await tx.approvalRequest.update({ where: { id: t.approvalRequest.id }, data: { status: "rejected", decidedAt: new Date() } });
    await transition(tx, t.id, "awaiting_approval", "rejected", {
      resultReason: `Rejected by ${actor.email}: ${input.comment}`,
      audit: { actor, meta, details: { requestId: t.approvalRequest.id, comment: input.comment } },
    });
    return true;
  });
  return loadDeploymentDetail(db, t.id);
}

/** The decision's transaction; a deployment moved meanwhile (discarded, expired) is a conflict, not a crash. */
async function decide(db: Db, t: Decidable, body: (tx: Tx) => Promise<boolean>): Promise<boolean> {
  try {
    return await db.$transaction(body);
  } catch (error) {
    if (error instanceof TransitionConflict) throw new AppError("conflict", `Deployment ${t.id} changed meanwhile (${error.current}); reload it.`);
    throw error;
  }
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

/** In the deployment's environment account, as the approver (an approval may execute the change). */
export function approveDeployment(db: Db, command: Command<DecisionInput>): Promise<DeploymentDetail> {
  const raw = command.input;
  return withDeploymentTarget(db, String((raw as { deploymentId?: unknown } | undefined)?.deploymentId ?? ""), command.actor, () => approveDeploymentInTarget(db, command));
}
