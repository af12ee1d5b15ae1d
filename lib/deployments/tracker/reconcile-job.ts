import type PgBoss from "pg-boss";
import type { Db } from "../../db/client.ts";
import { reconcileDeployments, type ReconcileOptions } from "../reconcile.ts";

// The reconciler as a pg-boss schedule: pg-boss's cron (one instance at a time across processes) queues one job
// a minute on a "singleton" queue, which lets at most one run be active anywhere; a run that finds nothing costs
// one indexed query. Idempotent: every move it makes is a conditional transition.

export const RECONCILE_QUEUE = "deployment-reconcile";

export interface ReconcilerJobOptions extends Omit<ReconcileOptions, "db" | "now"> {
  boss: PgBoss;
  db: Db;
  /** pg-boss cron expression (RECONCILE_CRON); every minute by default. */
  cron?: string;
}

export async function startReconciler(options: ReconcilerJobOptions): Promise<void> {
  const { boss, cron = process.env.RECONCILE_CRON || "* * * * *", ...rest } = options;
  await boss.createQueue(RECONCILE_QUEUE, { name: RECONCILE_QUEUE, policy: "singleton" });
  await boss.schedule(RECONCILE_QUEUE, cron, {}, { expireInSeconds: 600, retryLimit: 0 });
  await boss.work(RECONCILE_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
    if (!job) return;
    const report = await reconcileDeployments(rest);
    return { examined: report.examined, settled: report.settled.length, throttled: report.throttled };
  });
}

/** Runs the reconciler now (still one at a time: the queue's singleton policy applies). */
export function reconcileSoon(boss: PgBoss): Promise<string | null> {
  return boss.send(RECONCILE_QUEUE, {}, { expireInSeconds: 600, retryLimit: 0 });
}
