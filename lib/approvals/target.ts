import type { Db } from "../db/client.ts";
import { AppError, forbidden, notFound } from "../errors.ts";
import type { Actor } from "../auth/guard.ts";
import { describeChangeSet } from "../aws/cloudformation.ts";
import { failIfStill } from "../deployments/state-machine.ts";
import { changeSetState, OBSOLETE_PLAN } from "../deployments/change-set-status.ts";
import type { CostDelta, DeploymentStatus } from "../deployments/types.ts";

// A deployment as the approval rules see it (its plan, its request and the decisions so far), and the checks
// that approving, rejecting and executing share.

export const targetSelect = {
  id: true, status: true, action: true, changeSetId: true, templateVersionId: true, parametersHash: true,
  requestedById: true, costDelta: true,
  stack: { select: { name: true, region: true, environment: { select: { key: true, name: true, requiresApproval: true } } } },
  approvalRequest: {
    select: {
      id: true, requestedById: true, status: true, expiresAt: true, approvalsRequired: true, reason: true,
      changeSetId: true, templateVersionId: true, parametersHash: true,
      decisions: { select: { userId: true, approved: true, user: { select: { email: true } } } },
    },
  },
} as const;

export interface ApprovalTarget {
  id: string;
  status: DeploymentStatus;
  action: string;
  changeSetId: string | null;
  templateVersionId: string | null;
  parametersHash: string | null;
  requestedById: string;
  costDelta: unknown;
  stack: { name: string; region: string; environment: { key: string; name: string; requiresApproval: boolean } };
  approvalRequest: {
    id: string; requestedById: string; status: "pending" | "approved" | "rejected"; expiresAt: Date; approvalsRequired: number; reason: string;
    changeSetId: string | null; templateVersionId: string | null; parametersHash: string | null;
    decisions: { userId: string; approved: boolean; user: { email: string } }[];
  } | null;
}

export async function loadApprovalTarget(db: Db, deploymentId: string): Promise<ApprovalTarget> {
  const row = await db.deployment.findUnique({ where: { id: deploymentId }, select: targetSelect });
  if (!row) throw notFound(`Deployment ${deploymentId}`);
  return row;
}

export const monthlyDeltaOf = (t: { costDelta: unknown }) => (t.costDelta as CostDelta | null)?.monthlyDelta ?? null;

/** Whoever asked for the change or for its approval is never one of its approvers (whichever token they use). */
export function isRequester(actor: Actor, t: ApprovalTarget): boolean {
  return actor.userId === t.requestedById || actor.userId === t.approvalRequest?.requestedById;
}

export function assertNotRequester(actor: Actor, t: ApprovalTarget): void {
  if (isRequester(actor, t)) throw forbidden("You asked for this change, so you cannot approve or reject it; another approver must.");
}

export const expiredReason = (expiresAt: Date) => `The approval request expired on ${expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC; preview again`;

/** An expired request ends the deployment (freeing the stack): it must be previewed and requested again. */
export async function assertNotExpired(db: Db, t: ApprovalTarget, now = new Date()): Promise<void> {
  const request = t.approvalRequest;
  if (!request || request.expiresAt > now) return;
  const reason = expiredReason(request.expiresAt);
  await failIfStill(db, t.id, ["awaiting_approval", "ready"], reason);
  throw new AppError("conflict", `${reason}.`);
}

/** The approval holds for exactly the plan it was given: the same change set, template version and parameters. */
export async function assertBoundPlan(db: Db, t: ApprovalTarget): Promise<void> {
  const r = t.approvalRequest;
  if (!r) return;
  if (r.changeSetId !== t.changeSetId || r.templateVersionId !== t.templateVersionId || r.parametersHash !== t.parametersHash) {
    const reason = "The change differs from the one that was approved; preview again";
    await failIfStill(db, t.id, ["awaiting_approval", "ready"], reason);
    throw new AppError("conflict", `${reason}.`);
  }
}

/** Asks CloudFormation: a change set made OBSOLETE by a later stack change can no longer be approved or run. */
export async function assertChangeSetAvailable(db: Db, t: ApprovalTarget): Promise<void> {
  if (!t.changeSetId) return; // a delete has no change set
  const changeSet = await describeChangeSet(t.stack.region, { changeSetId: t.changeSetId, stackName: t.stack.name });
  const state = changeSetState(changeSet);
  if (state === "obsolete") {
    await failIfStill(db, t.id, ["awaiting_approval", "ready"], OBSOLETE_PLAN);
    throw new AppError("conflict", OBSOLETE_PLAN);
  }
  if (state !== "available") {
    throw new AppError("conflict", `The change set is ${changeSet.status} (${changeSet.executionStatus}); preview again.`);
  }
}
