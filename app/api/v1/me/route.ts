import { apiRoute } from "@/lib/http/api-route";
import { SIGNED_IN } from "@/lib/auth/authorize-first";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ access: SIGNED_IN }, async ({ actor }) => ({
  email: actor.email,
  name: actor.name,
  grants: actor.grants.map(({ environment, role }) => ({ environment, role })),
}));
