import { apiRoute } from "@/lib/http/api-route";
import { environmentField } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { getEnvironmentByKey } from "@/lib/environments/queries";
import { listCatalog } from "@/lib/templates/queries";
import { parseInput } from "@/lib/validation";
import { environmentQuerySchema } from "./schema";

export const dynamic = "force-dynamic";

/** The catalog for an environment (?environment=staging|production): each template with its monthly estimate. */
export const GET = apiRoute({ access: { requires: "stack:read", environment: environmentField("environment", "staging") } }, async ({ req, actor }) => {
  const { environment } = parseInput(environmentQuerySchema, Object.fromEntries(req.nextUrl.searchParams));
  const db = getDb();
  const env = await getEnvironmentByKey(db, environment);
  return { environment: env.key, items: await listCatalog(db, actor, env) };
});
