import type { Db } from "../db/client.ts";
import { AppError, forbidden } from "../errors.ts";
import { assertCan, can, type Actor, type EnvironmentPolicy } from "../auth/guard.ts";
import { recordAudit } from "../audit/record.ts";
import { parseInput } from "../validation.ts";
import { deleteStack, describeChangeSet, describeStack, executeChangeSet } from "../aws/cloudformation.ts";
import { authorizeExecution } from "../approvals/execution.ts";
import { executeSchema, type ExecuteInput } from "../approvals/schema.ts";
import { OBSOLETE_PLAN } from "../approvals/target.ts";
import type { Command } from "./context.ts";
import { assertDeletable } from "./delete-checks.ts";
import { loadDeploymentDetail } from "./deployment-detail.ts";
import { markFailed } from "./finish.ts";
import type { DeploymentDetail, DeploymentStatus } from "./types.ts";

export const OBSOLETE_REASON = OBSOLETE_PLAN;

/** Recovery operations (cancel, roll back) in an environment that requires approval: admins only. */
export function assertMayDeploy(actor: Actor, environment: EnvironmentPolicy): void {
  if (environment.requiresApproval && can(actor, "change:deploy", { ...environment, requiresApproval: false }) && !can(actor, "change:deploy", environment)) {
    throw forbidden(`Changes in ${environment.key} need approval; only an admin may start this operation there directly.`);
  }
  assertCan(actor, "change:deploy", environment);
}

/**
 * Applies a ready deployment: executes exactly its change set (or deletes the stack), idempotently (the
 * deployment id is CloudFormation's ClientRequestToken), then marks it deploying for the tracker to follow.
 * Where approval is required, authorizeExecution re-checks the approval (or the admin's break glass) first.
 */
export async function executeDeployment(db: Db, { actor, input: raw, meta }: Command<ExecuteInput>): Promise<DeploymentDetail> {
  const { deploymentId, breakGlass, reason } = parseInput(executeSchema, raw);
  const row = await db.deployment.findUnique({
    where: { id: deploymentId },
    select: {
      status: true, action: true, changeSetId: true, changeSetName: true, templateVersion: { select: { sha256: true } },
      stack: { select: { name: true, region: true, awsStackId: true, environment: { select: { key: true, requiresApproval: true } } } },
    },
  });
  if (!row) throw new AppError("not_found", `Deployment ${deploymentId} was not found.`);
  const { stack } = row;
  const grant = await authorizeExecution(db, actor, deploymentId, { breakGlass, reason });
  // Break glass may also cut a pending approval request short; anything else runs only from ready.
  const from: DeploymentStatus[] = grant.breakGlass ? ["ready", "awaiting_approval"] : ["ready"];
  if (!from.includes(row.status)) {
    throw new AppError("conflict", `Deployment ${deploymentId} is ${row.status}; only a ready preview can be deployed.`);
  }

  // Taken before CloudFormation starts, so the operation's first events are never older than startedAt.
  const startedAt = new Date();
  if (row.action === "delete") {
    const live = await describeStack(stack.region, stack.name);
    if (!live) throw new AppError("conflict", `Stack ${stack.name} no longer exists in CloudFormation.`);
    await assertDeletable(stack.region, live);
    await deleteStack(stack.region, { stackName: stack.name, clientRequestToken: deploymentId });
  } else {
    const ref = { changeSetId: row.changeSetId!, stackName: stack.name };
    const changeSet = await describeChangeSet(stack.region, ref);
    if (changeSet.executionStatus === "OBSOLETE") {
      await markFailed(db, deploymentId, OBSOLETE_REASON, from);
      throw new AppError("conflict", OBSOLETE_REASON);
    }
    if (changeSet.status !== "CREATE_COMPLETE" || changeSet.executionStatus !== "AVAILABLE") {
      throw new AppError("conflict", `The change set is ${changeSet.status} (${changeSet.executionStatus}) and cannot be executed; preview again.`);
    }
    await executeChangeSet(stack.region, { ...ref, clientRequestToken: deploymentId });
  }

  await db.$transaction(async (tx) => {
    // A concurrent execute of the same deployment sent the same token, so CloudFormation ran it once; one row update wins.
    const { count } = await tx.deployment.updateMany({
      where: { id: deploymentId, status: { in: from } },
      data: { status: "deploying", startedAt, executedById: actor.userId, breakGlass: !!grant.breakGlass, breakGlassReason: grant.breakGlass?.reason ?? null },
    });
    if (!count) return;
    if (grant.breakGlass) {
      await recordAudit(tx, {
        actor,
        action: "deployment.break_glass",
        target: { type: "stack", id: stack.name },
        environment: stack.environment.key,
        meta,
        details: { deploymentId, reason: grant.breakGlass.reason, status: row.status },
      });
    }
    await recordAudit(tx, {
      actor,
      action: row.action === "delete" ? "deployment.delete_executed" : "deployment.executed",
      target: { type: "stack", id: stack.name },
      environment: stack.environment.key,
      meta,
      details: {
        deploymentId, action: row.action, changeSetName: row.changeSetName, templateSha256: row.templateVersion?.sha256 ?? null,
        breakGlass: !!grant.breakGlass, approvedBy: grant.approval?.approvers ?? null,
      },
    });
  });
  return loadDeploymentDetail(db, deploymentId);
}
