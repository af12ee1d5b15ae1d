import { apiRoute } from "@/lib/http/api-route";
import { environmentOfDeployment } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { requestApprovalSchema } from "@/lib/approvals/schema";
import { requestApproval } from "@/lib/approvals/commands";
import { parseInput } from "@/lib/validation";
import { requestApprovalBodySchema } from "../../schema";

export const dynamic = "force-dynamic";

/** Sends a ready preview for approval ({ reason }); the deployment becomes awaiting_approval. */
export const POST = apiRoute({ access: { requires: "change:request", environment: environmentOfDeployment("id") }, body: requestApprovalBodySchema }, async ({ actor, params, meta, body }) => {
  const input = parseInput(requestApprovalSchema, { deploymentId: params.id, ...body });
  return requestApproval(getDb(), { actor, meta, input });
});
