import type { Db } from "../db/client.ts";
import type { Actor } from "../auth/guard.ts";
import { loadActor } from "../auth/actors.ts";
import type { DemoUser } from "./story.ts";

/** The story's people are the seed's demo users (lib/db/seed.ts); null when one is missing or disabled. */
export async function loadDemoActors(db: Db): Promise<Record<DemoUser, Actor> | null> {
  const emails: Record<DemoUser, string> = { deployer: "deployer@example.com", approver: "approver@example.com", admin: "admin@example.com" };
  const entries = await Promise.all(
    Object.entries(emails).map(async ([who, email]) => {
      const user = await db.user.findUnique({ where: { email }, select: { id: true } });
      return [who, user ? await loadActor(db, user.id) : null] as const;
    }),
  );
  if (entries.some(([, actor]) => !actor)) return null;
  return Object.fromEntries(entries) as Record<DemoUser, Actor>;
}
