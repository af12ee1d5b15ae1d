"use server";

import { authorizedAction } from "@/lib/auth/action";
import { environmentOfPlan } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { planDecisionSchema, planRefSchema } from "@/lib/plans/schema";
import { approvePlanCommand, cancelPlanCommand, executePlanCommand, rejectPlanCommand } from "@/lib/plans/start";

const onPlan = environmentOfPlan("planId");

export const approvePlanAction = authorizedAction(
  planDecisionSchema,
  async (input, { actor, meta }) => {
    const plan = await approvePlanCommand(getDb(), { actor, meta, input });
    return { message: plan.status === "awaiting_approval" ? "Approved; the plan needs another approver." : "Plan approved." };
  },
  { access: { requires: "change:approve", environment: onPlan } },
);

export const rejectPlanAction = authorizedAction(
  planDecisionSchema,
  async (input, { actor, meta }) => {
    await rejectPlanCommand(getDb(), { actor, meta, input });
    return { message: "Plan rejected." };
  },
  { access: { requires: "change:approve", environment: onPlan } },
);

export const executePlanAction = authorizedAction(
  planRefSchema,
  async (input, { actor, meta }) => {
    await executePlanCommand(getDb(), { actor, meta, input });
    return { message: "Applying the plan." };
  },
  { access: { requires: ["change:deploy", "change:request", "change:approve"], environment: onPlan } },
);

export const cancelPlanAction = authorizedAction(
  planRefSchema,
  async (input, { actor, meta }) => {
    const plan = await cancelPlanCommand(getDb(), { actor, meta, input });
    return { message: plan.status === "applying" ? "Cancelling: running stacks finish, nothing new starts." : "Plan cancelled." };
  },
  { access: { requires: "change:preview", environment: onPlan } },
);
