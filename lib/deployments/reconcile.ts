import type { Db } from "../db/client.ts";
import { AwsThrottledError } from "../aws/errors.ts";
import { NO_FAULTS, type Faults } from "./faults.ts";
import { previewTimeoutMs } from "./complete-preview.ts";
import { reconcileOne, type Settled } from "./reconcile-steps.ts";
import type { DeploymentStatus } from "./types.ts";

// The reconciler: finds deployments nothing is moving on and moves them on. A crash between an intent and its
// AWS call, or between the call and the write after it, leaves a row in an intent status (previewing without a
// change set id, executing, cancelling); a lost tracker leaves one deploying with a stale heartbeat; a crash after
// an approval leaves a "Deploy when approved" change ready. Each is settled by asking CloudFormation what really
// happened (reconcile-steps.ts). Run by the `deployment-reconcile` job (tracker/reconcile-job.ts), one at a time.

export interface ReconcileOptions {
  db: Db;
  /** Hands a deployment (back) to the tracker. */
  enqueue: (deploymentId: string) => Promise<unknown>;
  faults?: Faults;
  now?: Date;
  /** A heartbeat older than this is stale (RECONCILE_STALE_SECONDS, default 300). */
  staleAfterMs?: number;
  previewTimeoutMs?: number;
  /** Rows per run: each costs a few AWS calls. */
  limit?: number;
  clockSkewMs?: number;
}

export interface ReconcileReport {
  examined: number;
  settled: Settled[];
  /** CloudFormation asked us to slow down: the rest waits for the next run. */
  throttled: boolean;
}

/** The reconciler's default staleness: longer than any AWS call can take (clients.ts bounds each attempt). */
export function staleAfterMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.RECONCILE_STALE_SECONDS);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 300) * 1000;
}

interface Candidate {
  id: string;
  status: DeploymentStatus;
}

async function candidates(db: Db, now: Date, staleMs: number, timeoutMs: number, limit: number): Promise<Candidate[]> {
  const stale = new Date(now.getTime() - staleMs);
  const timedOut = new Date(now.getTime() - timeoutMs);
  return db.$queryRaw<Candidate[]>`
    SELECT d.id::text AS id, d.status::text AS status FROM deployments d
    LEFT JOIN approval_requests r ON r.deployment_id = d.id
    WHERE (d.status IN ('previewing', 'executing', 'deploying', 'cancelling') AND d.heartbeat_at < ${stale})
       OR (d.status = 'previewing' AND d.created_at < ${timedOut})
       OR (d.status = 'ready' AND d.auto_execute AND d.heartbeat_at < ${stale})
       OR (d.status IN ('awaiting_approval', 'ready') AND r.status IN ('pending', 'approved') AND r.expires_at <= ${now})
    ORDER BY d.heartbeat_at NULLS FIRST
    LIMIT ${limit}`;
}

/** One pass: settles what it can, logs what it cannot (the next run tries again), stops when throttled. */
export async function reconcileDeployments(options: ReconcileOptions): Promise<ReconcileReport> {
  const now = options.now ?? new Date();
  const rows = await candidates(options.db, now, options.staleAfterMs ?? staleAfterMs(), options.previewTimeoutMs ?? previewTimeoutMs(), options.limit ?? 50);
  const report: ReconcileReport = { examined: rows.length, settled: [], throttled: false };
  const ctx = { ...options, faults: options.faults ?? NO_FAULTS, now, previewTimeoutMs: options.previewTimeoutMs ?? previewTimeoutMs(), clockSkewMs: options.clockSkewMs ?? 2_000 };
  for (const row of rows) {
    try {
      const settled = await reconcileOne(ctx, row.id);
      if (settled) report.settled.push(settled);
    } catch (error) {
      if (error instanceof AwsThrottledError) {
        report.throttled = true;
        break;
      }
      console.error(`reconciler: deployment ${row.id} (${row.status}) not settled this time:`, (error as Error).message);
    }
  }
  for (const s of report.settled) console.log(`reconciler: ${s.deploymentId} ${s.from} -> ${s.to}: ${s.why}`);
  return report;
}
