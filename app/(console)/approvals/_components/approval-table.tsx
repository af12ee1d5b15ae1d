import Link from "next/link";
import type { ApprovalQueueItem } from "@/lib/approvals/types";
import { Badge } from "@/components/ui/badge";

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "");
const money = (n: number | null) => (n === null ? "" : `${n >= 0 ? "+" : "−"}$${Math.abs(n).toFixed(2)}/mo`);

/** Requests as rows linking to their deployment (where the change set, diffs and cost are shown in full). */
export function ApprovalTable({ items, label, decided }: { items: ApprovalQueueItem[]; label: string; decided?: boolean }) {
  return (
    <table aria-label={label} className="min-w-full divide-y divide-slate-200 rounded-lg bg-white text-sm ring-1 ring-slate-200">
      <thead className="text-left text-xs uppercase text-slate-500">
        <tr><th className="px-3 py-2">Change</th><th className="px-3 py-2">Requested by</th><th className="px-3 py-2">Reason</th><th className="px-3 py-2">Approvals</th><th className="px-3 py-2">Cost</th><th className="px-3 py-2">{decided ? "Decided" : "Expires"}</th></tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {items.map((r) => (
          <tr key={r.deploymentId}>
            <td className="px-3 py-2">
              <Link href={`/deployments/${r.deploymentId}`} className="font-medium text-sky-700 hover:underline">{r.action} {r.stackName}</Link>
              <span className="ml-2 text-xs text-slate-500">{r.environment}</span>
            </td>
            <td className="px-3 py-2">{r.requestedBy}</td>
            <td className="max-w-xs truncate px-3 py-2" title={r.reason}>{r.reason}</td>
            <td className="px-3 py-2">
              {decided ? <Badge tone={r.status === "approved" ? "green" : "red"}>{r.status}</Badge> : null} {r.approvals} of {r.approvalsRequired}
            </td>
            <td className="px-3 py-2">{money(r.monthlyDelta)}</td>
            <td className="px-3 py-2 text-slate-600">{when(decided ? r.decidedAt : r.expiresAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
