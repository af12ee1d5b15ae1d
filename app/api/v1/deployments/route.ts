import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { environmentField } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { startChange } from "@/lib/deployments/start";
import { listDeployments } from "@/lib/deployments/queries";
import { parseInput } from "@/lib/validation";
import { createDeploymentSchema, listQuerySchema } from "./schema";

export const dynamic = "force-dynamic";

/** Previews a change (202: it continues in the background); `"execute": true` applies it once ready where no approval is needed. */
export const POST = apiRoute({ access: { requires: "change:preview", environment: environmentField() }, body: createDeploymentSchema }, async ({ actor, body, meta }) => {
  const { stack, execute, ...rest } = body;
  const deployment = await startChange(getDb(), { actor, meta, input: { ...rest, stackName: stack, autoExecute: execute } });
  return NextResponse.json(deployment, { status: 202, headers: { Location: `/api/v1/deployments/${deployment.id}` } });
});

export const GET = apiRoute({ access: { requires: "stack:read", environment: environmentField("environment", "staging") } }, async ({ req, actor }) => {
  const query = parseInput(listQuerySchema, Object.fromEntries(req.nextUrl.searchParams));
  return listDeployments(getDb(), actor, query.environment, { cursor: query.cursor, limit: query.limit });
});
