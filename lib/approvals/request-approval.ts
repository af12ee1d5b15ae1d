import { withDeploymentTarget } from "../environments/aws-target.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { assertCan } from "../auth/guard.ts";
import { randomUUID } from "node:crypto";
import { transition, TransitionConflict } from "../deployments/state-machine.ts";
import { parseInput } from "../validation.ts";
import type { Command } from "../deployments/context.ts";
import { loadDeploymentDetail } from "../deployments/deployment-detail.ts";
import type { DeploymentDetail } from "../deployments/types.ts";
import { getApprovalPolicy, requiredApprovals } from "./policy.ts";
import { requestApprovalSchema, type RequestApprovalInput } from "./schema.ts";
import { assertChangeSetAvailable, loadApprovalTarget, monthlyDeltaOf } from "./target.ts";

const HOUR_MS = 3_600_000;

/**
 * Sends a ready preview for approval: binds the request to its change set, template version and parameters hash,
 * fixes how many distinct approvers it needs (policy, plus one over the cost threshold) and when it expires.
 */
async function requestApprovalInTarget(db: Db, { actor, input: raw, meta }: Command<RequestApprovalInput>): Promise<DeploymentDetail> {
  const input = parseInput(requestApprovalSchema, raw);
  const t = await loadApprovalTarget(db, input.deploymentId);
  const env = t.stack.environment;
  assertCan(actor, "change:request", env);
  if (!env.requiresApproval) throw new AppError("conflict", `Changes in ${env.key} need no approval; deploy it directly.`);
  if (t.approvalRequest) throw new AppError("conflict", `Approval was already requested for deployment ${t.id} (${t.approvalRequest.status}).`);
  if (t.status !== "ready") throw new AppError("conflict", `Deployment ${t.id} is ${t.status}; only a ready preview can be sent for approval.`);
  await assertChangeSetAvailable(db, t);

  const policy = await getApprovalPolicy(db, env.key);
  const approvalsRequired = requiredApprovals(policy, monthlyDeltaOf(t));
  const expiresAt = new Date(Date.now() + policy.validityHours * HOUR_MS);
  const requestId = randomUUID();
  try {
    await db.$transaction(async (tx) => {
      await transition(tx, t.id, "ready", "awaiting_approval", {
        audit: {
          actor,
          meta,
          details: { requestId, reason: input.reason, approvalsRequired, expiresAt: expiresAt.toISOString(), changeSetId: t.changeSetId },
        },
      });
      await tx.approvalRequest.create({
        data: {
          id: requestId, deploymentId: t.id, requestedById: actor.userId, requestedByTokenId: actor.tokenId ?? null, reason: input.reason,
          changeSetId: t.changeSetId, templateVersionId: t.templateVersionId, parametersHash: t.parametersHash, approvalsRequired, expiresAt,
        },
        select: { id: true },
      });
    });
  } catch (error) {
    if (error instanceof TransitionConflict) throw new AppError("conflict", `Deployment ${t.id} changed meanwhile; reload it.`);
    throw error;
  }
  return loadDeploymentDetail(db, t.id);
}

/** In the deployment's environment account, as the requester (the change set is checked). */
export function requestApproval(db: Db, command: Command<RequestApprovalInput>): Promise<DeploymentDetail> {
  const raw = command.input;
  return withDeploymentTarget(db, String((raw as { deploymentId?: unknown } | undefined)?.deploymentId ?? ""), command.actor, () => requestApprovalInTarget(db, command));
}
