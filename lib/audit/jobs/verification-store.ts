import type { Db } from "../../db/client.ts";
import type { Finding } from "../chain-walk.ts";
import { describeFinding } from "../verify.ts";

// The one writer of audit_verifications.status. Every change is a conditional update from an allowed status, so a
// retried job, a second worker or a stale request cannot move a finished run.

export const VERIFICATION_STATUSES = ["queued", "running", "passed", "failed", "error", "abandoned"] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

const FROM: Record<VerificationStatus, VerificationStatus[]> = {
  queued: [],
  running: ["queued", "running"], // "running" again: progress, or a retried job starting over
  passed: ["running"],
  failed: ["running"],
  error: ["queued", "running"],
  abandoned: ["queued", "running"],
};

/** A queued or running verification that has not moved for this long lost its worker (see requestAuditVerification). */
export const STALE_AFTER_MS = 120_000;

export interface VerificationUpdate {
  checked?: number | bigint;
  total?: number | bigint;
  findings?: Finding[];
  omitted?: number;
  checkpointSeq?: bigint | null;
  checkpointAt?: Date | null;
  error?: string;
  startedAt?: Date;
}

export async function transitionVerification(db: Db, id: string, to: VerificationStatus, update: VerificationUpdate = {}): Promise<boolean> {
  const { count } = await db.auditVerification.updateMany({
    where: { id, status: { in: FROM[to] } },
    data: {
      status: to,
      ...(update.checked !== undefined ? { checked: BigInt(update.checked) } : {}),
      ...(update.total !== undefined ? { total: BigInt(update.total) } : {}),
      ...(update.findings ? { findings: update.findings.map(findingJson), findingCount: update.findings.length + (update.omitted ?? 0) } : {}),
      ...(update.checkpointSeq !== undefined ? { checkpointSeq: update.checkpointSeq } : {}),
      ...(update.checkpointAt !== undefined ? { checkpointAt: update.checkpointAt } : {}),
      ...(update.error ? { error: update.error.slice(0, 500) } : {}),
      ...(update.startedAt ? { startedAt: update.startedAt } : {}),
      ...(["passed", "failed", "error", "abandoned"].includes(to) ? { finishedAt: new Date() } : {}),
    },
  });
  return count === 1;
}

/** A finding as stored (JSON has no bigint) with its sentence, so the browser shows what the CLI would say. */
export function findingJson(finding: Finding): Record<string, string> {
  return { ...Object.fromEntries(Object.entries(finding).map(([k, v]) => [k, String(v)])), message: describeFinding(finding) };
}
