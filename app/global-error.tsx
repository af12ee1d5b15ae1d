"use client";

import "./globals.css";

// Replaces the root layout when it fails. Next's built-in version uses an inline <style>, which the nonce CSP blocks.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <main role="alert" className="mx-auto mt-24 max-w-lg rounded-lg border border-red-200 bg-white px-6 py-10 text-center">
          <h1 className="text-lg font-semibold">Stackdeck could not show this page</h1>
          <p className="mt-2 text-sm text-slate-600">Something went wrong on the server. Nothing you entered was applied.</p>
          {error.digest ? <p className="mt-1 font-mono text-xs text-slate-500">Reference {error.digest} (in the server log)</p> : null}
          <button type="button" onClick={reset} className="mt-5 rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700">Try again</button>
        </main>
      </body>
    </html>
  );
}
