import { apiRoute } from "@/lib/http/api-route";
import { getDb } from "@/lib/db/client";
import { deliveryFilterSchema } from "@/lib/notifications/schema";
import { listDeliveryAttempts } from "@/lib/notifications/queries";
import { parseInput } from "@/lib/validation";
import { NOTIFICATIONS_ACCESS } from "../destinations/schema";

export const dynamic = "force-dynamic";

/** Every delivery attempt, newest first, with its status code; pass nextCursor back as `before`. */
export const GET = apiRoute({ access: NOTIFICATIONS_ACCESS }, async ({ req, actor }) => {
  const filter = parseInput(deliveryFilterSchema, Object.fromEntries(req.nextUrl.searchParams));
  return listDeliveryAttempts(getDb(), actor, filter);
});
