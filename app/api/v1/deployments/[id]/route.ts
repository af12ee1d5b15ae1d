import { apiRoute } from "@/lib/http/api-route";
import { environmentOfDeployment } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { getDeployment } from "@/lib/deployments/queries";
import { deploymentRefSchema } from "@/lib/deployments/schema";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

/** Status, progress, events count, the change set's changes, cost delta and result. */
export const GET = apiRoute({ access: { requires: "stack:read", environment: environmentOfDeployment("id") } }, async ({ actor, params }) => {
  const { deploymentId } = parseInput(deploymentRefSchema, { deploymentId: params.id });
  return getDeployment(getDb(), actor, deploymentId);
});
