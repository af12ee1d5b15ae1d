import Link from "next/link";
import type { PlanDto } from "@/lib/plans/types";
import { PlanStackStatusBadge } from "./status";

// The plan's stacks as a table: what each does, its changes and cost, data stores it replaces (in red), why it
// is planned the way it is, and in a promotion what differs from the source environment.

export function PlanStacks({ plan }: { plan: PlanDto }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">Stack</th>
            <th scope="col" className="px-3 py-2">Action</th>
            <th scope="col" className="px-3 py-2">Status</th>
            <th scope="col" className="px-3 py-2">Changes</th>
            <th scope="col" className="px-3 py-2">Cost / month</th>
            <th scope="col" className="px-3 py-2">Notes{plan.from ? ` · differences from ${plan.from}` : ""}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {plan.stacks.map((s) => (
            <tr key={s.template} data-testid={`plan-stack-${s.template}`}>
              <td className="px-3 py-2 font-medium">{s.deploymentId ? <Link href={`/deployments/${s.deploymentId}`} className="text-sky-700 hover:underline">{s.name}</Link> : s.name}</td>
              <td className="px-3 py-2">{s.action === "none" ? "no change" : s.action}</td>
              <td className="px-3 py-2"><PlanStackStatusBadge status={s.status} /></td>
              <td className="px-3 py-2">
                {s.changes ? `${s.changes} resources` : "—"}
                {s.dataStoreReplacements.length ? <span className="ml-1 font-medium text-red-700">replaces data store {s.dataStoreReplacements.join(", ")}</span> : null}
              </td>
              <td className="px-3 py-2">{s.monthlyDelta === null ? "—" : `${s.monthlyDelta >= 0 ? "+" : "−"}$${Math.abs(s.monthlyDelta).toFixed(2)}`}</td>
              <td className="px-3 py-2 text-slate-600">
                {s.note ? <p>{s.note}</p> : null}
                {s.reason ? <p className="text-red-700">{s.reason}</p> : null}
                {s.differences.length ? (
                  <ul className="mt-1 space-y-0.5 text-xs">
                    {s.differences.map((d) => <li key={d.name}><span className="font-mono">{d.name}</span>: {d.from ?? "—"} → <span className="font-medium text-slate-900">{d.to ?? "—"}</span></li>)}
                  </ul>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
