import type { Db } from "../db/client.ts";
import { recordAudit } from "../audit/record.ts";
import { loadActor } from "../auth/actors.ts";
import { AppError } from "../errors.ts";
import { executeDeployment } from "./execute-deployment.ts";
import { deleteChangeSet, describeChangeSet } from "../aws/cloudformation.ts";
import { markFailed } from "./finish.ts";
import type { DeploymentStatus } from "./types.ts";

const PENDING = new Set(["CREATE_PENDING", "CREATE_IN_PROGRESS"]);

export const NO_CHANGES = "No changes: the stack already matches this template and these parameters.";

/** AWS's reasons for a failed change set, as a sentence for the user where AWS's own is unclear. */
export function explainChangeSetFailure(reason: string | null): string {
  if (!reason) return "Preview failed: CloudFormation gave no reason.";
  if (/didn't contain changes|No updates are to be performed/i.test(reason)) return NO_CHANGES;
  return `Preview failed: ${reason}`;
}

/**
 * Asks CloudFormation once whether the change set of a previewing deployment is computed. Pending: nothing
 * changes. Computed: the deployment becomes `ready` with its resource changes. Failed: `failed` with the reason
 * explained, and the change set is deleted. The tracker calls this in its loop; anything not previewing is left.
 */
export async function completePreview(db: Db, deploymentId: string): Promise<"pending" | DeploymentStatus> {
  const row = await db.deployment.findUniqueOrThrow({
    where: { id: deploymentId },
    select: { status: true, changeSetId: true, autoExecute: true, requestedById: true, requestedByTokenId: true, stack: { select: { name: true, region: true, environment: { select: { key: true } } } } },
  });
  if (row.status !== "previewing") return row.status;
  // requestChange stores the id right after CreateChangeSet answers; until then there is nothing to ask.
  if (!row.changeSetId) return "pending";
  const ref = { changeSetId: row.changeSetId, stackName: row.stack.name };
  // One call while pending (no changes listed yet); when computed, the same call pages through every change.
  const first = await describeChangeSet(row.stack.region, ref, { allChanges: true });
  if (PENDING.has(first.status)) return "pending";

  if (first.status === "CREATE_COMPLETE") {
    const { changes } = first;
    const moved = await db.$transaction(async (tx) => {
      const { count } = await tx.deployment.updateMany({
        where: { id: deploymentId, status: "previewing" },
        data: { status: "ready", changes: changes as object[], resourcesTotal: changes.length },
      });
      if (!count) return false;
      await recordAudit(tx, {
        actor: "system",
        action: "deployment.preview_ready",
        target: { type: "stack", id: row.stack.name },
        environment: row.stack.environment.key,
        details: { deploymentId, changeSetId: row.changeSetId, changes: changes.length, replacements: changes.filter((c) => c.replacement === "True").length },
      });
      return true;
    });
    if (moved && row.autoExecute) return autoExecute(db, deploymentId, row.requestedById, row.requestedByTokenId);
    return moved ? "ready" : currentStatus(db, deploymentId);
  }

  // FAILED (or deleted meanwhile): explain it and clean the change set up.
  await markFailed(db, deploymentId, explainChangeSetFailure(first.statusReason), ["previewing"]);
  if (first.status === "FAILED") {
    await deleteChangeSet(row.stack.region, ref).catch((error) => console.error(`deleting failed change set ${row.changeSetId}`, error));
  }
  return currentStatus(db, deploymentId);
}

/**
 * CI's "preview and apply": executes as the requester, whose permissions are checked now (a revoked role or an
 * environment that needs approval leaves the deployment ready, with the reason logged).
 */
async function autoExecute(db: Db, deploymentId: string, userId: string, tokenId: string | null): Promise<DeploymentStatus> {
  const actor = await loadActor(db, userId, tokenId ?? undefined);
  if (!actor) return "ready";
  try {
    return (await executeDeployment(db, { actor, input: { deploymentId } })).status;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    console.warn(`auto-execute of ${deploymentId} refused: ${error.message}`);
    return currentStatus(db, deploymentId);
  }
}

async function currentStatus(db: Db, id: string): Promise<DeploymentStatus> {
  return (await db.deployment.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
}
