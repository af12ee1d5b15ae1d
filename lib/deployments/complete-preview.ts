import { withDeploymentTarget } from "../environments/aws-target.ts";
import type { Db } from "../db/client.ts";
import { deleteChangeSet, describeChangeSet } from "../aws/cloudformation.ts";
import { changeSetState, OBSOLETE_PLAN } from "./change-set-status.ts";
import { NO_FAULTS, type Faults } from "./faults.ts";
import { commitTransition, failIfStill, TransitionConflict } from "./state-machine.ts";
import { storePreviewEvents } from "./preview-events.ts";
import { advanceAutoExecute } from "./auto-execute.ts";
import type { DeploymentStatus } from "./types.ts";

export const NO_CHANGES = "No changes: the stack already matches this template and these parameters.";

/** How long CloudFormation may take to compute a change set before the preview fails (PREVIEW_TIMEOUT_SECONDS). */
export function previewTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.PREVIEW_TIMEOUT_SECONDS);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 600) * 1000;
}

/** AWS's reasons for a failed change set, as a sentence for the user where AWS's own is unclear. */
export function explainChangeSetFailure(reason: string | null): string {
  if (!reason) return "Preview failed: CloudFormation gave no reason.";
  if (/didn't contain changes|No updates are to be performed/i.test(reason)) return NO_CHANGES;
  return `Preview failed: ${reason}`;
}

/** Stores what CreateChangeSet answered (only while the deployment is still previewing and has no id yet). */
export async function recordChangeSet(db: Db, deploymentId: string, created: { changeSetId: string; stackId: string | null }): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.deployment.updateMany({ where: { id: deploymentId, status: "previewing", changeSetId: null }, data: { changeSetId: created.changeSetId } });
    if (count && created.stackId) {
      await tx.stack.updateMany({ where: { deployments: { some: { id: deploymentId } } }, data: { awsStackId: created.stackId } });
    }
  });
}

export interface PreviewOptions {
  faults?: Faults;
  now?: Date;
  timeoutMs?: number;
}

/**
 * Asks CloudFormation once whether the change set of a previewing deployment is computed. Pending: nothing
 * changes. Computed: the deployment becomes `ready` with its resource changes (and, for a new stack, its
 * REVIEW_IN_PROGRESS event is stored). Failed or obsolete: `failed` with the reason explained. Past the preview
 * timeout it fails whatever CloudFormation says. The tracker calls this in its loop; anything not previewing is left.
 */
async function completePreviewInTarget(db: Db, deploymentId: string, options: PreviewOptions = {}): Promise<"pending" | DeploymentStatus> {
  const { faults = NO_FAULTS, now = new Date(), timeoutMs = previewTimeoutMs() } = options;
  const row = await db.deployment.findUniqueOrThrow({
    where: { id: deploymentId },
    select: { status: true, action: true, changeSetId: true, createdAt: true, autoExecute: true, stack: { select: { name: true, region: true } } },
  });
  if (row.status !== "previewing") return row.status;
  if (now.getTime() - row.createdAt.getTime() > timeoutMs) return timeOut(db, deploymentId, row, timeoutMs);
  // requestChange stores the id right after CreateChangeSet answers; if it never does, the reconciler steps in.
  if (!row.changeSetId) return "pending";
  const ref = { changeSetId: row.changeSetId, stackName: row.stack.name };
  // One call while pending (no changes listed yet); when computed, the same call pages through every change.
  const changeSet = await describeChangeSet(row.stack.region, ref, { allChanges: true });
  const state = changeSetState(changeSet);
  if (state === "computing") return "pending";
  faults.at("describe-change-set:after", deploymentId);

  if (state === "available") {
    if (row.action === "create") await storePreviewEvents(db, deploymentId);
    const { changes } = changeSet;
    try {
      await commitTransition(db, deploymentId, "previewing", "ready", {
        changes,
        resourcesTotal: changes.length,
        audit: { actor: "system", details: { changeSetId: row.changeSetId, changes: changes.length, replacements: changes.filter((c) => c.replacement === "True").length } },
      });
    } catch (error) {
      if (error instanceof TransitionConflict) return currentStatus(db, deploymentId);
      throw error;
    }
    return row.autoExecute ? advanceAutoExecute(db, deploymentId, { faults }) : "ready";
  }

  const reason = state === "obsolete" ? OBSOLETE_PLAN : explainChangeSetFailure(changeSet.statusReason);
  await failIfStill(db, deploymentId, ["previewing"], reason, { changeSetId: row.changeSetId });
  if (state === "failed") {
    await deleteChangeSet(row.stack.region, ref).catch((error) => console.error(`deleting failed change set ${row.changeSetId}`, error));
  }
  return currentStatus(db, deploymentId);
}

async function timeOut(db: Db, id: string, row: { changeSetId: string | null; stack: { name: string; region: string } }, timeoutMs: number) {
  const minutes = Math.round(timeoutMs / 60_000);
  const reason = `Preview timed out: CloudFormation had not finished the change set after ${minutes >= 1 ? `${minutes} minutes` : `${timeoutMs / 1000} seconds`}; preview again`;
  await failIfStill(db, id, ["previewing"], reason, { changeSetId: row.changeSetId, timeoutSeconds: timeoutMs / 1000 });
  if (row.changeSetId) {
    // Best effort: a late change set nobody will execute does no harm (the next change makes it OBSOLETE).
    await deleteChangeSet(row.stack.region, { changeSetId: row.changeSetId, stackName: row.stack.name }).catch(() => undefined);
  }
  return currentStatus(db, id);
}

async function currentStatus(db: Db, id: string): Promise<DeploymentStatus> {
  return (await db.deployment.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
}

/** The tracker's and the reconciler's step, in the deployment's environment account (as the worker). */
export function completePreview(db: Db, deploymentId: string, options: PreviewOptions = {}): Promise<"pending" | DeploymentStatus> {
  return withDeploymentTarget(db, deploymentId, null, () => completePreviewInTarget(db, deploymentId, options));
}
