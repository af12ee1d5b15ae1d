import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { SIGNED_IN } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { createTokenSchema } from "@/lib/tokens/schema";
import { createApiToken } from "@/lib/tokens/commands";
import { listTokensOf } from "@/lib/tokens/queries";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ access: SIGNED_IN }, async ({ actor }) => ({ items: await listTokensOf(getDb(), actor.userId) }));

/** Creates a token for the caller; the secret is in this response only. */
export const POST = apiRoute({ access: SIGNED_IN, body: createTokenSchema }, async ({ actor, body, meta }) => {
  const created = await createApiToken(getDb(), { actor, ownerId: actor.userId, input: body, meta });
  return NextResponse.json(created, { status: 201 });
});
