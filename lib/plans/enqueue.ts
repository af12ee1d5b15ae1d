import "server-only";
import { jobPublisher } from "../deployments/tracker/enqueue.ts";
import { enqueuePlanIfIdle } from "./job.ts";

/** Nudges the plan runner (after a plan is created, approved, executed or cancelled); the sweep finds it anyway. */
export async function enqueuePlan(planId: string): Promise<void> {
  await enqueuePlanIfIdle(await jobPublisher(), planId).catch((error) => console.error(`could not enqueue plan ${planId}`, (error as Error).message));
}
