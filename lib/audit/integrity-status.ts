import "server-only";
import type { Db } from "../db/client.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import { auditKeys } from "./key.ts";
import { checkpointFile, readLastCheckpoint } from "./checkpoints.ts";
import { latestAuditVerification, type VerificationDto } from "./verifications.ts";

export interface IntegrityStatus {
  keyId: string;
  /** Where checkpoints are appended, or null when AUDIT_CHECKPOINT_FILE is not set. */
  file: string | null;
  checkpoint: { count: string; head: string; at: string; keyedFrom: string | null } | null;
  /** Lines at the end of the file that do not verify: someone wrote to it who does not hold the key. */
  rejectedLines: number;
  entries: string;
  latest: VerificationDto | null;
}

/** The Audit page's integrity panel: the last signed checkpoint (read from the file, not the database) and the last run. */
export async function getIntegrityStatus(db: Db, actor: Actor): Promise<IntegrityStatus> {
  assertCan(actor, "audit:read");
  const keys = auditKeys();
  const file = checkpointFile();
  const read = file ? readLastCheckpoint(file, keys) : { checkpoint: null, rejected: [] };
  const [latest, max] = [await latestAuditVerification(db, actor), await db.auditEvent.aggregate({ _max: { seq: true } })];
  const cp = read.checkpoint;
  return {
    keyId: keys.id,
    file,
    checkpoint: cp ? { count: cp.count.toString(), head: cp.head, at: cp.at.toISOString(), keyedFrom: cp.keyedFrom?.toString() ?? null } : null,
    rejectedLines: read.rejected.length,
    entries: (max._max.seq ?? 0n).toString(),
    latest,
  };
}
