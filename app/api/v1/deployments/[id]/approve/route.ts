import { apiRoute } from "@/lib/http/api-route";
import { environmentOfDeployment } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { decisionSchema } from "@/lib/approvals/schema";
import { approveDeployment } from "@/lib/approvals/commands";
import { parseInput } from "@/lib/validation";
import { decisionBodySchema } from "../../schema";

export const dynamic = "force-dynamic";

/** Approves a pending request ({ comment }); the same rules as the console (never your own request). */
export const POST = apiRoute({ access: { requires: "change:approve", environment: environmentOfDeployment("id") }, body: decisionBodySchema }, async ({ actor, params, meta, body }) => {
  const input = parseInput(decisionSchema, { deploymentId: params.id, ...body });
  return approveDeployment(getDb(), { actor, meta, input });
});
