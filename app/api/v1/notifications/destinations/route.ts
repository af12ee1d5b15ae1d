import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { getDb } from "@/lib/db/client";
import { destinationSchema } from "@/lib/notifications/schema";
import { createDestination } from "@/lib/notifications/commands";
import { listDestinations } from "@/lib/notifications/queries";
import { NOTIFICATIONS_ACCESS, destinationListQuerySchema } from "./schema";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

/** Every destination (optionally of one environment); secrets are never returned. */
export const GET = apiRoute({ access: NOTIFICATIONS_ACCESS }, async ({ req, actor }) => {
  const { environment } = parseInput(destinationListQuerySchema, Object.fromEntries(req.nextUrl.searchParams));
  return { items: await listDestinations(getDb(), actor, environment) };
});

/** Adds a destination; a generated webhook secret is in this response only. */
export const POST = apiRoute({ access: NOTIFICATIONS_ACCESS, body: destinationSchema }, async ({ actor, body, meta }) => {
  const created = await createDestination(getDb(), { actor, input: body, meta });
  return NextResponse.json(created, { status: 201 });
});
