import { apiRoute } from "@/lib/http/api-route";
import { getDb } from "@/lib/db/client";
import { destinationIdSchema } from "@/lib/notifications/schema";
import { deleteDestination } from "@/lib/notifications/commands";
import { parseInput } from "@/lib/validation";
import { NOTIFICATIONS_ACCESS } from "../schema";

export const dynamic = "force-dynamic";

/** Stops sending to the destination; its deliveries stay listed. */
export const DELETE = apiRoute({ access: NOTIFICATIONS_ACCESS }, async ({ actor, params, meta }) => {
  const input = parseInput(destinationIdSchema, { destinationId: params.id });
  await deleteDestination(getDb(), { actor, input, meta });
  return { deleted: input.destinationId };
});
