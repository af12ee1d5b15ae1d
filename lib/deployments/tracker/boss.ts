import PgBoss from "pg-boss";
import pg from "pg";
import { JOBS_SCHEMA, TRACKING_QUEUE, type TrackerTiming } from "./timing.ts";

export interface TrackingJobData {
  deploymentId: string;
  /** Throttling backoff step carried from one slice to the next (0 = not throttled). */
  backoffStep?: number;
}

export interface BossHandle {
  boss: PgBoss;
  /** Simulates a crash: no further SQL call answers, so nothing is completed or failed and leases stay held. */
  sever(): void;
  close(): Promise<void>;
}

/**
 * A pg-boss instance on the application database (its own schema), on a pool we own: that lets `sever()` cut it
 * off like a killed process would, which is how the tests prove that an abandoned lease is taken over.
 */
export async function startBoss(databaseUrl: string, timing: TrackerTiming, role: "worker" | "publisher"): Promise<BossHandle> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: role === "worker" ? 4 : 2, application_name: `stackdeck-${role}` });
  pool.on("error", () => undefined); // a dropped idle connection is replaced on the next query
  let severed = false;
  const boss = new PgBoss({
    db: {
      executeSql: async (text: string, values: unknown[]) => {
        // Like a connection to a dead process: the call never answers, so pg-boss completes and fails nothing.
        if (severed) return new Promise<never>(() => undefined);
        return pool.query(text, values);
      },
    },
    schema: JOBS_SCHEMA,
    // The owner installs pg-boss's schema and queues (lib/db/job-schema.ts); the app's role may not create tables.
    migrate: false,
    // Only workers expire abandoned jobs (maintenance); a publisher in the web app just inserts.
    supervise: role === "worker",
    // Workers run pg-boss's cron (the reconciler's schedule); its clock monitor coordinates across processes.
    schedule: role === "worker",
    maintenanceIntervalSeconds: timing.maintenanceSeconds,
  });
  boss.on("error", (error) => {
    if (!severed) console.error("tracker: pg-boss error", error.message);
  });
  await boss.start();
  // "stately": per deployment at most one queued and one active job, so a second enqueue is a no-op.
  await boss.createQueue(TRACKING_QUEUE, { name: TRACKING_QUEUE, policy: "stately" });
  return {
    boss,
    sever: () => {
      severed = true;
    },
    async close() {
      // A severed instance's stop() would wait forever on its unanswered calls; its timers stop before that.
      const stopped = boss.stop({ graceful: !severed, wait: true, timeout: 5_000, close: false }).catch(() => undefined);
      if (!severed) await stopped;
      await pool.end().catch(() => undefined);
    },
  };
}

/** Sends a slice job for the deployment (singletonKey = its id); pg-boss drops it if one is already queued. */
export function sendSlice(boss: PgBoss, timing: TrackerTiming, data: TrackingJobData, startAfterSeconds = 0): Promise<string | null> {
  return boss.send(TRACKING_QUEUE, data, {
    singletonKey: data.deploymentId,
    startAfter: Math.max(0, Math.ceil(startAfterSeconds)),
    expireInSeconds: timing.leaseSeconds,
    retryLimit: 20,
    retryDelay: timing.retryDelaySeconds,
  });
}

/**
 * Enqueues tracking unless the deployment already has a queued, retrying or active job. Checking first matters:
 * pg-boss (v10) fetches the oldest queued job and, if its key is already active elsewhere, the fetch fails for
 * the whole queue until that lease ends, which would stall every other deployment.
 */
export async function enqueueIfIdle(boss: PgBoss, timing: TrackerTiming, deploymentId: string): Promise<boolean> {
  const { rows } = await boss.getDb().executeSql(
    `SELECT 1 FROM ${JOBS_SCHEMA}.job WHERE name = $1 AND singleton_key = $2 AND state < 'completed' LIMIT 1`,
    [TRACKING_QUEUE, deploymentId],
  );
  if (rows.length) return false;
  return (await sendSlice(boss, timing, { deploymentId })) !== null;
}

/** Deployments being previewed, deployed or cancelled that have no tracking job (after a restart, or a missed enqueue). */
export async function untrackedDeployments(boss: PgBoss): Promise<string[]> {
  const { rows } = await boss.getDb().executeSql(
    `SELECT d.id::text AS id FROM deployments d
     WHERE d.status IN ('previewing', 'deploying', 'cancelling')
       AND NOT EXISTS (SELECT 1 FROM ${JOBS_SCHEMA}.job j WHERE j.name = $1 AND j.singleton_key = d.id::text AND j.state < 'completed')`,
    [TRACKING_QUEUE],
  );
  return rows.map((r: { id: string }) => r.id);
}

/** Drops other queued copies of this deployment's job once a slice is running (see enqueueIfIdle). */
export async function dropQueuedDuplicates(boss: PgBoss, deploymentId: string, activeJobId: string): Promise<void> {
  await boss.getDb().executeSql(
    `DELETE FROM ${JOBS_SCHEMA}.job WHERE name = $1 AND singleton_key = $2 AND id <> $3::uuid AND state IN ('created', 'retry')`,
    [TRACKING_QUEUE, deploymentId, activeJobId],
  );
}
