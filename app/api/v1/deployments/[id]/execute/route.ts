import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { getDb } from "@/lib/db/client";
import { deploymentRefSchema } from "@/lib/deployments/schema";
import { startExecution } from "@/lib/deployments/start";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

/** Applies a ready (or approved) deployment's change set; 202 while it runs. */
export const POST = apiRoute({}, async ({ actor, params, meta }) => {
  const input = parseInput(deploymentRefSchema, { deploymentId: params.id });
  return NextResponse.json(await startExecution(getDb(), { actor, meta, input }), { status: 202 });
});
