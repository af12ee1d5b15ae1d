import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

// A webhook's signing secret must be read back to sign, so it cannot be hashed like an API token: it is encrypted
// (AES-256-GCM) with a key that lives outside the database, NOTIFICATIONS_SECRET_KEY, else one derived from
// AUDIT_HMAC_KEY (always set, also outside the database). Whoever can only read the database learns nothing.

const VERSION = "v1";

function key(env: NodeJS.ProcessEnv = process.env): Buffer {
  const raw = env.NOTIFICATIONS_SECRET_KEY || env.AUDIT_HMAC_KEY;
  if (!raw) throw new Error("NOTIFICATIONS_SECRET_KEY (or AUDIT_HMAC_KEY) is not set: webhook secrets cannot be stored");
  return createHmac("sha256", raw).update("stackdeck notification secrets v1").digest();
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

export function decryptSecret(stored: string): string {
  const [version, iv, tag, data] = stored.split(".");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error("unreadable webhook secret");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/** A secret for a webhook created without one: shown once, in the creation's response. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64url")}`;
}

/** `sha256=<hex HMAC-SHA256 of the raw body>`: the X-Stackdeck-Signature header. */
export function signBody(secret: string, rawBody: string): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody, "utf8").digest("hex")}`;
}
