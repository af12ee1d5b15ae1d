import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "../db/client.ts";
import type { RequestMeta } from "../audit/record.ts";
import { authOptions } from "./next-auth.ts";
import { loadActor } from "./actors.ts";
import { requestMetaOf } from "../http/client-ip.ts";
import type { Actor } from "./guard.ts";

/**
 * The signed-in user with grants read now, or null (no session, or the account was disabled since). Once per
 * request: the layout, the page and its panels all ask, and React's cache() gives them the first answer (one
 * cookie decryption and one role read per page view; nothing is kept between requests, so a revoked role still
 * takes effect on the next one). Outside a server render (route handlers) it simply runs each time.
 */
export const getSessionActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  return userId ? loadActor(getDb(), userId) : null;
});

/** For pages: the signed-in actor, or a redirect to the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const actor = await getSessionActor();
  if (!actor) redirect("/signin");
  return actor;
}

export async function requestMeta(): Promise<RequestMeta> {
  const h = await headers();
  return requestMetaOf((name) => h.get(name));
}
