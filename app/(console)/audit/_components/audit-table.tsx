import Link from "next/link";
import type { AuditEntryDto } from "@/lib/audit/queries";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { ActionBadge } from "./action-badge";

export function AuditTable({ items }: { items: AuditEntryDto[] }) {
  return (
    <Table caption="Audit entries" head={<><Th>#</Th><Th>When (UTC)</Th><Th>Actor</Th><Th>Action</Th><Th>Target</Th><Th>Details</Th><Th>Environment</Th></>}>
      {items.map((e) => (
        <tr key={e.seq} className={e.action === "deployment.break_glass" ? "bg-red-50/60" : undefined}>
          <Td className="font-mono text-xs">
            <Link href={`/audit/${e.seq}`} className="text-sky-700 hover:underline" aria-label={`Entry ${e.seq}`}>{e.seq}</Link>
          </Td>
          <Td className="whitespace-nowrap">{e.occurredAt.slice(0, 19).replace("T", " ")}</Td>
          <Td>{e.actorLabel}{e.actorType === "token" ? <span className="ml-1"><Badge>token</Badge></span> : null}</Td>
          <Td><ActionBadge action={e.action} /></Td>
          <Td className="text-slate-600">{e.targetType ? `${e.targetType}: ${e.targetId}` : "—"}</Td>
          <Td className="max-w-xs text-xs text-slate-600 [overflow-wrap:anywhere]">{summarize(e.details)}</Td>
          <Td>{e.environment ?? "—"}</Td>
        </tr>
      ))}
    </Table>
  );
}

/** `role: admin · scope: *` — enough to scan; the entry's own page shows the full JSON. */
function summarize(details: unknown): string {
  if (!details || typeof details !== "object") return "";
  return Object.entries(details as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(" · ")
    .slice(0, 200);
}
