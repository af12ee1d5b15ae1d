import { apiRoute } from "@/lib/http/api-route";
import { getDb } from "@/lib/db/client";
import { parseInput } from "@/lib/validation";
import { environmentOfSchedule } from "@/lib/teardown/access";
import { cancelTeardownSchedule } from "@/lib/teardown/commands";
import { teardownScheduleIdSchema } from "@/lib/teardown/schema";

export const dynamic = "force-dynamic";

/** DELETE: cancels the schedule (future windows); a teardown in progress still finishes and recreates. */
export const DELETE = apiRoute({ access: { requires: "change:deploy", environment: environmentOfSchedule("id") } }, async ({ actor, meta, params }) => {
  const input = parseInput(teardownScheduleIdSchema, { id: params.id });
  return cancelTeardownSchedule(getDb(), { actor, meta, input });
});
