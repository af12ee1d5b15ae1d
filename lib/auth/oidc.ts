import type { Db } from "../db/client.ts";
import { recordAudit } from "../audit/record.ts";

export interface OidcProfile {
  subject: string;
  email: string;
  name: string;
}

/**
 * Finds or creates the user behind an OIDC sign-in. New users get the viewer role for every environment until an
 * admin grants more. An existing password account with the same email is linked. Disabled users are refused (null).
 */
export async function provisionOidcUser(db: Db, profile: OidcProfile): Promise<string | null> {
  const email = profile.email.trim().toLowerCase();
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findFirst({
      where: { OR: [{ oidcSubject: profile.subject }, { email }] },
      select: { id: true, disabledAt: true, oidcSubject: true },
    });
    if (existing?.disabledAt) return null;
    if (existing) {
      if (!existing.oidcSubject) await tx.user.update({ where: { id: existing.id }, data: { oidcSubject: profile.subject } });
      return existing.id;
    }
    const user = await tx.user.create({
      data: { email, name: profile.name || email, oidcSubject: profile.subject },
      select: { id: true },
    });
    await tx.roleGrant.create({ data: { userId: user.id, environmentId: null, role: "viewer" } });
    await recordAudit(tx, { actor: "system", action: "user.created", target: { type: "user", id: email }, details: { via: "oidc" } });
    await recordAudit(tx, { actor: "system", action: "role.granted", target: { type: "user", id: email }, details: { role: "viewer", scope: "*" } });
    return user.id;
  });
}
