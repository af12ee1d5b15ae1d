import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { getDb } from "@/lib/db/client";
import { requestAuditVerification } from "@/lib/audit/verifications";
import { enqueueAuditVerification } from "@/lib/audit/jobs/enqueue";

export const dynamic = "force-dynamic";

/** Starts a verification of the whole audit log as a background job (202); follow it at the Location. Admins only. */
export const POST = apiRoute({ access: { requires: "audit:read" } }, async ({ actor, meta }) => {
  const run = await requestAuditVerification(getDb(), { actor, meta, enqueue: enqueueAuditVerification });
  return NextResponse.json(run, { status: 202, headers: { Location: `/api/v1/audit/verifications/${run.id}` } });
});
