import { apiRoute } from "@/lib/http/api-route";
import { SIGNED_IN } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { listEnvironmentsApi } from "@/lib/environments/target-queries";

export const dynamic = "force-dynamic";

/** The environments the caller may see, each with its AWS account, region and roles (no secrets). */
export const GET = apiRoute({ access: SIGNED_IN }, async ({ actor }) => listEnvironmentsApi(getDb(), actor));
