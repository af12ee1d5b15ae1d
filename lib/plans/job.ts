import type PgBoss from "pg-boss";
import type { Db } from "../db/client.ts";
import { withCallBudget } from "../aws/call-budget-context.ts";
import { AwsThrottledError } from "../aws/errors.ts";
import type { Faults } from "../deployments/faults.ts";
import { advancePlan, type PassOutcome } from "./advance.ts";

// The plan runner as a pg-boss job: one chain per active plan across every worker ("stately": one queued and one
// active job per plan). A job makes passes for a slice, then sends its successor; a finished plan ends its chain.
// A sweep (every 30 s and at start) re-creates the chain of an active plan that has none (a killed worker), and
// the web app nudges a new plan at once (enqueuePlan).

import { PLAN_QUEUE } from "./queue.ts";

const JOBS_SCHEMA = "stackdeck_jobs";
const SLICE_MS = 10_000;
const LEASE_SECONDS = 60;
const WAITING_SECONDS = 15;

export const planPassMs = (env: NodeJS.ProcessEnv = process.env) => {
  const n = Number(env.PLAN_PASS_MS);
  return Number.isFinite(n) && n >= 50 ? n : 1_000;
};

export function sendPlanJob(boss: PgBoss, planId: string, startAfterSeconds = 0): Promise<string | null> {
  return boss.send(PLAN_QUEUE, { planId }, { singletonKey: planId, startAfter: Math.max(0, Math.ceil(startAfterSeconds)), expireInSeconds: LEASE_SECONDS, retryLimit: 20, retryDelay: 2 });
}

/**
 * Sends a plan job unless the plan already has a queued or active one (see tracker/boss.ts enqueueIfIdle: why check
 * first). A successor queued for later (a plan waiting for people) is replaced by one that runs now.
 */
export async function enqueuePlanIfIdle(boss: PgBoss, planId: string): Promise<boolean> {
  await boss.getDb().executeSql(
    `DELETE FROM ${JOBS_SCHEMA}.job WHERE name = $1 AND singleton_key = $2 AND state = 'created' AND start_after > now() + interval '1 second'`,
    [PLAN_QUEUE, planId],
  );
  const { rows } = await boss.getDb().executeSql(
    `SELECT 1 FROM ${JOBS_SCHEMA}.job WHERE name = $1 AND singleton_key = $2 AND state IN ('created', 'retry', 'active') LIMIT 1`,
    [PLAN_QUEUE, planId],
  );
  if ((rows as unknown[]).length) return false;
  return (await sendPlanJob(boss, planId)) !== null;
}

export async function startPlanRunner(options: { boss: PgBoss; db: Db; signal: AbortSignal; faults?: Faults }): Promise<void> {
  const { boss, db, signal, faults } = options;
  await boss.createQueue(PLAN_QUEUE, { name: PLAN_QUEUE, policy: "stately" });
  const passMs = planPassMs();
  await boss.work<{ planId: string }>(PLAN_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
    if (!job) return;
    const { planId } = job.data;
    const until = Date.now() + SLICE_MS;
    let outcome: PassOutcome = "busy";
    while (outcome === "busy" && !signal.aborted && Date.now() < until) {
      try {
        outcome = await withCallBudget({ priority: "deployment", maxWaitMs: 20_000, signal }, () => advancePlan(db, planId, { faults }));
      } catch (error) {
        if (!(error instanceof AwsThrottledError)) console.error(`plan ${planId}: pass failed`, (error as Error).message);
      }
      if (outcome === "busy") await sleep(passMs, signal);
    }
    // Waiting for people: look again now and then (an approval or an apply nudges it at once, enqueuePlanIfIdle).
    if (outcome !== "done") await sendPlanJob(boss, planId, signal.aborted ? 0 : outcome === "waiting" ? WAITING_SECONDS : 0.1).catch(() => undefined);
  });
  const sweep = async () => {
    const { rows } = await boss.getDb().executeSql(
      `SELECT p.id::text AS id FROM plans p WHERE (p.status IN ('planning', 'ready', 'awaiting_approval', 'applying')
         OR EXISTS (SELECT 1 FROM plan_stacks s WHERE s.plan_id = p.id AND s.status IN ('pending', 'deferred', 'previewing', 'ready', 'applying')))
       AND NOT EXISTS (SELECT 1 FROM ${JOBS_SCHEMA}.job j WHERE j.name = $1 AND j.singleton_key = p.id::text AND j.state < 'completed')
       LIMIT 100`,
      [PLAN_QUEUE],
    );
    for (const { id } of rows as { id: string }[]) await sendPlanJob(boss, id);
  };
  // Not awaited: a tracker's start (and the deployments it resumes) does not wait on plans.
  void sweep().catch((error) => console.error("plan runner: sweep failed", (error as Error).message));
  const timer = setInterval(() => sweep().catch((error) => console.error("plan runner: sweep failed", (error as Error).message)), 30_000);
  timer.unref();
  signal.addEventListener("abort", () => clearInterval(timer), { once: true });
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const wake = () => (clearTimeout(t), resolve());
    const t = setTimeout(() => (signal.removeEventListener("abort", wake), resolve()), ms);
    signal.addEventListener("abort", wake, { once: true });
  });
