import Link from "next/link";

// Our own 404: Next's built-in one styles itself with an inline <style>, which the nonce CSP blocks.
export default function NotFound() {
  return (
    <main className="mx-auto mt-24 max-w-lg rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <h1 className="text-lg font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-slate-600">There is no page at this address. It may have been deleted, or the link is mistyped.</p>
      <Link href="/" className="mt-5 inline-block text-sm text-sky-700 hover:underline">Go to the overview</Link>
    </main>
  );
}
