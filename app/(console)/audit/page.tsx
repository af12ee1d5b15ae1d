import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { auditFilterSchema, listAuditEvents } from "@/lib/audit/queries";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { inputClass, buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Audit" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  const actor = await requireActor();
  if (!can(actor, "audit:read")) {
    return <EmptyState title="Administrators only">The audit log is visible to admins of all environments.</EmptyState>;
  }
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([k, v]) => typeof v === "string" && v !== "" && k !== "env"));
  const parsed = auditFilterSchema.safeParse(raw);
  const filter = parsed.success ? parsed.data : auditFilterSchema.parse({});
  const page = await listAuditEvents(getDb(), actor, filter);
  const next = new URLSearchParams({ ...(raw as Record<string, string>), before: page.nextCursor ?? "" });
  return (
    <>
      <PageHeader title="Audit log" description="Every state-changing action, newest first. Entries are hash-chained and the database refuses edits." />
      <form className="mb-4 flex flex-wrap items-end gap-3" role="search">
        <Filter id="actor" label="Actor (email)" value={filter.actor} />
        <Filter id="action" label="Action" value={filter.action} placeholder="e.g. role.granted" />
        <Filter id="environment" label="Environment" value={filter.environment} />
        <button type="submit" className={buttonClass("secondary")}>Filter</button>
      </form>
      {!parsed.success ? <div className="mb-4"><Notice tone="red">Some filters were not valid and were ignored.</Notice></div> : null}
      {page.items.length === 0 ? (
        <EmptyState title="No entries match">Try fewer filters.</EmptyState>
      ) : (
        <Table caption="Audit entries" head={<><Th>#</Th><Th>When (UTC)</Th><Th>Actor</Th><Th>Action</Th><Th>Target</Th><Th>Details</Th><Th>Environment</Th><Th>Source IP</Th></>}>
          {page.items.map((e) => (
            <tr key={e.seq}>
              <Td className="font-mono text-xs text-slate-500">{e.seq}</Td>
              <Td className="whitespace-nowrap">{e.occurredAt.slice(0, 19).replace("T", " ")}</Td>
              <Td>{e.actorLabel}{e.actorType === "token" ? <span className="ml-1"><Badge>token</Badge></span> : null}</Td>
              <Td><Badge tone={e.action.includes("failed") || e.action.includes("rate_limited") ? "red" : "grey"}>{e.action}</Badge></Td>
              <Td className="text-slate-600">{e.targetType ? `${e.targetType}: ${e.targetId}` : "—"}</Td>
              <Td className="max-w-xs text-xs text-slate-600">{summarize(e.details)}</Td>
              <Td>{e.environment ?? "—"}</Td>
              <Td className="font-mono text-xs">{e.sourceIp ?? "—"}</Td>
            </tr>
          ))}
        </Table>
      )}
      {page.nextCursor ? (
        <div className="mt-4 flex justify-end">
          <Link href={`/audit?${next.toString()}`} className={buttonClass("secondary")}>Older entries →</Link>
        </div>
      ) : null}
    </>
  );
}

/** `role: admin · scope: *` — enough to scan; the API returns the full JSON. */
function summarize(details: unknown): string {
  if (!details || typeof details !== "object") return "";
  return Object.entries(details as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(" · ")
    .slice(0, 200);
}

function Filter({ id, label, value, placeholder }: { id: string; label: string; value?: string; placeholder?: string }) {
  return (
    <div className="w-52">
      <label htmlFor={`filter-${id}`} className="mb-1 block text-xs font-medium text-slate-600">{label}</label>
      <input id={`filter-${id}`} name={id} defaultValue={value ?? ""} placeholder={placeholder} className={inputClass} />
    </div>
  );
}
