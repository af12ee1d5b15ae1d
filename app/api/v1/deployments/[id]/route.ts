import { apiRoute } from "@/lib/http/api-route";
import { environmentOfDeployment } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { getDeploymentWithApproval } from "@/lib/approvals/queries";
import { deploymentRefSchema } from "@/lib/deployments/schema";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

/** Status, progress, events count, the change set's changes, cost delta, result, and the approval request (decisions and comments). */
export const GET = apiRoute({ access: { requires: "stack:read", environment: environmentOfDeployment("id") } }, async ({ actor, params }) => {
  const { deploymentId } = parseInput(deploymentRefSchema, { deploymentId: params.id });
  return getDeploymentWithApproval(getDb(), actor, deploymentId);
});
