import type PgBoss from "pg-boss";
import { AwsThrottledError, isThrottling } from "../../aws/cloudformation.ts";
import { dropQueuedDuplicates, sendSlice, type TrackingJobData } from "./boss.ts";
import { pollDeployment, type PollContext } from "./poll.ts";
import { backoffMs, type TrackerTiming } from "./timing.ts";
import { cadenceFacts, planDelay } from "./cadence.ts";
import { withCallBudget } from "../../aws/call-budget-context.ts";
import { BudgetWaitExceeded } from "../../aws/call-budget.ts";

export interface SliceRuntime {
  boss: PgBoss;
  poll: PollContext;
  timing: TrackerTiming;
  /** Aborted on stop(): sleeping slices wake up and hand their deployment back to the queue. */
  stopping: AbortSignal;
  /** True after an abrupt stop: the slice must leave without touching the queue, like a killed process. */
  killed: () => boolean;
}

const ERROR_DELAY_MS = 5_000;

/** A pause this short at the slice's end is slept here, so the successor starts at once (pg-boss delays are whole seconds). */
const HANDOFF_SLEEP_MS = 2_000;

/**
 * One lease on one deployment: poll at the cadence the stored events suggest (cadence.ts) for at most `sliceMs`,
 * then queue the next slice (same singletonKey) and return so pg-boss completes this job. Every AWS call of a poll
 * comes out of the shared call budget at deployment priority. A crash mid-slice leaves the job active until its
 * expiration (leaseSeconds); pg-boss maintenance then fails it and the retry continues where the events left off.
 */
export async function runSlice(rt: SliceRuntime, job: PgBoss.Job<TrackingJobData>): Promise<{ outcome: string }> {
  const { deploymentId } = job.data;
  let step = job.data.backoffStep ?? 0;
  const sliceEnd = Date.now() + rt.timing.sliceMs;
  await dropQueuedDuplicates(rt.boss, deploymentId, job.id);
  for (;;) {
    let wait = rt.timing.pollIntervalMs;
    try {
      const outcome = await withCallBudget({ priority: "deployment", signal: rt.stopping }, () => pollDeployment(rt.poll, deploymentId));
      if (outcome === "done") return { outcome: "done" };
      step = 0;
      const facts = await cadenceFacts(rt.poll.db, deploymentId);
      if (facts) wait = planDelay(facts, rt.timing, Date.now());
    } catch (error) {
      if (rt.killed()) throw error;
      if (error instanceof AwsThrottledError || isThrottling(error)) {
        step = Math.min(step + 1, 5);
        wait = backoffMs(step);
        const why = error instanceof BudgetWaitExceeded ? "no AWS call left in the budget" : "throttled by CloudFormation";
        console.warn(`tracker: ${deploymentId} ${why}, next poll in ${wait / 1000} s`);
      } else {
        wait = ERROR_DELAY_MS;
        console.error(`tracker: polling ${deploymentId} failed, retrying in ${wait / 1000} s:`, (error as Error).message);
      }
    }
    if (rt.killed()) throw new Error("tracker killed");
    if (!rt.stopping.aborted && Date.now() + wait >= sliceEnd && wait <= HANDOFF_SLEEP_MS) {
      await sleep(wait, rt.stopping);
      wait = 0;
    }
    if (rt.stopping.aborted || Date.now() + wait >= sliceEnd) {
      // On shutdown the next slice may start at once elsewhere; otherwise after the pause this one would take.
      await sendSlice(rt.boss, rt.timing, { deploymentId, backoffStep: step }, rt.stopping.aborted ? 0 : wait / 1000);
      return { outcome: "rescheduled" };
    }
    await sleep(wait, rt.stopping);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
