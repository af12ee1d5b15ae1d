import type { ApprovalView } from "@/lib/approvals/types";
import { Badge } from "@/components/ui/badge";
import { DecisionForm } from "./decision-form";

const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/** The approval request: who asked and why, until when, and the decisions so far; Approve / Reject for approvers. */
export function ApprovalPanel({ approval, canDecide }: { approval: ApprovalView; canDecide: boolean }) {
  const tone = approval.status === "approved" ? "green" : approval.status === "rejected" ? "red" : "amber";
  return (
    <section aria-labelledby="approval" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="approval" className="text-base font-semibold">Approval request</h2>
        <Badge tone={approval.expired && approval.status === "pending" ? "grey" : tone}>
          {approval.expired && approval.status === "pending" ? "expired" : approval.status}
        </Badge>
        <span data-testid="approval-count" className="text-sm text-slate-600">{approval.approvals} of {approval.approvalsRequired} approvals</span>
      </div>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">Requested by</dt><dd>{approval.requestedBy} on {when(approval.createdAt)}</dd>
        <dt className="text-slate-500">Reason</dt><dd>{approval.reason}</dd>
        <dt className="text-slate-500">Valid until</dt><dd>{when(approval.expiresAt)}</dd>
      </dl>
      {approval.decisions.length ? (
        <ul className="space-y-1 text-sm">
          {approval.decisions.map((d) => (
            <li key={d.by + d.at}>
              <Badge tone={d.approved ? "green" : "red"}>{d.approved ? "approved" : "rejected"}</Badge> {d.by}: “{d.comment}” <span className="text-slate-500">{when(d.at)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {canDecide ? <DecisionForm deploymentId={approval.deploymentId} /> : null}
    </section>
  );
}
