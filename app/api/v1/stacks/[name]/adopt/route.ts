import { apiRoute } from "@/lib/http/api-route";
import { environmentOfStack } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { adoptStack } from "@/lib/stacks/discovery/adopt";
import { adoptBodySchema } from "../../schema";

export const dynamic = "force-dynamic";

/** An admin adopts an unmanaged stack as a catalog template's stack, or gets 409 with the reason. */
export const POST = apiRoute({ access: { requires: "stack:adopt", environment: environmentOfStack("name") }, body: adoptBodySchema }, async ({ actor, params, meta, body }) =>
  adoptStack(getDb(), { actor, meta, input: { stackName: params.name, template: body.template } }));
