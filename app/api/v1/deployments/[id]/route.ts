import { apiRoute } from "@/lib/http/api-route";
import { getDb } from "@/lib/db/client";
import { getDeployment } from "@/lib/deployments/queries";
import { deploymentRefSchema } from "@/lib/deployments/schema";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

/** Status, progress, events count, the change set's changes, cost delta and result. */
export const GET = apiRoute({}, async ({ actor, params }) => {
  const { deploymentId } = parseInput(deploymentRefSchema, { deploymentId: params.id });
  return getDeployment(getDb(), actor, deploymentId);
});
