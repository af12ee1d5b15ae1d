import { apiRoute } from "@/lib/http/api-route";
import { SIGNED_IN } from "@/lib/auth/authorize-first";
import { buildOpenApiDocument } from "../_openapi/document";

export const dynamic = "force-dynamic";

/** GET /api/v1/openapi.json: this API as OpenAPI 3.1, generated from the zod schemas the routes parse with. */
// Built once per process: it depends only on the code.
let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const GET = apiRoute({ access: SIGNED_IN }, async () => (document ??= buildOpenApiDocument()));
