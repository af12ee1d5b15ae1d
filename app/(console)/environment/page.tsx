import type { Metadata } from "next";
import Link from "next/link";
import { environmentPage, requestEnvironments } from "@/lib/environments/page-context";
import { getDb } from "@/lib/db/client";
import { can } from "@/lib/auth/guard";
import { getEnvironmentGraph } from "@/lib/plans/environment-graph";
import { listPlans } from "@/lib/plans/queries";
import { PageHeader } from "@/components/ui/page-header";
import { NoEnvironmentAccess } from "@/components/shell/no-environment-access";
import { EnvironmentGraph } from "@/components/plans/environment-graph";
import { PlanStatusBadge } from "@/components/plans/status";
import { PlanForm } from "./_components/plan-form";

export const metadata: Metadata = { title: "Environment" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EnvironmentPage({ searchParams }: Props) {
  const { actor, environment } = await environmentPage(searchParams);
  if (!environment) return <NoEnvironmentAccess />;
  const db = getDb();
  const [graph, plans, environments] = await Promise.all([getEnvironmentGraph(db, actor, environment), listPlans(db, actor, { environment: environment.key, limit: 10 }), requestEnvironments()]);
  const created = graph.nodes.filter((n) => n.status !== null).length;
  const monthly = graph.nodes.reduce((sum, n) => sum + (n.monthly ?? 0), 0);
  const mayPlan = can(actor, "change:preview", environment);
  const promoteFrom = environments.filter((e) => e.key !== environment.key).map((e) => e.key);
  return (
    <>
      <PageHeader
        title={`${environment.name} platform`}
        description={`${created} of ${graph.nodes.length} stacks created · $${monthly.toFixed(2)}/month as deployed${environment.requiresApproval ? " · changes need approval" : ""}. A plan previews every stack in this order and applies independent ones in parallel.`}
      />
      <EnvironmentGraph graph={graph} environment={environment.key} />
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <section>
          <h2 className="mb-2 text-base font-semibold text-slate-900">Plan the platform</h2>
          {mayPlan ? <PlanForm environment={environment.key} parameters={graph.userParameters} promoteFrom={promoteFrom} /> : <p className="text-sm text-slate-600">You may view this environment but not plan changes in it.</p>}
        </section>
        <section>
          <h2 className="mb-2 text-base font-semibold text-slate-900">Recent plans</h2>
          {plans.items.length ? (
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
              {plans.items.map((p) => (
                <li key={p.id} className="flex items-center justify-between gap-2 px-3 py-2">
                  <Link href={`/plans/${p.id}`} className="text-sky-700 hover:underline">{p.action} · {p.stacks} stacks · {p.createdAt.slice(0, 16).replace("T", " ")} UTC</Link>
                  <span className="flex items-center gap-2 text-slate-500">{p.requestedBy} <PlanStatusBadge status={p.status} /></span>
                </li>
              ))}
            </ul>
          ) : <p className="text-sm text-slate-600">No plans yet in {environment.name}.</p>}
        </section>
      </div>
    </>
  );
}
