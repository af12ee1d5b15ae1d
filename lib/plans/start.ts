import "server-only";
import type { Db } from "../db/client.ts";
import type { Actor } from "../auth/guard.ts";
import type { RequestMeta } from "../audit/record.ts";
import { createPlan } from "./create.ts";
import { approvePlan, rejectPlan } from "./approval.ts";
import { cancelPlan, executePlan } from "./commands.ts";
import { enqueuePlan } from "./enqueue.ts";
import { getPlan } from "./queries.ts";
import type { CreatePlanInput, PlanDecisionInput, PlanRef } from "./schema.ts";
import type { PlanDto } from "./types.ts";

// Entry points for the API, the console's actions and the CLI: the command, then a nudge to the plan runner (the
// runner's sweep finds the plan anyway if the nudge is lost), then the plan as it is now.

interface Command<I> {
  actor: Actor;
  input: I;
  meta?: RequestMeta;
}

async function nudged(db: Db, actor: Actor, planId: string): Promise<PlanDto> {
  await enqueuePlan(planId);
  return getPlan(db, actor, planId);
}

export async function startPlan(db: Db, command: Command<CreatePlanInput>): Promise<PlanDto> {
  return nudged(db, command.actor, await createPlan(db, command));
}

export async function approvePlanCommand(db: Db, command: Command<PlanDecisionInput>): Promise<PlanDto> {
  await approvePlan(db, command);
  return nudged(db, command.actor, command.input.planId);
}

export async function rejectPlanCommand(db: Db, command: Command<PlanDecisionInput>): Promise<PlanDto> {
  await rejectPlan(db, command);
  return nudged(db, command.actor, command.input.planId);
}

export async function executePlanCommand(db: Db, command: Command<PlanRef>): Promise<PlanDto> {
  await executePlan(db, command);
  return nudged(db, command.actor, command.input.planId);
}

export async function cancelPlanCommand(db: Db, command: Command<PlanRef>): Promise<PlanDto> {
  await cancelPlan(db, command);
  return nudged(db, command.actor, command.input.planId);
}
