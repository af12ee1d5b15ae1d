import type { Db } from "../db/client.ts";
import { forbidden, notFound } from "../errors.ts";
import { can, type Principal } from "../auth/guard.ts";
import { recordAudit, type RequestMeta } from "../audit/record.ts";
import type { CreateTokenInput } from "./schema.ts";
import { newTokenSecret } from "./secret.ts";

const DAY_MS = 86_400_000;

export interface CreatedToken {
  id: string;
  token: string; // shown once, never stored
  name: string;
  expiresAt: Date | null;
}

/** Creates a token for `ownerId`: users for themselves, admins (and the CLI) for anyone. */
export async function createApiToken(
  db: Db,
  { actor, ownerId, input, meta }: { actor: Principal; ownerId: string; input: CreateTokenInput; meta?: RequestMeta },
): Promise<CreatedToken> {
  assertOwnerOrAdmin(actor, ownerId);
  const secret = newTokenSecret();
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * DAY_MS) : null;
  return db.$transaction(async (tx) => {
    const owner = await tx.user.findUnique({ where: { id: ownerId }, select: { email: true, disabledAt: true } });
    if (!owner || owner.disabledAt) throw notFound("That user");
    const row = await tx.apiToken.create({
      data: { userId: ownerId, name: input.name, tokenHash: secret.hash, prefix: secret.prefix, expiresAt },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor,
      action: "token.created",
      target: { type: "token", id: row.id },
      meta,
      details: { owner: owner.email, tokenName: input.name, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return { id: row.id, token: secret.token, name: input.name, expiresAt };
  });
}

export async function revokeApiToken(
  db: Db,
  { actor, tokenId, meta }: { actor: Principal; tokenId: string; meta?: RequestMeta },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({
      where: { id: tokenId },
      select: { userId: true, revokedAt: true, name: true, user: { select: { email: true } } },
    });
    if (!token) throw notFound("That token");
    assertOwnerOrAdmin(actor, token.userId);
    if (token.revokedAt) return;
    await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      actor,
      action: "token.revoked",
      target: { type: "token", id: tokenId },
      meta,
      details: { owner: token.user.email, tokenName: token.name },
    });
  });
}

function assertOwnerOrAdmin(actor: Principal, ownerId: string): void {
  if (actor === "system" || actor.userId === ownerId) return;
  if (!can(actor, "users:manage")) throw forbidden("You can only manage your own tokens.");
}
