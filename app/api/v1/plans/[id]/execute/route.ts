import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { environmentOfPlan } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { executePlanCommand } from "@/lib/plans/start";
import { planRefSchema } from "@/lib/plans/schema";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

/** Applies a ready (where required, approved) plan; 202 while it runs. */
export const POST = apiRoute({ access: { requires: ["change:deploy", "change:request", "change:approve"], environment: environmentOfPlan("id") } }, async ({ actor, params, meta }) => {
  const input = parseInput(planRefSchema, { planId: params.id });
  return NextResponse.json(await executePlanCommand(getDb(), { actor, meta, input }), { status: 202 });
});
