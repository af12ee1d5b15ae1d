import type { Db } from "../../db/client.ts";
import { recordAudit } from "../record.ts";
import { auditKeys } from "../key.ts";
import { checkpointFile } from "../checkpoints.ts";
import { verifyAuditLog } from "../verify.ts";
import { appendIfNewer } from "../checkpoint-writer.ts";
import { transitionVerification } from "./verification-store.ts";

const PROGRESS_EVERY_MS = 500;

/**
 * The verify job: walks the whole log (batches, flat memory) with progress in audit_verifications, holds it against
 * the last checkpoint, and signs a new checkpoint when everything verified. Idempotent: a retried or duplicated job
 * of a finished run does nothing, one of a running run starts the walk over.
 */
export async function runVerification(db: Db, verificationId: string): Promise<void> {
  const started = await transitionVerification(db, verificationId, "running", { checked: 0, startedAt: new Date() });
  if (!started) return;
  try {
    const keys = auditKeys();
    const file = checkpointFile();
    let reported = 0;
    const report = await verifyAuditLog(db, {
      keys,
      checkpointFile: file,
      onProgress: async (checked, total) => {
        if (Date.now() - reported < PROGRESS_EVERY_MS) return;
        reported = Date.now();
        await transitionVerification(db, verificationId, "running", { checked, total });
      },
    });
    if (report.ok && report.head && file) {
      await appendIfNewer(db, keys, file, { count: report.head.seq, head: report.head.hash, keyedFrom: report.keyedFrom, at: new Date() });
    }
    await transitionVerification(db, verificationId, report.ok ? "passed" : "failed", {
      checked: report.count,
      total: report.head?.seq ?? 0n,
      findings: report.findings,
      omitted: report.omitted,
      checkpointSeq: report.checkpoint?.count ?? null,
      checkpointAt: report.checkpoint?.at ?? null,
    });
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor: "system",
        action: "audit.verified",
        target: { type: "audit_verification", id: verificationId },
        details: { ok: report.ok, entries: report.count, findings: report.findings.length + report.omitted },
      }),
    );
  } catch (error) {
    console.error(`audit verification ${verificationId} could not run`, error);
    await transitionVerification(db, verificationId, "error", { error: (error as Error).message });
  }
}
