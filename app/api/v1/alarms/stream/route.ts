import { apiRoute } from "@/lib/http/api-route";
import { environmentField } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { assertCan } from "@/lib/auth/guard";
import { parseInput } from "@/lib/validation";
import { getEnvironmentByKey } from "@/lib/environments/queries";
import { alarmEventStream } from "@/lib/alarms/live";
import { SSE_HEADERS } from "@/lib/realtime/deployment-stream";
import { alarmStreamSchema } from "../schema";

export const dynamic = "force-dynamic";

/** SSE: `event: alarms` whenever the refresh job stored a change in the environment's alarms (pages then re-read). */
export const GET = apiRoute({ access: { requires: "stack:read", environment: environmentField() } }, async ({ req, actor }) => {
  const { environment } = parseInput(alarmStreamSchema, Object.fromEntries(req.nextUrl.searchParams));
  assertCan(actor, "stack:read", await getEnvironmentByKey(getDb(), environment));
  return new Response(alarmEventStream(environment, req.signal), { headers: SSE_HEADERS });
});
