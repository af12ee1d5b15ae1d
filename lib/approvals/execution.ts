import type { Db } from "../db/client.ts";
import { AppError, forbidden } from "../errors.ts";
import { assertCan, can, type Actor } from "../auth/guard.ts";
import { loadActor } from "../auth/actors.ts";
import { getApprovalPolicy, requiredApprovals } from "./policy.ts";
import { assertBoundPlan, assertNotExpired, isRequester, loadApprovalTarget, monthlyDeltaOf, type ApprovalTarget } from "./target.ts";

export interface ExecutionGrant {
  breakGlass: { reason: string } | null;
  approval: { requestId: string; approvers: string[] } | null;
}

/**
 * Whether this actor may execute this deployment now. Where no approval is needed: the guard's change:deploy, as
 * before. Where it is: either an admin's explicit break glass with a reason, or an approved request, re-checked
 * in full (policy, distinct eligible approvers, bound plan, expiry); the caller then checks the change set with
 * CloudFormation before executing.
 */
export async function authorizeExecution(
  db: Db,
  actor: Actor,
  deploymentId: string,
  options: { breakGlass?: boolean; reason?: string },
): Promise<ExecutionGrant> {
  const t = await loadApprovalTarget(db, deploymentId);
  const env = t.stack.environment;
  if (!env.requiresApproval) {
    assertCan(actor, "change:deploy", env);
    if (options.breakGlass) throw new AppError("conflict", `Changes in ${env.key} need no approval, so there is no glass to break; deploy normally.`);
    return { breakGlass: null, approval: null };
  }
  if (options.breakGlass) {
    assertCan(actor, "change:break-glass", env);
    return { breakGlass: { reason: options.reason ?? "" }, approval: null };
  }
  const request = t.approvalRequest;
  if (!request || request.status !== "approved") {
    if (!can(actor, "change:request", env) && !can(actor, "change:approve", env)) assertCan(actor, "change:deploy", env);
    const admin = can(actor, "change:break-glass", env);
    const state = request ? `the approval request is ${request.status === "pending" ? "still waiting for approvers" : request.status}` : "request approval first";
    throw forbidden(`Changes in ${env.key} need approval: ${state}${admin ? " (or use break glass)" : ""}.`);
  }
  assertMayExecuteApproved(actor, t);
  await assertNotExpired(db, t);
  await assertBoundPlan(db, t);
  const approvers = await eligibleApprovers(db, t);
  const policy = await getApprovalPolicy(db, env.key);
  const required = Math.max(request.approvalsRequired, requiredApprovals(policy, monthlyDeltaOf(t)));
  if (approvers.length < required) {
    throw forbidden(`This change needs ${required} distinct approvals in ${env.key} and has ${approvers.length} valid; request approval again.`);
  }
  return { breakGlass: null, approval: { requestId: request.id, approvers } };
}

/** The requester (of the change or of its approval), one of its approvers, or an admin runs an approved change. */
function assertMayExecuteApproved(actor: Actor, t: ApprovalTarget): void {
  const env = t.stack.environment;
  const approver = t.approvalRequest!.decisions.some((d) => d.approved && d.userId === actor.userId);
  const allowed =
    (isRequester(actor, t) && can(actor, "change:request", env)) ||
    (approver && can(actor, "change:approve", env)) ||
    can(actor, "change:break-glass", env);
  if (!allowed) throw forbidden(`Only the requester or an approver may execute this approved change in ${env.key}.`);
}

/** Approvals that still count: distinct people, none of them a requester, each still an approver here (read now). */
async function eligibleApprovers(db: Db, t: ApprovalTarget): Promise<string[]> {
  const env = t.stack.environment;
  const seen = new Map<string, string>();
  for (const d of t.approvalRequest!.decisions) {
    if (!d.approved || d.userId === t.requestedById || d.userId === t.approvalRequest!.requestedById || seen.has(d.userId)) continue;
    const approver = await loadActor(db, d.userId);
    if (approver && can(approver, "change:approve", env)) seen.set(d.userId, d.user.email);
  }
  return [...seen.values()];
}
