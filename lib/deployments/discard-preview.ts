import { withDeploymentTarget } from "../environments/aws-target.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { assertCan } from "../auth/guard.ts";
import { parseInput } from "../validation.ts";
import { deleteChangeSet } from "../aws/cloudformation.ts";
import type { Command } from "./context.ts";
import { loadDeploymentDetail } from "./deployment-detail.ts";
import { commitTransition, TransitionConflict } from "./state-machine.ts";
import { deploymentRefSchema, type DeploymentRef } from "./schema.ts";
import type { DeploymentDetail, DeploymentStatus } from "./types.ts";

const DISCARDABLE: DeploymentStatus[] = ["previewing", "ready", "awaiting_approval"];

/** Drops a preview that will not be deployed (previewing, ready or awaiting approval): it ends `cancelled` and frees the stack. */
async function discardPreviewInTarget(db: Db, { actor, input: raw, meta }: Command<DeploymentRef>): Promise<DeploymentDetail> {
  const { deploymentId } = parseInput(deploymentRefSchema, raw);
  const row = await db.deployment.findUnique({
    where: { id: deploymentId },
    select: { status: true, changeSetId: true, stack: { select: { name: true, region: true, environment: { select: { key: true, name: true, requiresApproval: true } } } } },
  });
  if (!row) throw new AppError("not_found", `Deployment ${deploymentId} was not found.`);
  assertCan(actor, "change:preview", row.stack.environment);
  if (!DISCARDABLE.includes(row.status)) {
    throw new AppError("conflict", `Deployment ${deploymentId} is ${row.status}; only a preview that was not deployed can be discarded.`);
  }
  try {
    // Locked and conditional: racing an execute (or an expiry) of the same preview, exactly one of them wins.
    await commitTransition(db, deploymentId, DISCARDABLE, "cancelled", {
      resultReason: `Preview discarded by ${actor.email}`,
      audit: { actor, meta, details: { changeSetId: row.changeSetId } },
    });
  } catch (error) {
    if (error instanceof TransitionConflict) throw new AppError("conflict", `Deployment ${deploymentId} is ${error.current}; only a preview that was not deployed can be discarded.`);
    throw error;
  }
  if (row.changeSetId) {
    // Best effort: a change set left behind does no harm (CloudFormation makes it OBSOLETE on the next change).
    await deleteChangeSet(row.stack.region, { changeSetId: row.changeSetId, stackName: row.stack.name }).catch((error) =>
      console.error(`deleting change set ${row.changeSetId}`, error),
    );
  }
  return loadDeploymentDetail(db, deploymentId);
}

/** In the deployment's environment account, as the person discarding it. */
export function discardPreview(db: Db, command: Command<DeploymentRef>): Promise<DeploymentDetail> {
  const raw = command.input;
  return withDeploymentTarget(db, String((raw as { deploymentId?: unknown } | undefined)?.deploymentId ?? ""), command.actor, () => discardPreviewInTarget(db, command));
}
