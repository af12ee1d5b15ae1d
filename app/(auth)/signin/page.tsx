import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionActor } from "@/lib/auth/session";
import { oidcEnabled } from "@/lib/auth/next-auth";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  AccessDenied: "Your account is disabled. Ask an administrator.",
  OidcEmailMissing: "Your identity provider did not share an email address.",
  SessionRequired: "Sign in to continue.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getSessionActor()) redirect(callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-2xl font-semibold tracking-tight">Stackdeck</p>
          <p className="mt-1 text-sm text-slate-600">Sign in to manage your staging and production stacks.</p>
        </div>
        <SignInForm callbackUrl={callbackUrl} sso={oidcEnabled()} initialError={params.error ? ERRORS[params.error] : undefined} />
      </div>
    </main>
  );
}

/** Only same-site paths: a crafted link must not bounce a fresh session to another host. */
function safeCallback(value: string | undefined): string {
  if (!value) return "/";
  try {
    const url = new URL(value, "http://stackdeck.invalid");
    return url.host === "stackdeck.invalid" || value.startsWith(process.env.NEXTAUTH_URL ?? "\0") ? url.pathname + url.search : "/";
  } catch {
    return "/";
  }
}
