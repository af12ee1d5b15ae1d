import { apiRoute } from "@/lib/http/api-route";
import { getDb } from "@/lib/db/client";
import { testEnvironmentConnection } from "@/lib/environments/test-connection";

export const dynamic = "force-dynamic";

/** Assumes the environment's role and reports GetCallerIdentity and what is known of the service role. */
export const POST = apiRoute({ access: { requires: "environment:configure" } }, async ({ actor, params }) =>
  testEnvironmentConnection(getDb(), { actor, input: { environment: params.key } }));
