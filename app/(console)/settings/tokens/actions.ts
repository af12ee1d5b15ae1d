"use server";

import { authorizedAction } from "@/lib/auth/action";
import { SIGNED_IN } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { createTokenSchema, tokenIdSchema } from "@/lib/tokens/schema";
import { createApiToken, revokeApiToken } from "@/lib/tokens/commands";

export const createTokenAction = authorizedAction(
  createTokenSchema,
  async (input, { actor, meta }) => {
    const created = await createApiToken(getDb(), { actor, ownerId: actor.userId, input, meta });
    return { message: `Token "${created.name}" created. Copy it now: it will not be shown again.`, data: { token: created.token } };
  },
  { access: SIGNED_IN, revalidate: "/settings/tokens" },
);

export const revokeTokenAction = authorizedAction(
  tokenIdSchema,
  async ({ tokenId }, { actor, meta }) => {
    await revokeApiToken(getDb(), { actor, tokenId, meta });
    return { message: "Token revoked." };
  },
  { access: SIGNED_IN, revalidate: "/settings/tokens" },
);
