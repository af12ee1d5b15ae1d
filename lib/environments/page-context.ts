import "server-only";
import { cache } from "react";
import { requireActor } from "../auth/session.ts";
import type { Actor } from "../auth/guard.ts";
import { getDb } from "../db/client.ts";
import { listEnvironments, type EnvironmentSummary } from "./queries.ts";
import { pickEnvironment } from "./selection.ts";

export interface PageContext {
  actor: Actor;
  environment: EnvironmentSummary | null;
}

/** The environments, read once per request however many server components ask (the shell and the page both do). */
export const requestEnvironments = cache((): Promise<EnvironmentSummary[]> => listEnvironments(getDb()));

/** What every environment-scoped console page starts with: who is looking, and at which environment. */
export async function environmentPage(searchParams: Promise<Record<string, string | string[] | undefined>>): Promise<PageContext> {
  const actor = await requireActor();
  const requested = (await searchParams).env;
  const environment = pickEnvironment(actor, await requestEnvironments(), typeof requested === "string" ? requested : undefined);
  return { actor, environment };
}
