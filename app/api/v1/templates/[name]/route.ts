import { apiRoute } from "@/lib/http/api-route";
import { environmentField } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { getEnvironmentByKey } from "@/lib/environments/queries";
import { getTemplateDetail } from "@/lib/templates/detail";
import { parseInput } from "@/lib/validation";
import { environmentQuerySchema } from "../schema";

export const dynamic = "force-dynamic";

/** One template in an environment: parameters (with the environment's value and who may change it), resources, outputs, estimate. */
export const GET = apiRoute({ access: { requires: "stack:read", environment: environmentField("environment", "staging") } }, async ({ req, actor, params }) => {
  const { environment } = parseInput(environmentQuerySchema, Object.fromEntries(req.nextUrl.searchParams));
  const db = getDb();
  const detail = await getTemplateDetail(db, actor, params.name ?? "", await getEnvironmentByKey(db, environment));
  return {
    ...detail.entry,
    environment,
    parameters: detail.parameters.map((p) => ({
      name: p.name,
      type: p.spec.Type,
      description: p.spec.Description ?? null,
      allowedValues: p.spec.AllowedValues ?? null,
      default: p.spec.NoEcho ? "****" : (p.spec.Default ?? null),
      environmentValue: p.spec.NoEcho && p.environmentValue !== null ? "****" : p.environmentValue,
      userMayChange: p.changeableBy === "deployers",
      bounds: p.bound,
    })),
    resources: detail.resources,
    outputs: detail.outputs,
    estimate: detail.estimate,
    versions: detail.versions.map(({ id, sha256, createdAt, valid, current }) => ({ id, sha256, createdAt, valid, current })),
  };
});
