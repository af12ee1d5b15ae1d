import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { executeAccess } from "@/lib/approvals/access";
import { getDb } from "@/lib/db/client";
import { executeSchema } from "@/lib/approvals/schema";
import { startExecution } from "@/lib/deployments/start";
import { parseInput } from "@/lib/validation";
import { executeBodySchema } from "../../schema";

export const dynamic = "force-dynamic";

/** Applies a ready (or approved) deployment's change set; 202 while it runs. Admins may send { breakGlass, reason }. */
export const POST = apiRoute({ access: executeAccess("id"), body: executeBodySchema }, async ({ actor, params, meta, body }) => {
  const input = parseInput(executeSchema, { deploymentId: params.id, ...body });
  return NextResponse.json(await startExecution(getDb(), { actor, meta, input }), { status: 202 });
});
