import type { Db } from "../db/client.ts";
import { ALL_ENVIRONMENTS, type RoleName } from "./roles.ts";
import type { Actor, Grant } from "./guard.ts";

/** An actor whose grants are read now, so a revoked role or a disabled account takes effect on the next request. */
export async function loadActor(db: Db, userId: string, tokenId?: string): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      disabledAt: true,
      grants: { select: { role: true, environment: { select: { key: true } } } },
    },
  });
  if (!user || user.disabledAt) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    ...(tokenId ? { tokenId } : {}),
    grants: user.grants.map(toGrant),
  };
}

export function toGrant(row: { role: RoleName; environment: { key: string } | null }): Grant {
  return { role: row.role, environment: row.environment?.key ?? ALL_ENVIRONMENTS };
}
