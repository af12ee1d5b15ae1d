import type { Prisma } from "../db/generated/client.ts";
import type { Db, Tx } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { recordAudit, type AuditActor, type RequestMeta } from "../audit/record.ts";
import type { ResourceDriftDto } from "./types.ts";

// The only writer of drift_checks.status. detecting -> in_sync | drifted | failed, each a conditional update that
// refuses a row which already moved on (a second worker, a retried job), so every move happens once.

type Status = "detecting" | "in_sync" | "drifted" | "failed";
const FINAL: Status[] = ["in_sync", "drifted", "failed"];

export interface DetectingIntent {
  stack: { id: string; name: string; environment: string };
  trigger: "manual" | "scheduled";
  actor: AuditActor;
  meta?: RequestMeta;
}

/**
 * The intent, written before DetectStackDrift: a detecting row without a detection id (and its audit entry). An
 * existing detection in flight is returned instead (the partial unique index makes this safe between processes).
 */
export async function insertDetecting(db: Db, intent: DetectingIntent): Promise<{ id: string; detectionId: string | null; created: boolean }> {
  const existing = await db.driftCheck.findFirst({ where: { stackId: intent.stack.id, status: "detecting" }, select: { id: true, detectionId: true } });
  if (existing) return { ...existing, created: false };
  const now = new Date();
  const label = intent.actor === "system" ? "system" : "email" in intent.actor ? intent.actor.email : intent.actor.anonymous;
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.driftCheck.create({
        data: { stackId: intent.stack.id, status: "detecting", trigger: intent.trigger, requestedBy: label, startedAt: now, heartbeatAt: now },
        select: { id: true, detectionId: true },
      });
      await recordAudit(tx, {
        actor: intent.actor, action: "drift.detection_started", target: { type: "stack", id: intent.stack.name },
        environment: intent.stack.environment, meta: intent.meta, details: { trigger: intent.trigger },
      });
      return { ...row, created: true };
    });
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    const raced = await db.driftCheck.findFirst({ where: { stackId: intent.stack.id, status: "detecting" }, select: { id: true, detectionId: true } });
    if (!raced) throw error;
    return { ...raced, created: false };
  }
}

export async function recordDetectionId(db: Db, id: string, detectionId: string): Promise<void> {
  await db.driftCheck.updateMany({ where: { id, status: "detecting", detectionId: null }, data: { detectionId, heartbeatAt: new Date() } });
}

export async function heartbeat(db: Db, id: string): Promise<void> {
  await db.driftCheck.updateMany({ where: { id, status: "detecting" }, data: { heartbeatAt: new Date() } });
}

export interface DetectionResult {
  resources: ResourceDriftDto[];
  checkedAt: Date;
}

/**
 * detecting -> in_sync | drifted with what CloudFormation found; a drifted stack is audited as `drift.detected`
 * (the notifications deliver it). False when the row had already moved on.
 */
export async function completeDetection(db: Db, id: string, stack: { name: string; environment: string }, result: DetectionResult): Promise<boolean> {
  const drifted = result.resources.filter((r) => r.status === "MODIFIED" || r.status === "DELETED");
  const status: Status = drifted.length ? "drifted" : "in_sync";
  return db.$transaction(async (tx) => {
    const moved = await move(tx, id, status, {
      resources: result.resources as unknown as Prisma.InputJsonValue, driftedCount: drifted.length, checkedAt: result.checkedAt,
    });
    if (moved && drifted.length) {
      await recordAudit(tx, {
        actor: "system", action: "drift.detected", target: { type: "stack", id: stack.name }, environment: stack.environment,
        details: { stack: stack.name, environment: stack.environment, driftedResourceCount: drifted.length, resources: drifted.map((r) => r.logicalId) },
      });
    }
    return moved;
  });
}

export function failDetection(db: Db, id: string, reason: string): Promise<boolean> {
  return db.$transaction((tx) => move(tx, id, "failed", { reason: reason.slice(0, 2000), checkedAt: new Date() }));
}

async function move(tx: Tx, id: string, to: Status, data: Prisma.DriftCheckUpdateManyMutationInput): Promise<boolean> {
  if (!FINAL.includes(to)) throw new AppError("internal", `drift check: no transition to ${to}`);
  const { count } = await tx.driftCheck.updateMany({ where: { id, status: "detecting" }, data: { ...data, status: to, heartbeatAt: new Date() } });
  return count === 1;
}
