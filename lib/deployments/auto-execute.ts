import { withDeploymentTarget } from "../environments/aws-target.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { loadActor } from "../auth/actors.ts";
import { recordAudit } from "../audit/record.ts";
import { requestApproval } from "../approvals/request-approval.ts";
import { executeDeployment } from "./execute-deployment.ts";
import { NO_FAULTS, type Faults } from "./faults.ts";
import type { DeploymentStatus } from "./types.ts";

// "Preview and apply" (the API's `execute: true`, the change form's "Deploy when approved"): once the preview is
// ready, the deployment is applied as the person who asked for it, with their permissions checked now. Where the
// environment requires approval it is first sent to the approvers as that person, and applied as soon as the
// last approval lands. Called when a preview becomes ready, when a request is approved, and by the reconciler
// (so a crash between those steps only delays it). Safe to call twice: every step is a guarded transition.

const DEFAULT_REASON = "Sent for approval automatically; it is applied as soon as it is approved.";

async function advanceAutoExecuteInTarget(db: Db, deploymentId: string, { faults = NO_FAULTS }: { faults?: Faults } = {}): Promise<DeploymentStatus> {
  const row = await db.deployment.findUniqueOrThrow({
    where: { id: deploymentId },
    select: {
      status: true, autoExecute: true, note: true, requestedById: true, requestedByTokenId: true,
      stack: { select: { environment: { select: { requiresApproval: true } } } },
      approvalRequest: { select: { status: true } },
    },
  });
  if (!row.autoExecute || row.status !== "ready") return row.status;
  const actor = await loadActor(db, row.requestedById, row.requestedByTokenId ?? undefined);
  if (!actor) return refuse(db, deploymentId, "the requester's account or API token is no longer valid");
  const needsApproval = row.stack.environment.requiresApproval;
  try {
    if (needsApproval && !row.approvalRequest) {
      const reason = row.note && row.note.trim().length >= 5 ? row.note.trim() : DEFAULT_REASON;
      return (await requestApproval(db, { actor, input: { deploymentId, reason } })).status;
    }
    if (needsApproval && row.approvalRequest?.status !== "approved") return row.status;
    return (await executeDeployment(db, { actor, input: { deploymentId }, faults }, { appliedOnApproval: needsApproval })).status;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // A concurrent step already moved it on: nothing to refuse.
    const now = await db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, select: { status: true } });
    if (now.status !== "ready") return now.status;
    return refuse(db, deploymentId, error.message);
  }
}

/** Not applied automatically (revoked role, expired approval, ...): say why once and stop trying. */
async function refuse(db: Db, deploymentId: string, why: string): Promise<DeploymentStatus> {
  return db.$transaction(async (tx) => {
    const row = await tx.deployment.update({
      where: { id: deploymentId },
      data: { autoExecute: false },
      select: { status: true, stack: { select: { name: true, environment: { select: { key: true } } } } },
    });
    await recordAudit(tx, {
      actor: "system",
      action: "deployment.auto_execute_refused",
      target: { type: "stack", id: row.stack.name },
      environment: row.stack.environment.key,
      details: { deploymentId, reason: why },
    });
    console.warn(`auto-execute of ${deploymentId} refused: ${why}`);
    return row.status;
  });
}

/** In the deployment's environment account (as the worker). */
export function advanceAutoExecute(db: Db, deploymentId: string, options: { faults?: Faults } = {}): Promise<DeploymentStatus> {
  return withDeploymentTarget(db, deploymentId, null, () => advanceAutoExecuteInTarget(db, deploymentId, options));
}
