import type PgBoss from "pg-boss";

/** pg-boss queues of the audit jobs (created by the owner, lib/db/job-schema.ts). */
export const AUDIT_CHECKPOINT_QUEUE = "audit-checkpoint";
export const AUDIT_VERIFY_QUEUE = "audit-verify";

/** Queues a verification run (the web app's side; a worker runs it, lib/audit/jobs/register.ts). */
export async function sendVerification(boss: PgBoss, verificationId: string): Promise<void> {
  await boss.send(AUDIT_VERIFY_QUEUE, { verificationId }, { retryLimit: 2, retryDelay: 5, expireInSeconds: 3600 });
}
