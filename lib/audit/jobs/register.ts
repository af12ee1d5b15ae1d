import type PgBoss from "pg-boss";
import type { Db } from "../../db/client.ts";
import { auditKeys } from "../key.ts";
import { checkpointFile } from "../checkpoints.ts";
import { writeCheckpoint } from "../checkpoint-writer.ts";
import { describeFinding } from "../verify.ts";
import { runVerification } from "./run-verification.ts";
import { AUDIT_CHECKPOINT_QUEUE, AUDIT_VERIFY_QUEUE } from "./queues.ts";

export function checkpointIntervalSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.AUDIT_CHECKPOINT_SECONDS);
  return Number.isFinite(value) && value > 0 ? value : 60;
}

/**
 * The audit jobs of a worker process: verification runs (requested from the Audit page or the API), and a signed
 * checkpoint every AUDIT_CHECKPOINT_SECONDS. Every worker sends the checkpoint job on a timer; the queue is
 * "stately" (one queued, one active), so however many workers run, one checkpoint is written per interval.
 */
export async function startAuditJobs(options: { boss: PgBoss; db: Db; signal: AbortSignal }): Promise<void> {
  const { boss, db, signal } = options;
  await boss.work<{ verificationId: string }>(AUDIT_VERIFY_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (job) await runVerification(db, job.data.verificationId);
  });
  const file = checkpointFile();
  if (!file) {
    console.warn("audit: AUDIT_CHECKPOINT_FILE is not set, so no checkpoints are signed and a cut-off tail cannot be detected");
    return;
  }
  const interval = checkpointIntervalSeconds();
  await boss.work(AUDIT_CHECKPOINT_QUEUE, { batchSize: 1, pollingIntervalSeconds: Math.min(2, interval) }, async ([job]) => {
    if (!job) return;
    const outcome = await writeCheckpoint(db, auditKeys(), file);
    // Refusing to sign is the alarm: the log changed in a way only tampering explains.
    if (outcome.findings.length) console.error(`audit: checkpoint NOT signed: ${outcome.findings.map(describeFinding).join("; ")}`);
  });
  const send = () =>
    boss
      .send(AUDIT_CHECKPOINT_QUEUE, {}, { singletonKey: "checkpoint", expireInSeconds: Math.max(300, interval * 5), retryLimit: 0 })
      .catch((error) => console.error("audit: could not queue a checkpoint", (error as Error).message));
  await send();
  const timer = setInterval(() => void send(), interval * 1000);
  timer.unref();
  signal.addEventListener("abort", () => clearInterval(timer), { once: true });
}
