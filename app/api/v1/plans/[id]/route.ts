import { apiRoute } from "@/lib/http/api-route";
import { environmentOfPlan } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { getPlan } from "@/lib/plans/queries";
import { planRefSchema } from "@/lib/plans/schema";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

/** The plan: status, every stack's step (action, status, deployment, times), the cost delta, the approval. */
export const GET = apiRoute({ access: { requires: "stack:read", environment: environmentOfPlan("id") } }, async ({ actor, params }) => {
  const { planId } = parseInput(planRefSchema, { planId: params.id });
  return getPlan(getDb(), actor, planId);
});
