import { apiRoute } from "@/lib/http/api-route";
import { environmentField } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { parseInput } from "@/lib/validation";
import { listAlarms } from "@/lib/alarms/queries";
import { listAlarmsSchema } from "./schema";

export const dynamic = "force-dynamic";

/** GET /api/v1/alarms?environment=&stack=&state=&page=&limit= : an environment's alarms, ALARM first. */
export const GET = apiRoute({ access: { requires: "stack:read", environment: environmentField() } }, async ({ req, actor }) => {
  const query = parseInput(listAlarmsSchema, Object.fromEntries(req.nextUrl.searchParams));
  return listAlarms(getDb(), actor, query);
});
