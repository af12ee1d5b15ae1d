import type { Metadata } from "next";
import Link from "next/link";
import { environmentPage } from "@/lib/environments/page-context";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { NoEnvironmentAccess } from "@/components/shell/no-environment-access";

export const metadata: Metadata = { title: "Overview" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function OverviewPage({ searchParams }: Props) {
  const { actor, environment } = await environmentPage(searchParams);
  if (!environment) return <NoEnvironmentAccess />;
  const roles = actor.grants.filter((g) => g.environment === "*" || g.environment === environment.key);
  return (
    <>
      <PageHeader
        title={`${environment.name} overview`}
        description="Is everything fine? Stacks by status, alarms, deployments in progress and pending approvals at a glance."
      />
      <section aria-labelledby="access" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="access" className="text-sm font-semibold text-slate-900">Your access in {environment.name}</h2>
        <div className="mt-2 flex flex-wrap items-center gap-2">
          {roles.map((g) => (
            <Badge key={`${g.environment}-${g.role}`} tone={g.role === "admin" ? "amber" : "grey"}>
              {g.role}
              {g.environment === "*" ? " · all environments" : ""}
            </Badge>
          ))}
          {environment.requiresApproval ? <Badge tone="amber">changes need approval</Badge> : null}
        </div>
      </section>
      <EmptyState
        title="No stacks deployed yet"
        action={<Link href={`/templates?env=${environment.key}`} className="text-sm font-medium text-sky-700 hover:underline">Browse templates →</Link>}
      >
        The dashboard fills in as stacks are created: their status, alarms in ALARM, deployments in progress with live
        progress, approvals waiting and the monthly cost estimate.
      </EmptyState>
    </>
  );
}
