import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { getAuditEventBySeq } from "@/lib/audit/queries";
import { auditSeqSchema } from "@/lib/audit/schema";
import { AppError } from "@/lib/errors";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { ActionBadge } from "../_components/action-badge";

type Props = { params: Promise<{ seq: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Audit entry ${(await params).seq}` };
}

export default async function AuditEntryPage({ params }: Props) {
  const actor = await requireActor();
  if (!can(actor, "audit:read")) {
    return <EmptyState title="Administrators only">The audit log is visible to admins of all environments.</EmptyState>;
  }
  const parsed = auditSeqSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const entry = await getAuditEventBySeq(getDb(), actor, parsed.data.seq).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const breakGlass = entry.action === "deployment.break_glass";
  return (
    <>
      <PageHeader title={`Audit entry ${entry.seq}`} description={`${entry.action} · ${entry.occurredAt.replace("T", " ").replace("Z", " UTC")}`} />
      <p className="mb-4 text-sm"><Link href="/audit" className="text-sky-700 hover:underline">← Audit log</Link></p>
      {breakGlass ? <div className="mb-4"><Notice tone="red">Emergency access: this production change ran without approval.</Notice></div> : null}
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[12rem_1fr]" aria-label="Entry">
        <Row label="Sequence"><span className="font-mono">{entry.seq}</span></Row>
        <Row label="When (UTC)">{entry.occurredAt}</Row>
        <Row label="Action"><ActionBadge action={entry.action} /></Row>
        <Row label="Actor">{entry.actorLabel ?? "—"} <span className="text-slate-500">({entry.actorType}{entry.actorUserId ? `, user ${entry.actorUserId}` : ""})</span></Row>
        <Row label="API token">
          {entry.actorTokenId ? <>{entry.token ? `${entry.token.name} (${entry.token.prefix}…)` : "deleted token"} <span className="font-mono text-xs text-slate-500">{entry.actorTokenId}</span></> : "—"}
        </Row>
        <Row label="Target">{entry.targetType ? `${entry.targetType}: ${entry.targetId}` : "—"}</Row>
        <Row label="Environment">{entry.environment ?? "—"}</Row>
        <Row label="Source IP"><span className="font-mono">{entry.sourceIp ?? "—"}</span></Row>
        <Row label="User agent"><span className="break-all">{entry.userAgent ?? "—"}</span></Row>
        <Row label="Previous hash"><span className="break-all font-mono text-xs">{entry.prevHash}</span></Row>
        <Row label="Hash"><span className="break-all font-mono text-xs">{entry.hash}</span></Row>
      </dl>
      <h2 className="mb-2 mt-6 text-sm font-semibold text-slate-700">Details</h2>
      <pre data-testid="audit-details" className="overflow-x-auto rounded-lg border border-slate-200 bg-slate-50 p-4 text-xs">{JSON.stringify(entry.details, null, 2)}</pre>
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="text-slate-900">{children}</dd>
    </>
  );
}
