import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { environmentOfStack } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { parseInput } from "@/lib/validation";
import { startDriftDetection } from "@/lib/drift/commands";
import { stackNameSchema } from "../../schema";

export const dynamic = "force-dynamic";

/** POST /api/v1/stacks/{name}/drift: starts a drift detection (202 with `drift`, DETECTING); GET the stack for the result. */
export const POST = apiRoute({ access: { requires: "change:preview", environment: environmentOfStack("name") } }, async ({ actor, meta, params }) => {
  const { stackName } = parseInput(stackNameSchema, { stackName: params.name });
  const drift = await startDriftDetection(getDb(), { actor, meta, input: { stackName } });
  return NextResponse.json({ drift }, { status: 202 });
});
