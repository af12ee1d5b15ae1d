import { apiRoute } from "@/lib/http/api-route";
import { environmentField } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { listStacks } from "@/lib/deployments/queries";
import { parseInput } from "@/lib/validation";
import { listStacksQuerySchema } from "./schema";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ access: { requires: "stack:read", environment: environmentField("environment", "staging") } }, async ({ req, actor }) => {
  const query = parseInput(listStacksQuerySchema, Object.fromEntries(req.nextUrl.searchParams));
  const managed = query.managed === undefined ? undefined : query.managed === "true";
  return listStacks(getDb(), actor, query.environment, { cursor: query.cursor, limit: query.limit, managed });
});
