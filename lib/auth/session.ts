import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "../db/client.ts";
import type { RequestMeta } from "../audit/record.ts";
import { authOptions } from "./next-auth.ts";
import { loadActor } from "./actors.ts";
import { requestMetaOf } from "../http/client-ip.ts";
import type { Actor } from "./guard.ts";

/** The signed-in user with grants read now, or null (no session, or the account was disabled since). */
export async function getSessionActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  return userId ? loadActor(getDb(), userId) : null;
}

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
