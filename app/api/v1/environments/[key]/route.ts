import { apiRoute } from "@/lib/http/api-route";
import { getDb } from "@/lib/db/client";
import { updateEnvironmentTarget } from "@/lib/environments/target-commands";
import { environmentTargetBodySchema } from "../schema";

export const dynamic = "force-dynamic";

/** An admin sets the environment's AWS target (account, region, roles); audited as environment.target_updated. */
export const PUT = apiRoute({ access: { requires: "environment:configure" }, body: environmentTargetBodySchema }, async ({ actor, params, meta, body }) => {
  const target = await updateEnvironmentTarget(getDb(), { actor, meta, input: { ...body, environment: params.key } });
  const { environmentId: _id, ...dto } = target;
  return { ...dto, externalId: undefined, externalIdSet: target.externalId !== null };
});
