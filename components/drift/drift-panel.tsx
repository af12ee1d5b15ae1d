import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { Tone } from "@/components/ui/tone";
import type { DriftStatus, StackDriftDto } from "@/lib/drift/types";

// The stack page's drift panel: the status, when it was checked, and each drifted resource's expected (template)
// against actual (AWS) values as a diff. Presentational; the page passes the stored result and the button.

const TONE: Record<DriftStatus, Tone> = { IN_SYNC: "green", DRIFTED: "red", DETECTING: "blue", NOT_CHECKED: "grey" };
const LABEL: Record<DriftStatus, string> = { IN_SYNC: "In sync", DRIFTED: "Drifted", DETECTING: "Detecting…", NOT_CHECKED: "Not checked" };

export function DriftStatusBadge({ status }: { status: DriftStatus }) {
  return <Badge tone={TONE[status]}>{LABEL[status]}</Badge>;
}

export function DriftPanel({ drift, failure, action }: { drift: StackDriftDto; failure: { reason: string; at: string } | null; action: ReactNode }) {
  const drifted = drift.resources.filter((r) => r.status === "MODIFIED" || r.status === "DELETED");
  const inSync = drift.resources.filter((r) => r.status === "IN_SYNC").length;
  return (
    <section aria-labelledby="drift" data-testid="drift-panel">
      <div className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-2">
        <h2 id="drift" className="text-base font-semibold">Drift</h2>
        <DriftStatusBadge status={drift.status} />
        <p className="text-xs text-slate-500">
          {drift.checkedAt
            ? <>checked <time dateTime={drift.checkedAt} title={`${drift.checkedAt.slice(0, 19).replace("T", " ")} UTC`}>{drift.checkedAt.slice(0, 16).replace("T", " ")} UTC</time>{drift.resources.length ? ` · ${drifted.length} of ${drift.resources.length} resources differ` : ""}</>
            : drift.status === "DETECTING" ? "CloudFormation is comparing every resource with the template." : "Never checked: CloudFormation compares each resource's actual properties with the template."}
        </p>
        <div className="ml-auto">{action}</div>
      </div>
      {failure ? <p role="alert" className="mb-2 text-sm text-red-700">The last detection failed: {failure.reason}</p> : null}
      {drifted.length ? (
        <ul className="space-y-3">
          {drifted.map((r) => (
            <li key={r.logicalId} className="overflow-hidden rounded-lg border border-slate-200 bg-white">
              <p className="flex items-center gap-2 border-b border-slate-100 bg-slate-50 px-3 py-1.5 text-sm">
                <span className="font-mono text-xs font-semibold">{r.logicalId}</span>
                <Badge tone="red">{r.status}</Badge>
              </p>
              {r.differences.length ? (
                <dl className="divide-y divide-slate-100 font-mono text-xs" aria-label={`Differences of ${r.logicalId}`}>
                  {r.differences.map((d) => (
                    <div key={d.path} className="px-3 py-1.5">
                      <dt className="mb-1 text-slate-500">{d.path}</dt>
                      <dd className="whitespace-pre-wrap break-all rounded bg-red-50 px-2 py-0.5 text-red-800"><span aria-hidden>− </span><span className="sr-only">expected </span>{d.expected}</dd>
                      <dd className="mt-0.5 whitespace-pre-wrap break-all rounded bg-emerald-50 px-2 py-0.5 text-emerald-800"><span aria-hidden>+ </span><span className="sr-only">actual </span>{d.actual}</dd>
                    </div>
                  ))}
                </dl>
              ) : <p className="px-3 py-1.5 text-xs text-slate-600">The resource no longer exists in AWS.</p>}
            </li>
          ))}
        </ul>
      ) : drift.status === "IN_SYNC" ? (
        <p className="text-sm text-slate-600">Every checked resource ({inSync}) matches the template.</p>
      ) : null}
      {drifted.length ? <p className="mt-2 text-xs text-slate-500"><span className="text-red-800">−</span> what the template says · <span className="text-emerald-800">+</span> what the resource has in AWS. An update that changes the resource sets the template&apos;s values again.</p> : null}
    </section>
  );
}
