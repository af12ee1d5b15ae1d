"use client";

import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { Notice } from "@/components/ui/notice";
import { buttonClass, inputClass } from "@/components/ui/button";

const FALLBACK = "Invalid email or password.";

export function SignInForm({ callbackUrl, sso, initialError }: { callbackUrl: string; sso: boolean; initialError?: string }) {
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    const form = new FormData(event.currentTarget);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    setError(result?.error && result.error !== "CredentialsSignin" ? result.error : FALLBACK);
  }

  return (
    <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <div>
          <label htmlFor="email" className="mb-1 block text-sm font-medium">Email</label>
          <input id="email" name="email" type="email" autoComplete="username" required maxLength={320} className={inputClass} autoFocus />
        </div>
        <div>
          <label htmlFor="password" className="mb-1 block text-sm font-medium">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required maxLength={200} className={inputClass} />
        </div>
        {error ? <Notice tone="red">{error}</Notice> : null}
        <button type="submit" className={`${buttonClass("primary")} w-full`} disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {sso ? (
        <button type="button" className={`${buttonClass("secondary")} w-full`} onClick={() => signIn("oidc", { callbackUrl })}>
          Sign in with single sign-on
        </button>
      ) : null}
    </div>
  );
}
