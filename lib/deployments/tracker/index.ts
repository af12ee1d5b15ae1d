import { setMaxListeners } from "node:events";
import { createDb } from "../../db/client.ts";
import { enqueueIfIdle, startBoss, untrackedDeployments } from "./boss.ts";
import { runSlice } from "./slice.ts";
import { startAlarmRefresh } from "../../alarms/refresh/job.ts";
import { startReconciler } from "./reconcile-job.ts";
import type { Faults } from "../faults.ts";
import { startAuditJobs } from "../../audit/jobs/register.ts";
import { startEcsHealthRefresh } from "../../ecs/refresh-job.ts";
import { DEFAULT_TIMING, TRACKING_QUEUE, type TrackerTiming } from "./timing.ts";
import type { TrackingJobData } from "./boss.ts";
import { processFaults } from "../faults.ts";
import { startPlanRunner } from "../../plans/job.ts"; // issue 15
import { startDriftRefresh } from "../../drift/job.ts";
import { startTeardownJob } from "../../teardown/job.ts";
import { startNotificationDelivery } from "../../notifications/job.ts";
import { startStackDiscovery } from "../../stacks/discovery/job.ts";

export { enqueueTracking, stopTrackingPublisher } from "./enqueue.ts";
export { DEFAULT_TIMING, timingFromEnv, type TrackerTiming } from "./timing.ts";
export { pollDeployment } from "./poll.ts";

export interface TrackerOptions extends Partial<TrackerTiming> {
  databaseUrl: string;
  /** Failure points for tests (faults.ts); STACKDECK_FAULT's otherwise. */
  faults?: Faults;
  /** The reconciler's staleness (default RECONCILE_STALE_SECONDS, else 5 minutes). */
  reconcileStaleMs?: number;
}

export interface Tracker {
  /** Graceful: running slices hand their deployments back to the queue at once. `abrupt` behaves like a killed process. */
  stop(options?: { abrupt?: boolean }): Promise<void>;
  /** Starts tracking a deployment unless some process already does (idempotent). */
  enqueue(deploymentId: string): Promise<boolean>;
  /** Re-enqueues every previewing or deploying deployment that has no tracking job. */
  resume(): Promise<number>;
  /** How many deployments the start-up sweep picked up. */
  resumedAtStart: number;
}

/**
 * The background tracker: pg-boss workers on the `deployment-tracking` queue, one job per active deployment
 * across all processes. On start (and every sweepMs) it resumes the deployments left without a job.
 */
export async function startTracker(options: TrackerOptions): Promise<Tracker> {
  const { databaseUrl, faults = processFaults(), reconcileStaleMs, ...overrides } = options;
  const timing: TrackerTiming = { ...DEFAULT_TIMING, ...overrides };
  const db = createDb(databaseUrl);
  const handle = await startBoss(databaseUrl, timing, "worker");
  const stopping = new AbortController();
  // Every sleeping slice (one per concurrent deployment) and refresh job listens for the stop.
  setMaxListeners(timing.concurrency + 20, stopping.signal);
  let killed = false;
  const runtime = { boss: handle.boss, poll: { db, clockSkewMs: timing.clockSkewMs, faults }, timing, stopping: stopping.signal, killed: () => killed };

  for (let i = 0; i < timing.concurrency; i++) {
    await handle.boss.work<TrackingJobData>(
      TRACKING_QUEUE,
      { batchSize: 1, pollingIntervalSeconds: timing.fetchIntervalSeconds },
      async ([job]) => (job ? runSlice(runtime, job) : undefined),
    );
  }

  const resume = async () => {
    let count = 0;
    for (const id of await untrackedDeployments(handle.boss)) if (await enqueueIfIdle(handle.boss, timing, id)) count++;
    return count;
  };
  await startAlarmRefresh({ boss: handle.boss, db, signal: stopping.signal }); // lib/alarms/refresh: one alarm poll per environment
  // lib/deployments/reconcile.ts: moves on deployments a crash left in an intent status or without a tracker.
  await startReconciler({ boss: handle.boss, db, faults, staleAfterMs: reconcileStaleMs, enqueue: (id) => enqueueIfIdle(handle.boss, timing, id) });
  await startAuditJobs({ boss: handle.boss, db, signal: stopping.signal }); // lib/audit/jobs: verification runs, signed checkpoints
  await startEcsHealthRefresh({ boss: handle.boss, db, signal: stopping.signal }); // lib/ecs/refresh: what stack pages show of ECS
  // Issue 15: lib/plans/job.ts advances plans for a whole environment (one job chain per active plan).
  await startPlanRunner({ boss: handle.boss, db, signal: stopping.signal, faults });
  // issue 16 (drift, teardown)
  await startDriftRefresh({ boss: handle.boss, db, signal: stopping.signal }); // lib/drift: detections followed and scheduled
  await startTeardownJob({ boss: handle.boss, db, signal: stopping.signal }); // lib/teardown: scheduled teardown and recreation
  // issue 16, notifications: sends the outbox the audit writes (lib/notifications); NOTIFY_DELIVERY=off leaves it to other workers
  if (process.env.NOTIFY_DELIVERY !== "off") await startNotificationDelivery({ boss: handle.boss, db, signal: stopping.signal });
  // Issue 14: stacks in each environment's account that the console does not manage (lib/stacks/discovery).
  await startStackDiscovery({ boss: handle.boss, db, signal: stopping.signal });
  const resumedAtStart = await resume();
  const sweep = setInterval(() => {
    resume().catch((error) => console.error("tracker: resume sweep failed", (error as Error).message));
  }, timing.sweepMs);
  sweep.unref();

  return {
    enqueue: (deploymentId) => enqueueIfIdle(handle.boss, timing, deploymentId),
    resume,
    resumedAtStart,
    async stop({ abrupt = false } = {}) {
      clearInterval(sweep);
      if (abrupt) {
        killed = true;
        handle.sever();
      }
      stopping.abort();
      await handle.close();
      await db.$disconnect();
    },
  };
}
