import type { Db } from "../db/client.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import { loadActor } from "../auth/actors.ts";
import { hashToken, looksLikeToken } from "./secret.ts";

export interface TokenSummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export function listTokensOf(db: Db, userId: string): Promise<TokenSummary[]> {
  return db.apiToken.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, expiresAt: true, revokedAt: true, lastUsedAt: true },
  });
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** The actor behind a bearer token, or null when it is unknown, revoked, expired or its owner is disabled. */
export async function authenticateToken(db: Db, token: string, now = new Date()): Promise<Actor | null> {
  if (!looksLikeToken(token)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, expiresAt: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  const actor = await loadActor(db, row.userId, row.id);
  if (!actor) return null;
  // Writing on every call would turn each API read into a write; a minute's resolution is enough to see use.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return actor;
}

export type TokenStatus = "active" | "expired" | "revoked";

export interface AdminTokenRow {
  id: string;
  name: string;
  prefix: string;
  owner: { id: string; email: string; disabled: boolean };
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  status: TokenStatus;
}

/** Every user's tokens for the Admin page (never the hash): newest first, plain data for the browser. */
export async function listAllTokens(db: Db, actor: Actor, now = new Date()): Promise<AdminTokenRow[]> {
  assertCan(actor, "users:manage");
  const rows = await db.apiToken.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: {
      id: true, name: true, prefix: true, createdAt: true, expiresAt: true, revokedAt: true, lastUsedAt: true,
      user: { select: { id: true, email: true, disabledAt: true } },
    },
  });
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    owner: { id: t.user.id, email: t.user.email, disabled: t.user.disabledAt !== null },
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    status: t.revokedAt ? "revoked" : t.expiresAt && t.expiresAt <= now ? "expired" : "active",
  }));
}
