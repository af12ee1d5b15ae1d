import type { Db } from "../db/client.ts";
import { assertCan, type Actor, type Grant } from "../auth/guard.ts";
import { toGrant } from "../auth/actors.ts";

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  disabled: boolean;
  sso: boolean;
  createdAt: Date;
  grants: Grant[];
}

export async function listUsers(db: Db, actor: Actor): Promise<UserSummary[]> {
  assertCan(actor, "users:manage");
  const rows = await db.user.findMany({
    orderBy: { email: "asc" },
    select: {
      id: true,
      email: true,
      name: true,
      disabledAt: true,
      oidcSubject: true,
      createdAt: true,
      grants: { select: { role: true, environment: { select: { key: true } } }, orderBy: { createdAt: "asc" } },
    },
  });
  return rows.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    disabled: u.disabledAt !== null,
    sso: u.oidcSubject !== null,
    createdAt: u.createdAt,
    grants: u.grants.map(toGrant),
  }));
}
