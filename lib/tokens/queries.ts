import type { Db } from "../db/client.ts";
import type { Actor } from "../auth/guard.ts";
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
