import { createHash, randomBytes } from "node:crypto";

// Tokens carry 256 random bits, so a plain SHA-256 is a safe way to store them (no guessing to slow down);
// only the hash and a short prefix (to tell tokens apart in lists) are kept.
const PREFIX = "sdk_";

export function newTokenSecret(): { token: string; hash: string; prefix: string } {
  const token = PREFIX + randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token), prefix: token.slice(0, 12) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikeToken(value: string): boolean {
  return value.startsWith(PREFIX) && value.length > 20 && value.length < 200;
}
