import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getDb } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record.ts";
import { signInWithPassword, INVALID_CREDENTIALS } from "./sign-in.ts";
import { provisionOidcUser } from "./oidc.ts";
import { requestMetaOf } from "../http/client-ip.ts";

/** next-auth hands authorize() the request's headers as a plain object. */
function metaFrom(headers: Record<string, unknown> | undefined) {
  return requestMetaOf((name) => {
    const value = headers?.[name];
    return typeof value === "string" ? value : undefined;
  });
}

const credentials = CredentialsProvider({
  id: "credentials",
  name: "Email and password",
  credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
  async authorize(input, req) {
    try {
      const user = await signInWithPassword(getDb(), input, metaFrom(req?.headers));
      if (!user) throw new Error(INVALID_CREDENTIALS);
      return user;
    } catch (error) {
      // next-auth passes the message to the sign-in page; only our own sentences may reach it.
      if (error instanceof AppError || (error instanceof Error && error.message === INVALID_CREDENTIALS)) throw error;
      console.error("sign-in failed", error);
      throw new Error("Sign-in is unavailable right now. Try again shortly.");
    }
  },
});

interface OidcClaims {
  sub: string;
  email?: string;
  name?: string;
  preferred_username?: string;
}

/** Optional single sign-on, enabled only when all three variables are set. */
function oidcProvider(): OAuthConfig<OidcClaims> | null {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = process.env;
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    id: "oidc",
    name: process.env.OIDC_NAME ?? "Single sign-on",
    type: "oauth",
    wellKnown: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (claims) => ({ id: claims.sub, email: claims.email ?? "", name: claims.name ?? claims.preferred_username ?? "" }),
  };
}

export const oidcEnabled = () => oidcProvider() !== null;

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  // Behind HTTPS (the public URL says so) cookies are Secure and __Secure-/__Host- prefixed; proxy.ts's getToken()
  // derives the same cookie name from NEXTAUTH_URL. They are HttpOnly and SameSite=Lax either way.
  useSecureCookies: process.env.NEXTAUTH_URL?.startsWith("https://") ?? false,
  pages: { signIn: "/signin", error: "/signin" },
  providers: [credentials, ...(oidcProvider() ? [oidcProvider()!] : [])],
  callbacks: {
    async signIn({ user, account }) {
      if (account?.provider !== "oidc") return true;
      if (!user.email) return "/signin?error=OidcEmailMissing";
      const id = await provisionOidcUser(getDb(), { subject: account.providerAccountId, email: user.email, name: user.name ?? "" });
      if (!id) return "/signin?error=AccessDenied";
      user.id = id;
      return true;
    },
    async jwt({ token, user }) {
      if (user) token.uid = user.id;
      return token;
    },
    async session({ session, token }) {
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
  events: {
    async signIn({ user, account }) {
      if (account?.provider !== "oidc") return; // password sign-ins are audited with their attempt
      await getDb().$transaction((tx) =>
        recordAudit(tx, { actor: { userId: user.id, email: user.email ?? "", name: user.name ?? "", grants: [] }, action: "auth.sign_in", details: { method: "oidc" } }),
      );
    },
    async signOut({ token }) {
      const uid = typeof token?.uid === "string" ? token.uid : null;
      if (!uid) return;
      const user = await getDb().user.findUnique({ where: { id: uid }, select: { id: true, email: true, name: true } });
      if (!user) return;
      await getDb().$transaction((tx) =>
        recordAudit(tx, { actor: { userId: user.id, email: user.email, name: user.name, grants: [] }, action: "auth.sign_out" }),
      );
    },
  },
};
