import { apiRoute } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({}, async ({ actor }) => ({
  email: actor.email,
  name: actor.name,
  grants: actor.grants.map(({ environment, role }) => ({ environment, role })),
}));
