import { apiRoute } from "@/lib/http/api-route";
import { environmentOfStack } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { parseInput } from "@/lib/validation";
import { listStackAlarms } from "@/lib/alarms/stack-alarms";
import { stackNameSchema } from "../../schema";

export const dynamic = "force-dynamic";

/** GET /api/v1/stacks/{name}/alarms: `{ items, changes }`, each item an alarm (ALARM first) with `state` and `stateChanges` (`{ fromState, toState, at, reason }`, newest first). */
export const GET = apiRoute({ access: { requires: "stack:read", environment: environmentOfStack("name") } }, async ({ actor, params }) => {
  const { stackName } = parseInput(stackNameSchema, { stackName: params.name });
  return listStackAlarms(getDb(), actor, stackName);
});
