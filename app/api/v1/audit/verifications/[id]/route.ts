import { z } from "zod";
import { apiRoute } from "@/lib/http/api-route";
import { getDb } from "@/lib/db/client";
import { getAuditVerification } from "@/lib/audit/verifications";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

/** A verification run: status (queued, running, passed, failed, error, abandoned), progress, findings. */
export const GET = apiRoute({ access: { requires: "audit:read" } }, async ({ actor, params }) => {
  const { id } = parseInput(z.object({ id: z.uuid() }), params);
  return getAuditVerification(getDb(), actor, id);
});
