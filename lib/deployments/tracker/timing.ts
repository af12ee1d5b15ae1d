// How the tracker paces itself. The defaults are for production; tests shrink the lease so a "killed" worker's
// deployment is picked up again within seconds.

export const TRACKING_QUEUE = "deployment-tracking";
/** pg-boss keeps its tables in their own schema of the application's database. */
export const JOBS_SCHEMA = "stackdeck_jobs";

export interface TrackerTiming {
  /** Pause between two polls of one deployment when nothing better is known (AWS: "about once a second"). */
  pollIntervalMs: number;
  /** Quickest poll, right after a change starts and while an expected event is overdue (cadence.ts). */
  fastPollMs: number;
  /** Slowest poll, after a long spell without events (cadence.ts). */
  idlePollMs: number;
  /** One job polls for at most this long, then re-schedules itself and completes (so no job holds a lease forever). */
  sliceMs: number;
  /** pg-boss expiration of an active job: a killed worker's job is failed, then retried, this long after it started. */
  leaseSeconds: number;
  /** How often pg-boss looks for expired jobs (its maintenance runs on one instance at a time). */
  maintenanceSeconds: number;
  /** Delay before a failed or expired slice is retried. */
  retryDelaySeconds: number;
  /** How often an idle pg-boss worker looks for a job. */
  fetchIntervalSeconds: number;
  /** Deployments one process tracks at the same time (one pg-boss worker each). */
  concurrency: number;
  /** How often every active deployment is checked for a tracking job (catches an enqueue the web app missed). */
  sweepMs: number;
  /** Events older than the deployment's start minus this are an earlier operation's (clock skew allowance). */
  clockSkewMs: number;
}

export const DEFAULT_TIMING: TrackerTiming = {
  pollIntervalMs: 1_000,
  fastPollMs: 250,
  idlePollMs: 5_000,
  sliceMs: 15_000,
  leaseSeconds: 30,
  maintenanceSeconds: 5,
  retryDelaySeconds: 1,
  fetchIntervalSeconds: 1,
  concurrency: 8,
  sweepMs: 30_000,
  clockSkewMs: 2_000,
};

/** Throttling backoff per AWS guidance: 2, 4, 8, 16, then 32 s for every further throttled poll. */
export function backoffMs(step: number): number {
  return 1000 * 2 ** Math.min(Math.max(step, 1), 5);
}

/** Overrides from the environment for scripts/worker.ts (TRACKER_POLL_MS, TRACKER_SLICE_MS, TRACKER_LEASE_SECONDS, ...). */
export function timingFromEnv(env: NodeJS.ProcessEnv): Partial<TrackerTiming> {
  const read = (name: string) => (env[name] !== undefined && env[name] !== "" ? Number(env[name]) : undefined);
  const entries = Object.entries({
    pollIntervalMs: read("TRACKER_POLL_MS"),
    fastPollMs: read("TRACKER_FAST_POLL_MS"),
    idlePollMs: read("TRACKER_IDLE_POLL_MS"),
    sliceMs: read("TRACKER_SLICE_MS"),
    leaseSeconds: read("TRACKER_LEASE_SECONDS"),
    maintenanceSeconds: read("TRACKER_MAINTENANCE_SECONDS"),
    concurrency: read("TRACKER_CONCURRENCY"),
  }).filter(([, value]) => value !== undefined && Number.isFinite(value));
  return Object.fromEntries(entries) as Partial<TrackerTiming>;
}
