import { withDeploymentTarget } from "../environments/aws-target.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { cancelUpdateStack, describeChangeSet, describeStack, describeStackEvents } from "../aws/cloudformation.ts";
import { refusedByAws } from "../aws/errors.ts";
import { expiredReason } from "../approvals/target.ts";
import { changeSetState, OBSOLETE_PLAN, wasExecuted } from "./change-set-status.ts";
import { completePreview, recordChangeSet } from "./complete-preview.ts";
import { advanceAutoExecute } from "./auto-execute.ts";
import { cancelTokenFor } from "./recovery.ts";
import { commitTransition, failIfStill, transitionIfStill } from "./state-machine.ts";
import { pollDeployment } from "./tracker/poll.ts";
import type { Faults } from "./faults.ts";
import type { DeploymentStatus } from "./types.ts";

// How the reconciler settles one deployment, by status. Every move goes through the state machine and is
// conditional, so a live process (or a second reconciler) that gets there first simply wins.

export interface StepContext {
  db: Db;
  enqueue: (deploymentId: string) => Promise<unknown>;
  faults: Faults;
  now: Date;
  previewTimeoutMs: number;
  clockSkewMs: number;
}

export interface Settled {
  deploymentId: string;
  from: DeploymentStatus;
  to: DeploymentStatus;
  why: string;
}

const INTERRUPTED = "Stackdeck stopped before CloudFormation received the request; nothing was changed";

const select = {
  id: true, status: true, action: true, changeSetId: true, changeSetName: true, heartbeatAt: true, updatedAt: true, rollbackToId: true,
  stack: { select: { name: true, region: true, awsStackId: true } },
  approvalRequest: { select: { status: true, expiresAt: true } },
} as const;

type Row = NonNullable<Awaited<ReturnType<typeof load>>>;

const load = (db: Db, id: string) => db.deployment.findUnique({ where: { id }, select });

async function reconcileOneInTarget(ctx: StepContext, id: string): Promise<Settled | null> {
  const row = await load(ctx.db, id);
  if (!row) return null;
  const request = row.approvalRequest;
  if ((row.status === "awaiting_approval" || row.status === "ready") && request && request.status !== "rejected" && request.expiresAt <= ctx.now) {
    return settle(ctx, row, await failIfStill(ctx.db, id, [row.status], expiredReason(request.expiresAt)), "failed", "the approval request expired");
  }
  switch (row.status) {
    case "previewing": return settlePreview(ctx, row);
    case "executing": return settleExecution(ctx, row);
    case "cancelling": return settleCancel(ctx, row);
    case "deploying": return follow(ctx, row, "the tracker had lost it");
    case "ready": {
      const to = await advanceAutoExecute(ctx.db, id, { faults: ctx.faults });
      if (to === "deploying") await ctx.enqueue(id);
      return to === "ready" ? null : { deploymentId: id, from: "ready", to, why: "it was created to be applied automatically" };
    }
    default: return null;
  }
}

function settle(ctx: StepContext, row: Row, moved: boolean, to: DeploymentStatus, why: string): Settled | null {
  return moved ? { deploymentId: row.id, from: row.status, to, why } : null;
}

/** A preview whose change set id was never stored: find the change set by its name, or fail the preview. */
async function settlePreview(ctx: StepContext, row: Row): Promise<Settled | null> {
  const { region, name } = row.stack;
  if (!row.changeSetId && row.changeSetName) {
    const found = await describeChangeSet(region, { changeSetId: row.changeSetName, stackName: name }).catch((error) => {
      if (error instanceof AppError && error.code === "not_found") return null;
      throw error;
    });
    if (!found) return settle(ctx, row, await failIfStill(ctx.db, row.id, ["previewing"], `Preview interrupted: ${INTERRUPTED}; preview again`), "failed", "CloudFormation has no such change set");
    await recordChangeSet(ctx.db, row.id, { changeSetId: found.changeSetId, stackId: found.stackId });
  }
  const to = await completePreview(ctx.db, row.id, { faults: ctx.faults, now: ctx.now, timeoutMs: ctx.previewTimeoutMs });
  if (to === "pending" || to === "deploying") await ctx.enqueue(row.id);
  return to === "pending" || to === "previewing" ? null : { deploymentId: row.id, from: "previewing", to, why: "the preview was settled with CloudFormation" };
}

/** An execution whose outcome was never written: did CloudFormation start it? */
async function settleExecution(ctx: StepContext, row: Row): Promise<Settled | null> {
  const started = await operationStarted(ctx, row);
  const startedAt = row.heartbeatAt ?? row.updatedAt;
  if (started === true) {
    const moved = await transitionIfStill(ctx.db, row.id, "executing", "deploying", { startedAt, audit: { actor: "system", details: { reconciled: true } } });
    if (moved) await ctx.enqueue(row.id);
    return settle(ctx, row, moved, "deploying", "CloudFormation had started the operation");
  }
  if (started === "obsolete") return settle(ctx, row, await failIfStill(ctx.db, row.id, ["executing"], OBSOLETE_PLAN), "failed", "the change set is OBSOLETE");
  // A change set still AVAILABLE (or a delete never sent) can be deployed again; a recovery has nothing to go back to.
  if (row.changeSetId || row.action === "delete") {
    const moved = await transitionIfStill(ctx.db, row.id, "executing", "ready", { audit: { actor: "system", details: { reason: INTERRUPTED, reconciled: true } } });
    return settle(ctx, row, moved, "ready", "CloudFormation never received the request");
  }
  return settle(ctx, row, await failIfStill(ctx.db, row.id, ["executing"], `${INTERRUPTED}; start it again`), "failed", "CloudFormation never received the request");
}

/** true: the operation runs (or ran); false: CloudFormation never got it; "obsolete": it can no longer run. */
async function operationStarted(ctx: StepContext, row: Row): Promise<boolean | "obsolete"> {
  if (row.changeSetId) {
    const changeSet = await describeChangeSet(row.stack.region, { changeSetId: row.changeSetId, stackName: row.stack.name }).catch((error) => {
      if (error instanceof AppError && error.code === "not_found") return null; // CloudFormation drops a stack's change sets once one ran
      throw error;
    });
    if (changeSet) {
      const state = changeSetState(changeSet);
      if (wasExecuted(state)) return true;
      if (state === "available") return false;
      if (state === "obsolete") return (await eventsCarry(ctx, row, row.id)) || "obsolete";
    }
  }
  return eventsCarry(ctx, row, row.id);
}

/** Whether the stack has events of an operation started with `token` since the intent was written. */
async function eventsCarry(ctx: StepContext, row: Row, token: string): Promise<boolean> {
  const since = (row.heartbeatAt ?? row.updatedAt).getTime() - ctx.clockSkewMs;
  let next: string | undefined;
  for (let page = 0; page < 20; page++) {
    const result = await describeStackEvents(row.stack.region, row.stack.awsStackId ?? row.stack.name, next).catch((error) => {
      if (error instanceof AppError && error.code === "not_found") return null;
      throw error;
    });
    if (!result) return false;
    for (const event of result.events) {
      if (event.clientRequestToken === token) return true;
      if (event.timestamp.getTime() < since) return false; // newest first: older events are earlier operations'
    }
    if (!result.nextToken) return false;
    next = result.nextToken;
  }
  return false;
}

/** A cancel whose call may not have landed: send it again with the same token (AWS's documented retry). */
async function settleCancel(ctx: StepContext, row: Row): Promise<Settled | null> {
  const live = await describeStack(row.stack.region, row.stack.awsStackId ?? row.stack.name);
  if (live?.status === "UPDATE_IN_PROGRESS") {
    try {
      await cancelUpdateStack(row.stack.region, { stackName: row.stack.name, clientRequestToken: cancelTokenFor(row.id) });
    } catch (error) {
      if (!refusedByAws(error)) throw error;
      await commitTransition(ctx.db, row.id, "cancelling", "deploying", { audit: { actor: "system", details: { reason: (error as Error).message, reconciled: true } } }).catch(() => undefined);
    }
  }
  return follow(ctx, row, "the cancel was confirmed with CloudFormation");
}

/** Polls once like the tracker (stores events, finishes a final operation) and hands it back to the tracker. */
async function follow(ctx: StepContext, row: Row, why: string): Promise<Settled | null> {
  const outcome = await pollDeployment({ db: ctx.db, clockSkewMs: ctx.clockSkewMs, faults: ctx.faults }, row.id);
  if (outcome === "continue") await ctx.enqueue(row.id);
  const now = await ctx.db.deployment.findUniqueOrThrow({ where: { id: row.id }, select: { status: true } });
  return now.status === row.status ? null : { deploymentId: row.id, from: row.status, to: now.status, why };
}

/** In the deployment's environment account (as the worker). */
export function reconcileOne(ctx: StepContext, id: string): Promise<Settled | null> {
  return withDeploymentTarget(ctx.db, id, null, () => reconcileOneInTarget(ctx, id));
}
