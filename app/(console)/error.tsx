"use client";

import { buttonClass } from "@/components/ui/button";

// Our own error boundary inside the console shell: Next's built-in one injects an inline <style> that the nonce CSP
// (proxy.ts) blocks, so a failed request (a dropped connection during a server action, a server error) would show
// an unstyled page without the navigation. This keeps the shell and offers the way on.
export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section role="alert" className="rounded-lg border border-red-200 bg-white px-6 py-12 text-center">
      <h2 className="text-base font-semibold text-slate-900">This page could not be shown</h2>
      <p className="mx-auto mt-2 max-w-xl text-sm text-slate-600">
        {/network|fetch/i.test(error.message) ? "The console could not be reached. Check your connection and try again." : "Something went wrong on the server. Nothing you entered was applied."}
        {error.digest ? <span className="mt-1 block font-mono text-xs text-slate-500">Reference {error.digest} (in the server log)</span> : null}
      </p>
      <div className="mt-5 flex justify-center">
        <button type="button" onClick={reset} className={buttonClass("primary")}>Try again</button>
      </div>
    </section>
  );
}
