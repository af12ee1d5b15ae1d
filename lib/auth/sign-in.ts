import { z } from "zod";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { recordAudit, type RequestMeta } from "../audit/record.ts";
import { verifyAgainstDummy, verifyPassword } from "./password.ts";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().min(1).max(320),
  password: z.string().min(1).max(200),
});

export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES = Number(process.env.SIGNIN_MAX_FAILURES ?? 10);

/** The same sentence whether the account exists, is disabled or the password is wrong. */
export const INVALID_CREDENTIALS = "Invalid email or password.";
export const TOO_MANY_ATTEMPTS = "Too many failed sign-ins. Try again in 15 minutes.";

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
}

/**
 * Checks a password sign-in. Failures are counted per account and per IP over 15 minutes; past the limit every
 * attempt is refused (even a correct one) without checking the password. Every outcome is audited.
 */
export async function signInWithPassword(
  db: Db,
  raw: unknown,
  meta: RequestMeta,
  now = new Date(),
): Promise<SignedInUser | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const ip = meta.ip ?? "unknown";

  if (await isRateLimited(db, email, ip, now)) {
    await db.$transaction((tx) =>
      recordAudit(tx, { actor: { anonymous: email }, action: "auth.sign_in_rate_limited", meta, details: { email } }),
    );
    throw new AppError("rate_limited", TOO_MANY_ATTEMPTS);
  }

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true },
  });
  const ok =
    user?.passwordHash && !user.disabledAt
      ? await verifyPassword(password, user.passwordHash)
      : await verifyAgainstDummy(password);

  await db.$transaction(async (tx) => {
    await tx.signInAttempt.create({ data: { email, ip, succeeded: ok } });
    await recordAudit(tx, {
      actor: ok && user ? { userId: user.id, email: user.email, name: user.name, grants: [] } : { anonymous: email },
      action: ok ? "auth.sign_in" : "auth.sign_in_failed",
      target: user ? { type: "user", id: user.email } : undefined,
      meta,
      details: ok ? { method: "password" } : { email, method: "password" },
    });
  });
  return ok && user ? { id: user.id, email: user.email, name: user.name } : null;
}

async function isRateLimited(db: Db, email: string, ip: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const [byAccount, byIp] = await Promise.all([
    db.signInAttempt.count({ where: { email, succeeded: false, createdAt: { gte: since } } }),
    db.signInAttempt.count({ where: { ip, succeeded: false, createdAt: { gte: since } } }),
  ]);
  return byAccount >= MAX_FAILURES || byIp >= MAX_FAILURES;
}
