import { apiRoute } from "@/lib/http/api-route";
import { SIGNED_IN } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { tokenIdSchema } from "@/lib/tokens/schema";
import { revokeApiToken } from "@/lib/tokens/commands";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute({ access: SIGNED_IN }, async ({ actor, params, meta }) => {
  const { tokenId } = parseInput(tokenIdSchema, { tokenId: params.id });
  await revokeApiToken(getDb(), { actor, tokenId, meta });
  return { revoked: tokenId };
});
