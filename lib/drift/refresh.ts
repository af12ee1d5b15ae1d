import type { Db } from "../db/client.ts";
import { withEnvironmentTarget } from "../environments/aws-target.ts";
import { AppError } from "../errors.ts";
import { describeDriftDetection, describeResourceDrifts } from "../aws/cloudformation-drift.ts";
import { classifyStackStatus } from "../deployments/stack-status.ts";
import { beginDetection } from "./commands.ts";
import { completeDetection, failDetection, heartbeat } from "./store.ts";

// One run of an environment's drift refresh (a pg-boss job chain, job.ts), inside the shared AWS call budget at
// background priority: follow every detection in flight to its result, fail the ones a crash interrupted, then
// start the scheduled detections that are due (a few per run, so a large environment spreads its calls out).

export interface DriftRefreshOptions {
  /** How often every stack is checked on schedule (DRIFT_CHECK_HOURS, default 24). */
  checkEveryMs: number;
  /** Scheduled detections started per run. */
  maxStartsPerRun?: number;
  /** false: only follow detections in flight (tests that share the database with other files' stacks). */
  schedule?: boolean;
  now?: () => Date;
}

/** A detection without an id this long is one whose DetectStackDrift a crash interrupted. */
const INTERRUPTED_MS = 2 * 60_000;
/** AWS finishes a detection in minutes; one still "in progress" after this is given up. */
const GIVE_UP_MS = 30 * 60_000;

/** In the environment's AWS account, as the worker. */
export function refreshEnvironmentDrift(db: Db, environment: string, options: DriftRefreshOptions): Promise<{ followed: number; started: number }> {
  return withEnvironmentTarget(db, environment, null, () => refreshInTarget(db, environment, options));
}

async function refreshInTarget(db: Db, environment: string, options: DriftRefreshOptions): Promise<{ followed: number; started: number }> {
  const now = options.now?.() ?? new Date();
  const inFlight = await db.driftCheck.findMany({
    where: { status: "detecting", stack: { environment: { key: environment } } },
    select: { id: true, detectionId: true, startedAt: true, heartbeatAt: true, stack: { select: { name: true, region: true } } },
    take: 50,
  });
  for (const check of inFlight) {
    const stack = { name: check.stack.name, environment };
    if (!check.detectionId) {
      if (now.getTime() - check.heartbeatAt.getTime() > INTERRUPTED_MS) await failDetection(db, check.id, "The detection was interrupted before CloudFormation started it; detect drift again.");
      continue;
    }
    const state = await describeDriftDetection(check.stack.region, check.detectionId);
    if (state.status === "DETECTION_IN_PROGRESS") {
      if (now.getTime() - check.startedAt.getTime() > GIVE_UP_MS) await failDetection(db, check.id, "CloudFormation did not finish the drift detection within 30 minutes.");
      else await heartbeat(db, check.id);
      continue;
    }
    if (state.status === "DETECTION_FAILED" && state.stackDriftStatus === null) {
      await failDetection(db, check.id, state.reason ?? "CloudFormation could not detect drift.");
      continue;
    }
    // DETECTION_FAILED with results still has them for the resources it could check (API reference).
    const drifts = await describeResourceDrifts(check.stack.region, check.stack.name);
    await completeDetection(db, check.id, stack, {
      checkedAt: state.timestamp ?? now,
      resources: drifts.map((d) => ({ logicalId: d.logicalId, status: d.status, differences: d.differences.map(({ path, expected, actual }) => ({ path, expected, actual })) })),
    });
  }
  const started = options.schedule === false ? 0 : await startDueDetections(db, environment, now, options);
  return { followed: inFlight.length, started };
}

async function startDueDetections(db: Db, environment: string, now: Date, options: DriftRefreshOptions): Promise<number> {
  const cutoff = new Date(now.getTime() - options.checkEveryMs);
  const due = await db.stack.findMany({
    where: {
      // A stack changed within the period was just made to match its template: its first check is due a period later.
      environment: { key: environment }, deletedAt: null, status: { not: null }, updatedAt: { lt: cutoff },
      driftChecks: { none: { OR: [{ status: "detecting" }, { startedAt: { gt: cutoff } }] } },
    },
    orderBy: { name: "asc" },
    take: (options.maxStartsPerRun ?? 3) * 2,
    select: { id: true, name: true, region: true, status: true, deletedAt: true, environment: { select: { key: true } } },
  });
  let started = 0;
  for (const stack of due.filter((s) => classifyStackStatus(s.status).stable).slice(0, options.maxStartsPerRun ?? 3)) {
    try {
      await beginDetection(db, stack, { trigger: "scheduled", actor: "system" });
      started++;
    } catch (error) {
      // One stack that cannot be checked (changed state in between, gone from AWS) must not stop the others; its
      // failed row says why on its page, and it is due again at the next interval.
      if (!(error instanceof AppError)) throw error;
    }
  }
  return started;
}
