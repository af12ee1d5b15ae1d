import type { Metadata } from "next";
import { environmentPage } from "@/lib/environments/page-context";
import { getDb } from "@/lib/db/client";
import { getDeployedCost, getPlatformCosts } from "@/lib/templates/platform-costs";
import { formatMoney } from "@/lib/cost/format";
import { getEnvironmentTarget } from "@/lib/environments/targets";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { NoEnvironmentAccess } from "@/components/shell/no-environment-access";
import { CostBars } from "@/components/cost/cost-bars";
import { projectedTeardownSavings, teardownSavings } from "@/lib/teardown/queries";

export const metadata: Metadata = { title: "Costs" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CostsPage({ searchParams }: Props) {
  const { actor, environment } = await environmentPage(searchParams);
  if (!environment) return <NoEnvironmentAccess />;
  const db = getDb();
  const [costs, deployed, savings, projection, target] = await Promise.all([
    getPlatformCosts(db, actor, environment), getDeployedCost(db, actor, environment), teardownSavings(db, actor, environment.key), projectedTeardownSavings(db, actor, environment.key),
    getEnvironmentTarget(db, environment.key),
  ]);
  if (!costs) {
    return (
      <>
        <PageHeader title="Costs" />
        <EmptyState title="Nothing to estimate yet">No valid templates are in the catalog.</EmptyState>
      </>
    );
  }
  const { estimate } = costs;
  return (
    <>
      <PageHeader
        title="Costs"
        description={`Estimated monthly cost in ${environment.name} (account ${target.accountId}, ${estimate.region} prices as of ${estimate.priceCatalogDate}): what is deployed now, and the whole platform — every template with this environment's profile — if it were deployed.`}
      />
      <dl className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Figure label="Deployed now" value={formatMoney(deployed.monthly)} strong>
          {deployed.stacks ? `${deployed.stacks} of ${deployed.live} stack(s), as last deployed` : "Nothing deployed yet"}
        </Figure>
        <Figure label="Whole platform if deployed" value={formatMoney(estimate.monthlyTotal)} strong>all {estimate.byStack.length} templates</Figure>
        <Figure label="of which fixed (always-on resources)" value={formatMoney(estimate.fixed)} />
        <Figure label="of which usage (from assumptions)" value={formatMoney(estimate.usage)} />
      </dl>
      <section aria-label="Saved by scheduled teardown" className="mb-6 rounded-lg border border-slate-200 bg-white p-4" data-testid="teardown-savings">
        <h2 className="text-xs font-medium uppercase tracking-wide text-slate-500">Saved by scheduled teardown</h2>
        <p className="mt-1 text-2xl font-semibold tabular-nums text-emerald-700">{formatMoney(savings.saved)}</p>
        <p className="mt-1 text-xs text-slate-600">
          {savings.hours > 0
            ? `${savings.hours.toFixed(1)} stack-hours torn down (${savings.stacks} stack${savings.stacks === 1 ? "" : "s"}), each at its hourly cost from its last estimate.`
            : "Nothing torn down yet. Schedule a teardown of staging on the Stacks page."}
        </p>
        {projection.schedules ? (
          <p className="mt-1 text-xs text-slate-600">
            {projection.schedules} weekly schedule{projection.schedules === 1 ? "" : "s"}: {projection.hoursPerWeek.toFixed(0)} h a week down, about {formatMoney(projection.perWeek)} a week at today&apos;s estimates{projection.schedules > 1 ? " (overlapping schedules counted each)" : ""}.
          </p>
        ) : null}
      </section>
      {costs.unpriced ? <div className="mb-4"><Notice tone="amber">{costs.unpriced} line(s) could not be priced and are left out of the total; see each template&apos;s estimate.</Notice></div> : null}
      <div className="grid gap-4 xl:grid-cols-2">
        <CostBars title="Per stack" rows={estimate.byStack.map((s) => ({ label: s.stack, monthly: s.monthly, href: `/templates/${s.template}?env=${environment.key}` }))} />
        <CostBars title="Per AWS service" rows={costs.byService.map((c) => ({ label: c.key, monthly: c.monthly }))} />
      </div>
      <p className="mt-4 text-xs text-slate-500">
        The bars show the whole platform if deployed. Usage assumptions: {Object.entries(estimate.assumptions).map(([k, v]) => `${k} ${v}`).join(" · ")}.
      </p>
    </>
  );
}

function Figure({ label, value, strong = false, children }: { label: string; value: string; strong?: boolean; children?: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className={`mt-1 tabular-nums ${strong ? "text-2xl font-semibold" : "text-xl"}`}>{value}</dd>
      {children ? <dd className="mt-1 text-xs text-slate-600">{children}</dd> : null}
    </div>
  );
}
