import { apiRoute } from "@/lib/http/api-route";
import { environmentOfPlan } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { cancelPlanCommand } from "@/lib/plans/start";
import { planRefSchema } from "@/lib/plans/schema";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

/** Cancels a plan: before applying it ends at once; while applying, running stacks finish and nothing new starts. */
export const POST = apiRoute({ access: { requires: "change:preview", environment: environmentOfPlan("id") } }, async ({ actor, params, meta }) => {
  const input = parseInput(planRefSchema, { planId: params.id });
  return cancelPlanCommand(getDb(), { actor, meta, input });
});
