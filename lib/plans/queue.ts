/** The plan runner's pg-boss queue (lib/plans/job.ts); its own file so the job schema set-up imports no domain code. */
export const PLAN_QUEUE = "plan-advance";
