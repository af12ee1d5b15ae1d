import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { auditFilterSchema, listAuditEvents } from "@/lib/audit/queries";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { buttonClass } from "@/components/ui/button";
import { AuditFilters, ExportLinks, type RawFilter } from "./_components/audit-filters";
import { AuditTable } from "./_components/audit-table";
import { IntegrityPanel } from "./_components/integrity-panel";
import { getIntegrityStatus } from "@/lib/audit/integrity-status";

export const metadata: Metadata = { title: "Audit" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const FILTER_KEYS = ["actor", "action", "environment", "stack", "from", "to"] as const;

export default async function AuditPage({ searchParams }: Props) {
  const actor = await requireActor();
  if (!can(actor, "audit:read")) {
    return <EmptyState title="Administrators only">The audit log is visible to admins of all environments.</EmptyState>;
  }
  const params = await searchParams;
  const values: RawFilter = {};
  for (const key of FILTER_KEYS) {
    const v = params[key];
    if (typeof v === "string" && v.trim() !== "") values[key] = v.trim();
  }
  const before = typeof params.before === "string" && params.before ? { before: params.before } : {};
  const parsed = auditFilterSchema.safeParse({ ...values, ...before });
  const filter = parsed.success ? parsed.data : auditFilterSchema.parse({});
  const [page, integrity] = await Promise.all([listAuditEvents(getDb(), actor, filter), getIntegrityStatus(getDb(), actor)]);
  const next = new URLSearchParams({ ...values, before: page.nextCursor ?? "" });
  return (
    <>
      <PageHeader title="Audit log" description="Every state-changing action, newest first. Entries are chained with a key the database does not hold, and the app's database role may only append." />
      <IntegrityPanel status={integrity} />
      <AuditFilters values={values} />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        {parsed.success ? <ExportLinks values={values} /> : <span />}
      </div>
      {!parsed.success ? <div className="mb-4"><Notice tone="red">Some filters were not valid, so the whole log is shown. {parsed.error.issues[0]?.message}</Notice></div> : null}
      {page.items.length === 0 ? <EmptyState title="No entries match">Try fewer filters.</EmptyState> : <AuditTable items={page.items} />}
      <div className="mt-4 flex justify-end gap-2">
        {"before" in before ? <Link href={`/audit?${new URLSearchParams(values).toString()}`} className={buttonClass("secondary")}>← Newest</Link> : null}
        {page.nextCursor ? <Link href={`/audit?${next.toString()}`} className={buttonClass("secondary")}>Older entries →</Link> : null}
      </div>
    </>
  );
}
