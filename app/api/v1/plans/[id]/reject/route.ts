import { apiRoute } from "@/lib/http/api-route";
import { environmentOfPlan } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { rejectPlanCommand } from "@/lib/plans/start";
import { planDecisionSchema } from "@/lib/plans/schema";
import { parseInput } from "@/lib/validation";
import { planDecisionBodySchema } from "../../schema";

export const dynamic = "force-dynamic";

/** Rejects a plan waiting for approval ({ comment }), as a whole; never your own plan. */
export const POST = apiRoute({ access: { requires: "change:approve", environment: environmentOfPlan("id") }, body: planDecisionBodySchema }, async ({ actor, params, meta, body }) => {
  const input = parseInput(planDecisionSchema, { planId: params.id, ...body });
  return rejectPlanCommand(getDb(), { actor, meta, input });
});
