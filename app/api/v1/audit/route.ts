import { apiRoute } from "@/lib/http/api-route";
import { getDb } from "@/lib/db/client";
import { auditFilterSchema, listAuditEvents } from "@/lib/audit/queries";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

/**
 * Newest first; pass `nextCursor` back as `before` for the next page. Filters: actor (email), action (exact, or a
 * prefix ending in "."), environment, stack, from, to. Admins only (checked in listAuditEvents).
 */
export const GET = apiRoute({ access: { requires: "audit:read" } }, async ({ req, actor }) => {
  const filter = parseInput(auditFilterSchema, Object.fromEntries(req.nextUrl.searchParams));
  return listAuditEvents(getDb(), actor, filter);
});
