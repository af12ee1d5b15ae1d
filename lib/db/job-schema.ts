import PgBoss from "pg-boss";
import { JOBS_SCHEMA, TRACKING_QUEUE } from "../deployments/tracker/timing.ts";
import { ALARM_QUEUE } from "../alarms/refresh/job.ts";
import { RECONCILE_QUEUE } from "../deployments/tracker/reconcile-job.ts";
import { ECS_HEALTH_QUEUE } from "../ecs/refresh-job.ts";
import { AUDIT_CHECKPOINT_QUEUE, AUDIT_VERIFY_QUEUE } from "../audit/jobs/queues.ts";
import { PLAN_QUEUE } from "../plans/queue.ts"; // issue 15
import { DRIFT_QUEUE } from "../drift/job.ts";
import { TEARDOWN_QUEUE } from "../teardown/job.ts";
import { NOTIFICATION_QUEUE } from "../notifications/job.ts";
import { DISCOVERY_QUEUE } from "../stacks/discovery/job.ts";

/**
 * Every pg-boss queue of the app. pg-boss creates a table per queue, which is DDL: the owner creates them here, at
 * setup, and the app's role (which may not create tables) finds them in place. A queue missing from this list
 * fails loudly in the app ("permission denied for schema stackdeck_jobs") instead of being created by it.
 */
export const JOB_QUEUES: { name: string; policy: "standard" | "stately" | "singleton" | "short" }[] = [
  { name: TRACKING_QUEUE, policy: "stately" },
  { name: ALARM_QUEUE, policy: "stately" },
  { name: RECONCILE_QUEUE, policy: "singleton" },
  { name: ECS_HEALTH_QUEUE, policy: "stately" },
  { name: AUDIT_CHECKPOINT_QUEUE, policy: "stately" },
  { name: AUDIT_VERIFY_QUEUE, policy: "standard" },
  // Issue 15: plans for a whole environment.
  { name: PLAN_QUEUE, policy: "stately" },
  // issue 16 (drift, teardown)
  { name: DRIFT_QUEUE, policy: "stately" },
  { name: TEARDOWN_QUEUE, policy: "stately" },
  // issue 16, notifications
  { name: NOTIFICATION_QUEUE, policy: "stately" },
  // Issue 14: the discovery of unmanaged stacks per environment.
  { name: DISCOVERY_QUEUE, policy: "stately" },
];

/** Installs (or upgrades) pg-boss's schema and creates every queue, as the database owner. Idempotent. */
export async function installJobSchema(ownerUrl: string): Promise<void> {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: JOBS_SCHEMA, migrate: true, supervise: false, schedule: false, max: 1 });
  boss.on("error", () => undefined); // start() rejects with the same error
  await boss.start();
  try {
    for (const queue of JOB_QUEUES) await boss.createQueue(queue.name, { name: queue.name, policy: queue.policy });
  } finally {
    await boss.stop({ graceful: false, wait: true, close: true });
  }
}
