import type { Db } from "../db/client.ts";
import type { StackOutput } from "../aws/cloudformation.ts";
import { classifyStackStatus } from "./stack-status.ts";
import { transition, TransitionConflict } from "./state-machine.ts";
import { sentence } from "./context.ts";
import { alarmFromRollbackReason } from "../alarms/rollback-triggers.ts";
import type { DeploymentAction, DeploymentStatus } from "./types.ts";

export interface TrackedStatus {
  stackStatus: string;
  statusReason: string | null;
  outputs: StackOutput[];
  /** The first failure's reason as the tracker saw it; the stored events are preferred when they name it. */
  firstFailureReason: string | null;
  /** Whether the update was cancelled (CloudFormation's events say so); a `cancelling` deployment counts too. */
  cancelRequested?: boolean;
}

const STACK_TYPE = "AWS::CloudFormation::Stack";
const CANCELLED = /cancel/i;

/** What a final stack status means for the deployment (the classifier's outcome); null while not final. */
export function deploymentOutcome(stackStatus: string, cancelRequested: boolean): DeploymentStatus | null {
  const { outcome } = classifyStackStatus(stackStatus);
  if (outcome === "rolled_back" && cancelRequested) return "cancelled";
  return outcome;
}

const TRACKED: DeploymentStatus[] = ["deploying", "cancelling"];

/**
 * Ends a deploying (or cancelling) deployment from the stack status CloudFormation reached: our status, one
 * sentence of result, the Stack row (status, outputs, the parameters of the last success, deletedAt) and the audit
 * entry, in one transaction through the state machine. Progress stays what the events showed; a success with
 * resources CloudFormation sent no events for says so. Idempotent: a finished deployment is left as it is.
 */
export async function applyTrackedStatus(db: Db, deploymentId: string, tracked: TrackedStatus): Promise<DeploymentStatus> {
  const row = await db.deployment.findUniqueOrThrow({
    where: { id: deploymentId },
    select: { status: true, action: true, parameters: true, rollbackToId: true, stackId: true, changes: true, stack: { select: { name: true, environment: { select: { key: true } } } } },
  });
  const cancelRequested = row.status === "cancelling" || !!tracked.cancelRequested;
  const status = deploymentOutcome(tracked.stackStatus, cancelRequested);
  if (!TRACKED.includes(row.status) || !status) {
    if (!status) await db.stack.update({ where: { id: row.stackId }, data: { status: tracked.stackStatus, statusReason: tracked.statusReason }, select: { id: true } });
    return row.status;
  }
  const failure = await firstFailure(db, deploymentId, tracked.firstFailureReason);
  const alarm = status === "rolled_back" ? await rollbackTriggerAlarm(db, deploymentId, tracked.statusReason) : null;
  const unseen = status === "succeeded" ? await resourcesWithoutEvents(db, deploymentId, row.changes) : [];
  const result = resultSentence({ status, action: row.action, stackStatus: tracked.stackStatus, stackName: row.stack.name, failure, statusReason: tracked.statusReason, recovery: row.action === "rollback" && !row.rollbackToId, alarm });
  const late = status === "succeeded" && row.status === "cancelling" ? " The cancel came too late: the update had already finished." : "";
  const reason = `${result}${late}${unseen.length ? ` ${unseenSentence(unseen, changedIds(row.changes).length)}` : ""}`;
  const deleted = tracked.stackStatus === "DELETE_COMPLETE";
  try {
    await db.$transaction(async (tx) => {
      await transition(tx, deploymentId, TRACKED, status, {
        resultReason: reason,
        audit: { actor: "system", details: { action: row.action, stackStatus: tracked.stackStatus, unseenResources: unseen.length ? unseen : undefined } },
      });
      await tx.stack.update({
        where: { id: row.stackId },
        data: {
          status: tracked.stackStatus,
          statusReason: tracked.statusReason,
          ...(deleted ? { deletedAt: new Date(), outputs: [] } : { outputs: tracked.outputs as object[] }),
          ...(status === "succeeded" && !deleted && (row.action !== "rollback" || row.rollbackToId) ? { parameters: row.parameters as object } : {}),
          ...(tracked.stackStatus === "CREATE_COMPLETE" ? { deletedAt: null } : {}),
        },
        select: { id: true },
      });
    });
  } catch (error) {
    if (!(error instanceof TransitionConflict)) throw error; // another poller finished it first
  }
  return (await db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, select: { status: true } })).status;
}

function changedIds(changes: unknown): string[] {
  if (!Array.isArray(changes)) return [];
  return changes.flatMap((c) => (c && typeof (c as { logicalId?: unknown }).logicalId === "string" ? [(c as { logicalId: string }).logicalId] : []));
}

/** Changed resources without a finished event of this operation (an endpoint that sends fewer events, or lost ones). */
async function resourcesWithoutEvents(db: Db, deploymentId: string, changes: unknown): Promise<string[]> {
  const ids = changedIds(changes);
  if (!ids.length) return [];
  const seen = await db.stackEvent.findMany({
    where: { deploymentId, logicalId: { in: ids }, OR: [{ status: { endsWith: "_COMPLETE" } }, { status: { endsWith: "_FAILED" } }, { status: "DELETE_SKIPPED" }] },
    distinct: ["logicalId"],
    select: { logicalId: true },
  });
  const done = new Set(seen.map((e) => e.logicalId));
  return ids.filter((id) => !done.has(id));
}

function unseenSentence(unseen: string[], total: number): string {
  const names = unseen.length > 5 ? `${unseen.slice(0, 5).join(", ")} and ${unseen.length - 5} more` : unseen.join(", ");
  return `CloudFormation reported the stack finished, but sent no events for ${unseen.length} of the ${total} changed resources (${names}).`;
}

/** The alarm whose rollback trigger rolled the operation back (CloudFormation names it in the stack's reason), or null. */
async function rollbackTriggerAlarm(db: Db, deploymentId: string, statusReason: string | null): Promise<string | null> {
  const event = await db.stackEvent.findFirst({
    where: { deploymentId, resourceType: STACK_TYPE, reason: { contains: ":alarm:" } },
    orderBy: [{ timestamp: "asc" }, { id: "asc" }],
    select: { reason: true },
  });
  return alarmFromRollbackReason(event?.reason) ?? alarmFromRollbackReason(statusReason);
}

export interface Failure {
  logicalId: string | null;
  reason: string;
}

/** The first resource failure of this deployment (what went wrong, not the cancellations it caused). */
async function firstFailure(db: Db, deploymentId: string, fallback: string | null): Promise<Failure | null> {
  const events = await db.stackEvent.findMany({
    where: { deploymentId, status: { endsWith: "_FAILED" }, resourceType: { not: STACK_TYPE }, reason: { not: null } },
    orderBy: [{ timestamp: "asc" }, { id: "asc" }],
    select: { logicalId: true, reason: true },
    take: 20,
  });
  const first = events.find((e) => !CANCELLED.test(e.reason ?? "")) ?? events[0];
  if (first?.reason) return { logicalId: first.logicalId, reason: first.reason };
  const stated = fallback ?? (await stackRollbackReason(db, deploymentId));
  return stated ? { logicalId: null, reason: stated } : null;
}

/**
 * When no resource failed (e.g. "Export … cannot be updated as it is in use by …"), CloudFormation gives the
 * reason only on the stack's own *ROLLBACK_IN_PROGRESS event; the final status carries none.
 */
async function stackRollbackReason(db: Db, deploymentId: string): Promise<string | null> {
  const event = await db.stackEvent.findFirst({
    where: { deploymentId, resourceType: STACK_TYPE, status: { endsWith: "ROLLBACK_IN_PROGRESS" }, reason: { not: null } },
    orderBy: [{ timestamp: "asc" }, { id: "asc" }],
    select: { reason: true },
  });
  return event?.reason || null;
}

interface ResultInput {
  status: DeploymentStatus;
  action: DeploymentAction;
  stackStatus: string;
  stackName: string;
  failure: Failure | null;
  statusReason: string | null;
  recovery: boolean;
  /** Set when a rollback trigger (a CloudWatch alarm) rolled the operation back. */
  alarm?: string | null;
}

const why = (f: Failure | null, fallback: string | null) =>
  f ? (f.logicalId ? `${f.logicalId} failed: ${f.reason}` : f.reason) : (fallback ?? "CloudFormation gave no reason");

/** What happened and why, in one sentence. */
export function resultSentence(r: ResultInput): string {
  const done: Record<DeploymentAction, string> = {
    create: `Created ${r.stackName}`,
    update: `Updated ${r.stackName}`,
    rollback: `Rolled ${r.stackName} back to the chosen earlier version`,
    delete: `Deleted ${r.stackName}`,
  };
  if (r.status === "succeeded") return sentence(done[r.action]);
  if (r.status === "cancelled") return sentence(`Cancelled: the update was stopped and CloudFormation rolled ${r.stackName} back`);
  if (r.status === "rolled_back") {
    if (r.alarm) return sentence(`Rolled back by CloudFormation because alarm ${r.alarm} went into ALARM during the ${r.action === "create" ? "creation" : "update"}`);
    if (r.recovery) return sentence(`Rolled back: ${r.stackName} is back to its last working state (${r.stackStatus})`);
    return sentence(`Rolled back: ${why(r.failure, r.statusReason)}`);
  }
  if (r.stackStatus === "UPDATE_ROLLBACK_FAILED") {
    return sentence(`Failed and the rollback could not finish (${why(r.failure, r.statusReason)}); continue the rollback, skipping the resources that cannot be rolled back`);
  }
  if (r.stackStatus === "DELETE_FAILED") return sentence(`Delete failed: ${why(r.failure, r.statusReason)}`);
  return sentence(`Failed: ${why(r.failure, r.statusReason)}`);
}
