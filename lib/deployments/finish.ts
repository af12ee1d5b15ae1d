import type { Db } from "../db/client.ts";
import { recordAudit, type AuditActor, type RequestMeta } from "../audit/record.ts";
import { sentence } from "./context.ts";
import type { DeploymentStatus } from "./types.ts";

/**
 * Ends a deployment as failed with one sentence saying why, if it is still in one of `from` (a concurrent change
 * may have moved it on; then nothing happens). Returns whether it changed.
 */
export async function markFailed(db: Db, deploymentId: string, reason: string, from: DeploymentStatus[]): Promise<boolean> {
  return finishDeployment(db, deploymentId, { status: "failed", reason, from, auditAction: "deployment.failed" });
}

interface Finish {
  status: DeploymentStatus;
  reason: string;
  from: DeploymentStatus[];
  auditAction: string;
  details?: Record<string, unknown>;
  /** Who ended it; the system (tracker, preview checks) unless a user did. */
  actor?: AuditActor;
  meta?: RequestMeta;
}

/** Moves a deployment to a final status and audits it, in one transaction. */
export async function finishDeployment(db: Db, deploymentId: string, f: Finish): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.deployment.updateMany({
      where: { id: deploymentId, status: { in: f.from } },
      data: { status: f.status, resultReason: sentence(f.reason), finishedAt: new Date() },
    });
    if (!count) return false;
    const row = await tx.deployment.findUniqueOrThrow({
      where: { id: deploymentId },
      select: { stack: { select: { name: true, environment: { select: { key: true } } } } },
    });
    await recordAudit(tx, {
      actor: f.actor ?? "system",
      action: f.auditAction,
      meta: f.meta,
      target: { type: "stack", id: row.stack.name },
      environment: row.stack.environment.key,
      details: { deploymentId, status: f.status, reason: sentence(f.reason), ...f.details },
    });
    return true;
  });
}
