import { apiRoute } from "@/lib/http/api-route";
import { environmentOfStack } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { getStackDetail } from "@/lib/deployments/queries";
import { stackNameSchema } from "../schema";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ access: { requires: "stack:read", environment: environmentOfStack("name") } }, async ({ actor, params }) => {
  const { stackName } = parseInput(stackNameSchema, { stackName: params.name });
  return getStackDetail(getDb(), actor, stackName);
});
