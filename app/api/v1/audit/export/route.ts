import { apiRoute } from "@/lib/http/api-route";
import { getDb } from "@/lib/db/client";
import { auditExportSchema } from "@/lib/audit/schema";
import { exportAuditEvents } from "@/lib/audit/export";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

/** `?format=csv|jsonl` plus the filters of GET /api/v1/audit; streamed, newest first. Admins only; audited. */
export const GET = apiRoute({ access: { requires: "audit:read" } }, async ({ req, actor, meta }) => {
  const input = parseInput(auditExportSchema, Object.fromEntries(req.nextUrl.searchParams));
  const file = await exportAuditEvents(getDb(), { actor, input, meta });
  return new Response(file.stream, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
