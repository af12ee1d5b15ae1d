import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listApprovalPolicies } from "@/lib/approvals/policy";
import { listDecidedApprovals, listPendingApprovals } from "@/lib/approvals/queries";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { ApprovalTable } from "./_components/approval-table";
import { PolicyForm } from "./_components/policy-form";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const actor = await requireActor();
  const db = getDb();
  const isAdmin = can(actor, "users:manage");
  const [pending, decided, policies] = await Promise.all([
    listPendingApprovals(db, actor),
    listDecidedApprovals(db, actor),
    isAdmin ? listApprovalPolicies(db, actor) : Promise.resolve([]),
  ]);
  return (
    <>
      <PageHeader title="Approvals" description="Changes waiting for a second pair of eyes that you may decide, and the decisions already made." />
      <div className="space-y-8">
        <section aria-labelledby="pending" className="space-y-2">
          <h2 id="pending" className="text-base font-semibold">Waiting for you ({pending.length})</h2>
          {pending.length ? (
            <ApprovalTable items={pending} label="Pending approval requests" />
          ) : (
            <EmptyState title="Nothing is waiting for your approval">
              When someone requests a change in an environment where you are an approver, it appears here with its change set, cost delta and reason.
            </EmptyState>
          )}
        </section>
        <section aria-labelledby="history" className="space-y-2">
          <h2 id="history" className="text-base font-semibold">Decided</h2>
          {decided.length ? <ApprovalTable items={decided} label="Decided approval requests" decided /> : <p className="text-sm text-slate-600">No decisions yet.</p>}
        </section>
        {isAdmin ? (
          <section aria-labelledby="policy" className="space-y-2">
            <h2 id="policy" className="text-base font-semibold">Approval policy</h2>
            <div className="grid gap-3 md:grid-cols-2">{policies.map((p) => <PolicyForm key={p.environment} policy={p} />)}</div>
          </section>
        ) : null}
      </div>
    </>
  );
}
