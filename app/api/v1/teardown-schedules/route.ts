import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { environmentField } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { parseInput } from "@/lib/validation";
import { createTeardownSchedule } from "@/lib/teardown/commands";
import { listTeardownSchedules } from "@/lib/teardown/queries";
import { createTeardownScheduleSchema, listTeardownSchedulesSchema } from "@/lib/teardown/schema";

export const dynamic = "force-dynamic";

/** GET /api/v1/teardown-schedules?environment=: the environment's active schedules with their next window and last run. */
export const GET = apiRoute({ access: { requires: "stack:read", environment: environmentField() } }, async ({ req, actor }) => {
  const query = parseInput(listTeardownSchedulesSchema, Object.fromEntries(req.nextUrl.searchParams));
  return listTeardownSchedules(getDb(), actor, query);
});

/** POST: a time to live or a weekly window for a staging stack or the whole environment (production: 400). */
export const POST = apiRoute({ access: { requires: "change:deploy", environment: environmentField() }, body: createTeardownScheduleSchema }, async ({ actor, body, meta }) => {
  const schedule = await createTeardownSchedule(getDb(), { actor, meta, input: body });
  return NextResponse.json(schedule, { status: 201, headers: { Location: `/api/v1/teardown-schedules/${schedule.id}` } });
});
