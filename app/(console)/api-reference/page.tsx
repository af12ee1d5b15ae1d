import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { API_OPERATIONS } from "@/app/api/v1/_openapi/operations";
import { ERROR_CODES, errorMeaning, statusOf } from "@/app/api/v1/_openapi/document";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { anchorOf, OperationSection } from "./_components/operation-section";

export const metadata: Metadata = { title: "API reference" };

/** The v1 API for people: generated from the same operations as /api/v1/openapi.json, so both say the same. */
export default async function ApiReferencePage() {
  await requireActor();
  const tags = [...new Set(API_OPERATIONS.map((op) => op.tag))];
  return (
    <>
      <PageHeader
        title="API reference"
        description={<>Every console action for CI and scripts, under <code className="font-mono">/api/v1</code>. Machine-readable: <a href="/api/v1/openapi.json" className="text-sky-700 hover:underline">openapi.json</a> (OpenAPI 3.1). For pipelines, <code className="font-mono">npx stackdeck deploy</code> wraps these calls.</>}
      />
      <div className="grid gap-6 xl:grid-cols-[16rem_1fr]">
        <nav aria-label="Endpoints" className="text-sm xl:sticky xl:top-4 xl:self-start">
          {tags.map((tag) => (
            <div key={tag} className="mb-3">
              <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{tag}</p>
              <ul className="mt-1 space-y-0.5">
                {API_OPERATIONS.filter((op) => op.tag === tag).map((op) => (
                  <li key={anchorOf(op)}><a href={`#${anchorOf(op)}`} className="font-mono text-xs text-sky-700 hover:underline">{op.method.toUpperCase()} {op.path.replace("/api/v1", "")}</a></li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <div className="min-w-0 space-y-8">
          <section aria-labelledby="auth" className="space-y-2 text-sm text-slate-700">
            <h2 id="auth" className="text-base font-semibold text-slate-900">Authentication</h2>
            <p>Send an API token as <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>; create one on <Link href="/settings/tokens" className="text-sky-700 hover:underline">API tokens</Link>. A token acts with your roles, per environment; the browser&apos;s session works too. Permission is checked before the input: a forbidden call answers 403 whatever it sends.</p>
            <p>Bodies are JSON (<code className="font-mono">Content-Type: application/json</code>, at most 64 KiB). Lists page by keyset: pass <code className="font-mono">nextCursor</code> back.</p>
          </section>
          <section aria-labelledby="errors" className="space-y-2">
            <h2 id="errors" className="text-base font-semibold">Errors</h2>
            <p className="text-sm text-slate-700">Always <code className="font-mono">{`{ "error": { "code", "message", "fields"? } }`}</code>: a stable code to branch on, a sentence for a person, and per-field messages for invalid input.</p>
            <Table caption="Error codes" head={<><Th>Status</Th><Th>Code</Th><Th>Meaning</Th></>}>
              {ERROR_CODES.map((code) => (
                <tr key={code}><Td className="font-mono text-xs">{statusOf(code)}</Td><Td className="font-mono text-xs">{code}</Td><Td className="text-xs">{errorMeaning(code)}</Td></tr>
              ))}
            </Table>
          </section>
          {tags.map((tag) => (
            <section key={tag} aria-labelledby={`tag-${tag}`} className="space-y-3">
              <h2 id={`tag-${tag}`} className="text-base font-semibold">{tag}</h2>
              {API_OPERATIONS.filter((op) => op.tag === tag).map((op) => <OperationSection key={anchorOf(op)} op={op} />)}
            </section>
          ))}
        </div>
      </div>
    </>
  );
}
