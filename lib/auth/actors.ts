import type { Db } from "../db/client.ts";
import { ALL_ENVIRONMENTS, type RoleName } from "./roles.ts";
import type { Actor, Grant } from "./guard.ts";

/**
 * An actor whose grants are read now, so a revoked role or a disabled account takes effect on the next request.
 * One statement (every page and API call makes it): the user with its grants and their environments aggregated.
 */
export async function loadActor(db: Db, userId: string, tokenId?: string): Promise<Actor | null> {
  if (!UUID.test(userId)) return null;
  const [user] = await db.$queryRaw<{ id: string; email: string; name: string; grants: { role: RoleName; environment: string | null }[] }[]>`
    SELECT u.id::text AS id, u.email, u.name,
      coalesce(json_agg(json_build_object('role', g.role, 'environment', e.key)) FILTER (WHERE g.id IS NOT NULL), '[]') AS grants
    FROM users u
    LEFT JOIN role_grants g ON g.user_id = u.id
    LEFT JOIN environments e ON e.id = g.environment_id
    WHERE u.id = ${userId}::uuid AND u.disabled_at IS NULL
    GROUP BY u.id`;
  if (!user) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    ...(tokenId ? { tokenId } : {}),
    grants: user.grants.map((g) => toGrant({ role: g.role, environment: g.environment === null ? null : { key: g.environment } })),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toGrant(row: { role: RoleName; environment: { key: string } | null }): Grant {
  return { role: row.role, environment: row.environment?.key ?? ALL_ENVIRONMENTS };
}
