import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { environmentField } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { startPlan } from "@/lib/plans/start";
import { listPlans } from "@/lib/plans/queries";
import { createPlanSchema } from "@/lib/plans/schema";

export const dynamic = "force-dynamic";

/** Plans the whole environment (202: previews continue in the background); `execute: true` applies it as soon as it may. */
export const POST = apiRoute({ access: { requires: "change:preview", environment: environmentField() }, body: createPlanSchema }, async ({ actor, body, meta }) => {
  const plan = await startPlan(getDb(), { actor, meta, input: body });
  return NextResponse.json({ id: plan.id, status: plan.status, stacks: plan.stacks }, { status: 202, headers: { Location: `/api/v1/plans/${plan.id}` } });
});

export const GET = apiRoute({ access: { requires: "stack:read", environment: environmentField("environment", "staging") } }, async ({ req, actor }) =>
  listPlans(getDb(), actor, Object.fromEntries(req.nextUrl.searchParams)),
);
