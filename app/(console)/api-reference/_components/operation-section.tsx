import type { ApiOperation } from "@/app/api/v1/_openapi/operation";
import { jsonSchema, queryParameters, statusOf, errorMeaning } from "@/app/api/v1/_openapi/document";
import { typeOf, fieldRows } from "./fields";
import { FieldsTable } from "./fields-table";
import { Table, Td, Th } from "@/components/ui/table";

const METHOD_TONE: Record<ApiOperation["method"], string> = {
  get: "bg-sky-100 text-sky-800", post: "bg-emerald-100 text-emerald-800", put: "bg-amber-100 text-amber-800", delete: "bg-red-100 text-red-800",
};

export const anchorOf = (op: ApiOperation) => `${op.method}-${op.path.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "")}`;

/** One endpoint: what it does, who may call it, its parameters, body (with examples), response and errors. */
export function OperationSection({ op }: { op: ApiOperation }) {
  const params = [
    ...Object.entries(op.pathParams ?? {}).map(([name, p]) => ({ name, where: "path", required: true, type: typeOf(jsonSchema(p.schema, "input")), description: p.description })),
    ...(op.query ? queryParameters(op.query).map((p) => ({ name: p.name, where: "query", required: p.required, type: typeOf(p.schema), description: p.description ?? (p.schema.default !== undefined ? `default ${JSON.stringify(p.schema.default)}` : "") })) : []),
  ];
  return (
    <section id={anchorOf(op)} aria-labelledby={`${anchorOf(op)}-title`} className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4">
      <h3 id={`${anchorOf(op)}-title`} className="flex flex-wrap items-center gap-2 font-mono text-sm">
        <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${METHOD_TONE[op.method]}`}>{op.method.toUpperCase()}</span>{" "}
        <span className="font-semibold">{op.path}</span>{" "}
        <span className="font-sans font-normal text-slate-600">— {op.summary}</span>
      </h3>
      {op.description ? <p className="mt-2 max-w-4xl text-sm text-slate-700">{op.description}</p> : null}
      <p className="mt-1 text-xs text-slate-600"><span className="font-medium">Access:</span> {op.access}</p>
      <div className="mt-3 space-y-3">
        {params.length ? (
          <Table caption={`Parameters of ${op.method.toUpperCase()} ${op.path}`} head={<><Th>Parameter</Th><Th>In</Th><Th>Type</Th><Th>Required</Th><Th>Notes</Th></>}>
            {params.map((p) => (
              <tr key={`${p.where}-${p.name}`}>
                <Td className="font-mono text-xs">{p.name}</Td><Td className="text-xs">{p.where}</Td><Td className="font-mono text-xs text-slate-600">{p.type}</Td>
                <Td className="text-xs">{p.required ? "yes" : "—"}</Td><Td className="text-xs text-slate-600">{p.description}</Td>
              </tr>
            ))}
          </Table>
        ) : null}
        {op.body ? (
          <details open>
            <summary className="cursor-pointer text-sm font-medium">Request body (JSON){op.body.optional ? ", may be omitted" : ""}</summary>
            <div className="mt-2 space-y-2">
              <FieldsTable caption={`Request body of ${op.method.toUpperCase()} ${op.path}`} rows={fieldRows(jsonSchema(op.body.schema, "input"))} />
              {Object.entries(op.body.examples).map(([name, e]) => (
                <figure key={name}>
                  <figcaption className="text-xs text-slate-600">Example: {e.summary}</figcaption>
                  <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(e.value, null, 2)}</pre>
                </figure>
              ))}
            </div>
          </details>
        ) : null}
        <details>
          <summary className="cursor-pointer text-sm font-medium">Response {op.success.status}: {op.success.description}</summary>
          <div className="mt-2 space-y-2">
            {op.success.schema ? <FieldsTable caption={`Response of ${op.method.toUpperCase()} ${op.path}`} rows={fieldRows(jsonSchema(op.success.schema, "output"))} showRequired={false} /> : null}
            {Object.entries(op.success.alternatives ?? {}).map(([type, alt]) => <p key={type} className="text-xs text-slate-600"><code className="font-mono">{type}</code>: {alt.description}</p>)}
          </div>
        </details>
        <p className="text-xs text-slate-600">
          <span className="font-medium">Errors:</span>{" "}
          {op.errors.map((c, i) => <span key={c} title={errorMeaning(c)}>{i ? ", " : ""}<code className="font-mono">{statusOf(c)} {c}</code></span>)}
        </p>
      </div>
    </section>
  );
}
