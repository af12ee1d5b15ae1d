import type { Db } from "../db/client.ts";
import type { StackOutput } from "../aws/cloudformation.ts";
import { recordAudit } from "../audit/record.ts";
import { sentence } from "./context.ts";
import { alarmFromRollbackReason } from "../alarms/rollback-triggers.ts";
import type { DeploymentAction, DeploymentStatus } from "./types.ts";

export interface TrackedStatus {
  stackStatus: string;
  statusReason: string | null;
  outputs: StackOutput[];
  /** The first failure's reason as the tracker saw it; the stored events are preferred when they name it. */
  firstFailureReason: string | null;
  /** Whether a user cancelled; a cancel recorded in the audit log counts too. */
  cancelRequested?: boolean;
}

const STACK_TYPE = "AWS::CloudFormation::Stack";
const CANCELLED = /cancel/i;

/** The one mapping from CloudFormation's final stack status to ours; null when the status is not final (or IMPORT_*). */
export function deploymentStatusFor(stackStatus: string, cancelRequested: boolean): DeploymentStatus | null {
  if (stackStatus.startsWith("IMPORT_") || stackStatus.endsWith("_IN_PROGRESS")) return null;
  if (stackStatus === "ROLLBACK_COMPLETE" || stackStatus === "UPDATE_ROLLBACK_COMPLETE") return cancelRequested ? "cancelled" : "rolled_back";
  if (["CREATE_COMPLETE", "UPDATE_COMPLETE", "DELETE_COMPLETE"].includes(stackStatus)) return "succeeded";
  if (stackStatus.endsWith("_FAILED")) return "failed";
  return null;
}

/**
 * Ends a deploying deployment from the stack status CloudFormation reached: our status, one sentence of result,
 * the Stack row (status, outputs, the parameters of the last success, deletedAt) and the audit entry, in one
 * transaction. Idempotent: a deployment that already ended is left as it is. Returns the deployment's status.
 */
export async function applyTrackedStatus(db: Db, deploymentId: string, tracked: TrackedStatus): Promise<DeploymentStatus> {
  const row = await db.deployment.findUniqueOrThrow({
    where: { id: deploymentId },
    select: { status: true, action: true, parameters: true, rollbackToId: true, stackId: true, stack: { select: { name: true, environment: { select: { key: true } } } } },
  });
  const cancelRequested = tracked.cancelRequested || (await cancelWasRequested(db, deploymentId));
  const status = deploymentStatusFor(tracked.stackStatus, cancelRequested);
  if (row.status !== "deploying" || !status) {
    if (!status) await db.stack.update({ where: { id: row.stackId }, data: { status: tracked.stackStatus, statusReason: tracked.statusReason }, select: { id: true } });
    return row.status;
  }
  const failure = await firstFailure(db, deploymentId, tracked.firstFailureReason);
  const alarm = status === "rolled_back" ? await rollbackTriggerAlarm(db, deploymentId, tracked.statusReason) : null;
  const reason = resultSentence({ status, action: row.action, stackStatus: tracked.stackStatus, stackName: row.stack.name, failure, statusReason: tracked.statusReason, recovery: row.action === "rollback" && !row.rollbackToId, alarm });
  const deleted = tracked.stackStatus === "DELETE_COMPLETE";
  await db.$transaction(async (tx) => {
    const { count } = await tx.deployment.updateMany({
      where: { id: deploymentId, status: "deploying" },
      data: { status, resultReason: reason, finishedAt: new Date() },
    });
    if (!count) return;
    if (status === "succeeded") await tx.$executeRaw`UPDATE deployments SET resources_done = resources_total WHERE id = ${deploymentId}::uuid`;
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
    await recordAudit(tx, {
      actor: "system",
      action: "deployment.finished",
      target: { type: "stack", id: row.stack.name },
      environment: row.stack.environment.key,
      details: { deploymentId, action: row.action, status, stackStatus: tracked.stackStatus, reason },
    });
  });
  return (await db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, select: { status: true } })).status;
}

async function cancelWasRequested(db: Db, deploymentId: string): Promise<boolean> {
  const hit = await db.auditEvent.findFirst({ where: { action: "deployment.cancel_requested", details: { path: ["deploymentId"], equals: deploymentId } }, select: { seq: true } });
  return hit !== null;
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
