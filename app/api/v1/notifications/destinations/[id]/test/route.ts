import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { getDb } from "@/lib/db/client";
import { destinationIdSchema } from "@/lib/notifications/schema";
import { sendTestNotification } from "@/lib/notifications/commands";
import { parseInput } from "@/lib/validation";
import { NOTIFICATIONS_ACCESS } from "../../schema";

export const dynamic = "force-dynamic";

/** Queues a test message to the destination; its attempts appear in GET /api/v1/notifications/deliveries. */
export const POST = apiRoute({ access: NOTIFICATIONS_ACCESS }, async ({ actor, params, meta }) => {
  const input = parseInput(destinationIdSchema, { destinationId: params.id });
  return NextResponse.json(await sendTestNotification(getDb(), { actor, input, meta }), { status: 202 });
});
