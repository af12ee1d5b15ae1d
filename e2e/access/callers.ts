import { randomBytes } from "node:crypto";
import type { Db } from "../../lib/db/client";
import { createUser, setUserDisabled } from "../../lib/users/commands";
import { createApiToken, revokeApiToken } from "../../lib/tokens/commands";
import { ROLES, type RoleName } from "../../lib/auth/roles";
import type { Caller } from "../../lib/auth/access-table";
import { passwordSignIn } from "../support/credentials";

const PASSWORD = "matrix password, long enough";

/** One kind of caller with what it authenticates with: a bearer token for the API, a session cookie for actions. */
export interface MatrixCaller {
  label: string;
  caller: Caller;
  userId: string | null;
  token: string | null;
  cookie: string | null;
  /** Revoked and expired tokens exist only for the API (server actions take sessions). */
  apiOnly: boolean;
}

async function user(db: Db, label: string, role: RoleName, environment: "*" | "staging") {
  const email = `matrix-${label.replace(/\W+/g, "-")}-${randomBytes(3).toString("hex")}@example.com`;
  const { id } = await createUser(db, { actor: "system", input: { email, name: `Matrix ${label}`, password: PASSWORD, role, environment } });
  const { token } = await createApiToken(db, { actor: "system", ownerId: id, input: { name: "matrix", expiresInDays: 1 } });
  return { id, email, token };
}

async function sessionCookie(baseUrl: string, email: string): Promise<string> {
  const signIn = await passwordSignIn(baseUrl, email, PASSWORD);
  if (!signIn.signedIn) throw new Error(`matrix caller ${email} could not sign in: ${signIn.error}`);
  const cookie = signIn.setCookies.map((c) => c.split(";")[0]!).find((c) => c.includes("next-auth.session-token="));
  if (!cookie) throw new Error(`no session cookie for ${email}`);
  return cookie;
}

/**
 * Every caller of the matrix: each role for all environments and for staging only, then credentials that must
 * stop working: a user disabled after signing in (session and token), a revoked token, an expired one, nothing.
 */
export async function setUpCallers(db: Db, baseUrl: string): Promise<MatrixCaller[]> {
  const callers: MatrixCaller[] = [];
  for (const grant of ["*", "staging"] as const) {
    for (const role of ROLES) {
      const u = await user(db, `${role}-${grant === "*" ? "all" : grant}`, role, grant);
      callers.push({ label: `${role} (${grant === "*" ? "all environments" : "staging only"})`, caller: { role, grant }, userId: u.id, token: u.token, cookie: await sessionCookie(baseUrl, u.email), apiOnly: false });
    }
  }
  const disabled = await user(db, "disabled", "admin", "*");
  const disabledCookie = await sessionCookie(baseUrl, disabled.email);
  await setUserDisabled(db, { actor: "system", input: { email: disabled.email, disabled: true } });
  callers.push({ label: "disabled user", caller: { dead: "disabled user" }, userId: disabled.id, token: disabled.token, cookie: disabledCookie, apiOnly: false });

  const holder = await user(db, "token-holder", "admin", "*");
  const revoked = await createApiToken(db, { actor: "system", ownerId: holder.id, input: { name: "revoked", expiresInDays: 1 } });
  await revokeApiToken(db, { actor: "system", tokenId: revoked.id });
  callers.push({ label: "revoked token", caller: { dead: "revoked token" }, userId: holder.id, token: revoked.token, cookie: null, apiOnly: true });
  const expired = await createApiToken(db, { actor: "system", ownerId: holder.id, input: { name: "expired", expiresInDays: 1 } });
  await db.apiToken.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
  callers.push({ label: "expired token", caller: { dead: "expired token" }, userId: holder.id, token: expired.token, cookie: null, apiOnly: true });

  callers.push({ label: "no credentials", caller: { dead: "no credentials" }, userId: null, token: null, cookie: null, apiOnly: false });
  return callers;
}
