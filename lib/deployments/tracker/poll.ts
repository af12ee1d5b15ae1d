import { withDeploymentTarget } from "../../environments/aws-target.ts";
import type { Db } from "../../db/client.ts";
import { describeStack } from "../../aws/cloudformation.ts";
import { notifyDeploymentChanged } from "../../realtime/notify.ts";
import { fetchNewEvents, firstFailureReason, latestStackStatus, refreshProgress, storeEvents, STACK_RESOURCE_TYPE } from "./events.ts";
import { isFinalStackStatus } from "../stack-status.ts";
import { NO_FAULTS, type Faults } from "../faults.ts";
import { heartbeat } from "../state-machine.ts";
import { applyTrackedStatus, completePreview } from "./domain.ts";

export type PollOutcome = "continue" | "done";

export interface PollContext {
  db: Db;
  clockSkewMs: number;
  /** Failure points (faults.ts); none by default. */
  faults?: Faults;
}

/** After this long without a stack-level event, ask DescribeStacks directly (e.g. the operation's events were missed). */
const SILENT_CHECK_MS = 30_000;

/**
 * One tick of tracking for one deployment: a previewing one asks for its change set once; a deploying one stores
 * the operation's new stack events, refreshes progress and the Stack row's status, and finishes the deployment
 * when CloudFormation reaches a final status. Viewers are told through NOTIFY whenever something changed.
 */
async function pollDeploymentInTarget(ctx: PollContext, deploymentId: string): Promise<PollOutcome> {
  const { db } = ctx;
  const deployment = await db.deployment.findUnique({
    where: { id: deploymentId },
    select: {
      status: true, startedAt: true, createdAt: true, stackId: true, changes: true, changeSetId: true,
      stack: { select: { name: true, region: true, awsStackId: true, status: true } },
    },
  });
  if (!deployment) return "done";
  const faults = ctx.faults ?? NO_FAULTS;
  // The lease the reconciler respects; a preview without a change set id yet is the reconciler's to settle.
  if (deployment.status !== "previewing" || deployment.changeSetId) await heartbeat(db, deploymentId);
  if (deployment.status === "previewing") {
    const result = await completePreview(db, deploymentId, { faults });
    if (result === "pending") return "continue";
    await notifyDeploymentChanged(db, deploymentId);
    // An auto-executed preview (the API's execute: true) went straight on to deploying: keep following it.
    return result === "deploying" ? "continue" : "done";
  }
  if (deployment.status !== "deploying" && deployment.status !== "cancelling") return "done";

  const { stack } = deployment;
  // The stack id (ARN) keeps answering after a delete, when the name no longer does.
  const stackRef = stack.awsStackId ?? stack.name;
  const startedAt = deployment.startedAt ?? deployment.createdAt;
  const since = new Date(startedAt.getTime() - ctx.clockSkewMs);
  const { events } = await fetchNewEvents(db, { region: stack.region, stackRef, since, clientRequestToken: deploymentId });
  faults.at("describe-stack-events:after", deploymentId);
  let changed = (await storeEvents(db, deployment.stackId, deploymentId, events)) > 0;
  changed = (await refreshProgress(db, deploymentId, changedLogicalIds(deployment.changes))) || changed;

  const latest = await latestStackStatus(db, deploymentId);
  if (latest && latest.status !== stack.status) {
    await db.stack.update({ where: { id: deployment.stackId }, data: { status: latest.status, statusReason: latest.reason } });
    changed = true;
  }
  const silentTooLong = !latest && Date.now() - startedAt.getTime() > SILENT_CHECK_MS;
  if ((latest && isFinalStackStatus(latest.status)) || silentTooLong) {
    if (await finishIfFinal(ctx, deploymentId, stack.region, stackRef, latest?.status ?? null)) return "done";
  }
  if (changed) await notifyDeploymentChanged(db, deploymentId);
  return "continue";
}

/** Confirms the final status with DescribeStacks (which also brings the outputs) and ends the deployment. */
async function finishIfFinal(ctx: PollContext, deploymentId: string, region: string, stackRef: string, fromEvents: string | null): Promise<boolean> {
  const described = await describeStack(region, stackRef);
  // A deleted stack is "not found" by name: then the events' DELETE_COMPLETE is the answer.
  const stackStatus = described?.status ?? fromEvents;
  if (!stackStatus || !isFinalStackStatus(stackStatus)) return false;
  ctx.faults?.at("describe-stacks-final:after", deploymentId);
  await applyTrackedStatus(ctx.db, deploymentId, {
    stackStatus,
    statusReason: described?.statusReason ?? null,
    outputs: described?.outputs ?? [],
    firstFailureReason: await firstFailureReason(ctx.db, deploymentId),
    cancelRequested: await wasCancelled(ctx.db, deploymentId),
  });
  await notifyDeploymentChanged(ctx.db, deploymentId);
  return true;
}

// CloudFormation itself says so: a cancelled update's rollback starts with the reason "Stack update cancelled".
async function wasCancelled(db: Db, deploymentId: string): Promise<boolean> {
  const hit = await db.stackEvent.findFirst({
    where: { deploymentId, resourceType: STACK_RESOURCE_TYPE, reason: { contains: "cancel", mode: "insensitive" } },
    select: { id: true },
  });
  return hit !== null;
}

function changedLogicalIds(changes: unknown): string[] {
  if (!Array.isArray(changes)) return [];
  return changes.flatMap((c) => (c && typeof c === "object" && typeof (c as { logicalId?: unknown }).logicalId === "string" ? [(c as { logicalId: string }).logicalId] : []));
}

/** In the deployment's environment account (as the worker). */
export function pollDeployment(ctx: PollContext, deploymentId: string): Promise<PollOutcome> {
  return withDeploymentTarget(ctx.db, deploymentId, null, () => pollDeploymentInTarget(ctx, deploymentId));
}
