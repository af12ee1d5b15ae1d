import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { getDb } from "@/lib/db/client";
import { getEnvironmentByKey } from "@/lib/environments/queries";
import { getPlan } from "@/lib/plans/queries";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { LivePlan } from "./_components/live-plan";
import { PlanControls, type PlanOffer } from "./_components/plan-controls";

export const metadata: Metadata = { title: "Plan" };

type Props = { params: Promise<{ id: string }> };

export default async function PlanPage({ params }: Props) {
  const actor = await requireActor();
  const db = getDb();
  const { id } = await params;
  const plan = await getPlan(db, actor, id).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "validation_failed")) return null;
    throw error;
  });
  if (!plan) return <EmptyState title="No such plan">This plan does not exist. <Link href="/environment" className="text-sky-700 hover:underline">Back to the environment</Link>.</EmptyState>;
  const environment = await getEnvironmentByKey(db, plan.environment);
  const decided = plan.approval.decisions.some((d) => d.by === actor.email);
  const offer: PlanOffer = {
    decide: plan.status === "awaiting_approval" && can(actor, "change:approve", environment) && plan.requestedBy !== actor.email && !decided,
    execute: plan.status === "ready" && (environment.requiresApproval ? plan.approval.approvedAt !== null && (plan.requestedBy === actor.email || decided || can(actor, "change:break-glass", environment)) : can(actor, "change:deploy", environment)),
    cancel: ["planning", "ready", "awaiting_approval", "applying"].includes(plan.status) && can(actor, "change:preview", environment),
  };
  const title = plan.action === "promote" ? `Promote ${plan.from} → ${plan.environment}` : plan.action === "destroy" ? `Delete the ${plan.environment} platform` : `Plan for ${plan.environment}`;
  const approval = plan.approval.required
    ? plan.approval.approvedAt
      ? ` · approved by ${plan.approval.decisions.filter((d) => d.approved).map((d) => d.by).join(", ")}`
      : plan.status === "awaiting_approval" ? ` · waiting for ${plan.approval.approvalsRequired ?? 1} approval(s) of the whole plan, until ${plan.approval.expiresAt?.slice(0, 16).replace("T", " ")} UTC` : ""
    : "";
  return (
    <>
      <p className="mb-2 text-sm"><Link href={`/environment?env=${plan.environment}`} className="text-sky-700 hover:underline">← {plan.environment} platform</Link></p>
      <PageHeader title={title} description={`Requested by ${plan.requestedBy} on ${plan.createdAt.slice(0, 16).replace("T", " ")} UTC${plan.note ? ` · “${plan.note}”` : ""}${approval}`} />
      <LivePlan initial={plan} controls={<PlanControls key={plan.status} planId={plan.id} offer={offer} />} />
    </>
  );
}
