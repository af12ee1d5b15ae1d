import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { assertCan } from "../auth/guard.ts";
import { parseInput } from "../validation.ts";
import { deleteChangeSet } from "../aws/cloudformation.ts";
import type { Command } from "./context.ts";
import { loadDeploymentDetail } from "./deployment-detail.ts";
import { finishDeployment } from "./finish.ts";
import { deploymentRefSchema, type DeploymentRef } from "./schema.ts";
import type { DeploymentDetail } from "./types.ts";

/** Drops a preview that will not be deployed (previewing, ready or awaiting approval): it ends `cancelled` and frees the stack. */
export async function discardPreview(db: Db, { actor, input: raw, meta }: Command<DeploymentRef>): Promise<DeploymentDetail> {
  const { deploymentId } = parseInput(deploymentRefSchema, raw);
  const row = await db.deployment.findUnique({
    where: { id: deploymentId },
    select: { status: true, changeSetId: true, stack: { select: { name: true, region: true, environment: { select: { key: true, name: true, requiresApproval: true } } } } },
  });
  if (!row) throw new AppError("not_found", `Deployment ${deploymentId} was not found.`);
  assertCan(actor, "change:preview", row.stack.environment);
  if (row.status !== "previewing" && row.status !== "ready" && row.status !== "awaiting_approval") {
    throw new AppError("conflict", `Deployment ${deploymentId} is ${row.status}; only a preview that was not deployed can be discarded.`);
  }
  const moved = await finishDeployment(db, deploymentId, {
    status: "cancelled",
    reason: `Preview discarded by ${actor.email}`,
    from: ["previewing", "ready", "awaiting_approval"],
    auditAction: "deployment.discarded",
    details: { changeSetId: row.changeSetId },
    actor,
    meta,
  });
  if (!moved) throw new AppError("conflict", `Deployment ${deploymentId} changed meanwhile; reload it.`);
  if (row.changeSetId) {
    // Best effort: a change set left behind does no harm (CloudFormation makes it OBSOLETE on the next change).
    await deleteChangeSet(row.stack.region, { changeSetId: row.changeSetId, stackName: row.stack.name }).catch((error) =>
      console.error(`deleting change set ${row.changeSetId}`, error),
    );
  }
  return loadDeploymentDetail(db, deploymentId);
}
