import { apiRoute } from "@/lib/http/api-route";
import { environmentOfStack } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { parseInput } from "@/lib/validation";
import { listStackAlarms } from "@/lib/alarms/queries";
import { stackNameSchema } from "../../schema";

export const dynamic = "force-dynamic";

/** GET /api/v1/stacks/{name}/alarms: the stack's alarms (ALARM first) and their latest state changes. */
export const GET = apiRoute({ access: { requires: "stack:read", environment: environmentOfStack("name") } }, async ({ actor, params }) => {
  const { stackName } = parseInput(stackNameSchema, { stackName: params.name });
  return listStackAlarms(getDb(), actor, stackName);
});
