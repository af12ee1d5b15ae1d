import type PgBoss from "pg-boss";
import type { Db } from "../db/client.ts";
import { dispatchDue, dispatchOptionsFromEnv, type DispatchOptions } from "./dispatch.ts";

/** The pg-boss queue of notification delivery (created by the owner, lib/db/job-schema.ts). */
export const NOTIFICATION_QUEUE = "notification-delivery";

function intervalSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.NOTIFY_DISPATCH_SECONDS);
  return Number.isFinite(value) && value > 0 ? value : 2;
}

/**
 * Delivery of the outbox: every worker sends a dispatch job every NOTIFY_DISPATCH_SECONDS; the queue is "stately"
 * (one queued, one active), so however many workers run, one round runs at a time. A round sends whatever is due
 * (new rows and retries whose backoff has passed), a few batches at most so the next round is not held up.
 */
export async function startNotificationDelivery(options: { boss: PgBoss; db: Db; signal: AbortSignal; dispatch?: DispatchOptions }): Promise<void> {
  const { boss, db, signal } = options;
  const dispatch = options.dispatch ?? dispatchOptionsFromEnv();
  const interval = intervalSeconds();
  await boss.work(NOTIFICATION_QUEUE, { batchSize: 1, pollingIntervalSeconds: Math.max(0.5, Math.min(1, interval)) }, async ([job]) => {
    if (!job) return;
    for (let round = 0; round < 5 && !signal.aborted; round++) {
      const result = await dispatchDue(db, dispatch).catch((error) => {
        console.error("notifications: delivery round failed", (error as Error).message);
        return null;
      });
      if (!result || result.attempted < dispatch.batchSize) break;
    }
  });
  const send = () =>
    boss
      .send(NOTIFICATION_QUEUE, {}, { singletonKey: "dispatch", expireInSeconds: Math.max(120, Math.ceil(dispatch.timeoutMs / 1000) * 10), retryLimit: 0 })
      .catch((error) => console.error("notifications: could not queue a delivery round", (error as Error).message));
  await send();
  const timer = setInterval(() => void send(), interval * 1000);
  timer.unref();
  signal.addEventListener("abort", () => clearInterval(timer), { once: true });
}
