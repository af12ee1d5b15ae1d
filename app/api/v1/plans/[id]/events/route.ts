import { apiRoute } from "@/lib/http/api-route";
import { environmentOfPlan } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { getPlan } from "@/lib/plans/queries";
import { planEventStream } from "@/lib/plans/live";
import { planRefSchema } from "@/lib/plans/schema";
import { SSE_HEADERS } from "@/lib/realtime/deployment-stream";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

/** SSE: `event: plan` with the plan (as GET …/{id}) whenever it or one of its deployments changes; ends once it is finished. */
export const GET = apiRoute({ access: { requires: "stack:read", environment: environmentOfPlan("id") } }, async ({ req, actor, params }) => {
  const { planId } = parseInput(planRefSchema, { planId: params.id });
  await getPlan(getDb(), actor, planId); // the domain's own check, and a 404 before the stream opens
  return new Response(planEventStream(getDb(), actor, planId, req.signal), { headers: SSE_HEADERS });
});
