import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import { notFound } from "../errors.ts";
import { recordAudit, type RequestMeta } from "./record.ts";
import { STALE_AFTER_MS, transitionVerification, type VerificationStatus } from "./jobs/verification-store.ts";

/** What the Audit page and GET /api/v1/audit/verifications/{id} show of a run. */
export interface VerificationDto {
  id: string;
  status: VerificationStatus;
  requestedBy: string | null;
  checked: string;
  total: string;
  findingCount: number;
  findings: Record<string, string>[];
  checkpoint: { seq: string; at: string } | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

const SELECT = {
  id: true, status: true, requestedBy: true, checked: true, total: true, findingCount: true, findings: true,
  checkpointSeq: true, checkpointAt: true, error: true, createdAt: true, finishedAt: true, updatedAt: true,
} as const;

const findRow = (db: Db, id: string) => db.auditVerification.findUnique({ where: { id }, select: SELECT });
type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;

function toDto(r: Row): VerificationDto {
  return {
    id: r.id,
    status: r.status as VerificationStatus,
    requestedBy: r.requestedBy,
    checked: r.checked.toString(),
    total: r.total.toString(),
    findingCount: r.findingCount,
    findings: r.findings as Record<string, string>[],
    checkpoint: r.checkpointSeq !== null && r.checkpointAt ? { seq: r.checkpointSeq.toString(), at: r.checkpointAt.toISOString() } : null,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Starts a verification of the whole log as a job (never inside the request: a large log takes minutes). One at a
 * time: while a run is queued or running, asking again returns it. A run whose worker vanished is abandoned first.
 */
export async function requestAuditVerification(
  db: Db,
  { actor, meta, enqueue }: { actor: Actor; meta?: RequestMeta; enqueue: (id: string) => Promise<unknown> },
): Promise<VerificationDto> {
  assertCan(actor, "audit:read");
  const active = await db.auditVerification.findFirst({ where: { status: { in: ["queued", "running"] } }, orderBy: { createdAt: "desc" }, select: SELECT });
  if (active && Date.now() - active.updatedAt.getTime() < STALE_AFTER_MS) return toDto(active);
  if (active) await transitionVerification(db, active.id, "abandoned", { error: "its worker stopped answering" });
  const id = randomUUID();
  await db.$transaction(async (tx) => {
    await tx.auditVerification.create({ data: { id, status: "queued", requestedBy: actor.email }, select: { id: true } });
    await recordAudit(tx, { actor, action: "audit.verify_requested", target: { type: "audit_verification", id }, meta });
  });
  try {
    await enqueue(id);
  } catch (error) {
    console.error(`could not queue audit verification ${id}`, error);
    await transitionVerification(db, id, "error", { error: "it could not be queued; try again" });
  }
  return getAuditVerification(db, actor, id);
}

export async function getAuditVerification(db: Db, actor: Actor, id: string): Promise<VerificationDto> {
  assertCan(actor, "audit:read");
  const row = await findRow(db, id);
  if (!row) throw notFound("The verification");
  return toDto(row);
}

export async function latestAuditVerification(db: Db, actor: Actor): Promise<VerificationDto | null> {
  assertCan(actor, "audit:read");
  const row = await db.auditVerification.findFirst({ orderBy: { createdAt: "desc" }, select: SELECT });
  return row ? toDto(row) : null;
}
