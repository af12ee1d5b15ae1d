import type { Metadata } from "next";
import { environmentPage } from "@/lib/environments/page-context";
import { getDb } from "@/lib/db/client";
import { getPlatformCosts } from "@/lib/templates/platform-costs";
import { formatMoney } from "@/lib/cost/format";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { NoEnvironmentAccess } from "@/components/shell/no-environment-access";
import { CostBars } from "@/components/cost/cost-bars";

export const metadata: Metadata = { title: "Costs" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CostsPage({ searchParams }: Props) {
  const { actor, environment } = await environmentPage(searchParams);
  if (!environment) return <NoEnvironmentAccess />;
  const costs = await getPlatformCosts(getDb(), actor, environment);
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
        description={`Estimated monthly cost of the platform in ${environment.name}: every template with this environment's profile (${estimate.region}, prices as of ${estimate.priceCatalogDate}).`}
      />
      <dl className="mb-6 grid gap-4 sm:grid-cols-3">
        <Figure label="Total per month" value={formatMoney(estimate.monthlyTotal)} strong />
        <Figure label="Fixed (always-on resources)" value={formatMoney(estimate.fixed)} />
        <Figure label="Usage (from assumptions)" value={formatMoney(estimate.usage)} />
      </dl>
      {costs.unpriced ? <div className="mb-4"><Notice tone="amber">{costs.unpriced} line(s) could not be priced and are left out of the total; see each template&apos;s estimate.</Notice></div> : null}
      <div className="grid gap-4 xl:grid-cols-2">
        <CostBars title="Per stack" rows={estimate.byStack.map((s) => ({ label: s.stack, monthly: s.monthly, href: `/templates/${s.template}?env=${environment.key}` }))} />
        <CostBars title="Per AWS service" rows={costs.byService.map((c) => ({ label: c.key, monthly: c.monthly }))} />
      </div>
      <p className="mt-4 text-xs text-slate-500">
        Usage assumptions: {Object.entries(estimate.assumptions).map(([k, v]) => `${k} ${v}`).join(" · ")}. Deployed stacks will be summed here as they are created.
      </p>
    </>
  );
}

function Figure({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className={`mt-1 tabular-nums ${strong ? "text-2xl font-semibold" : "text-xl"}`}>{value}</dd>
    </div>
  );
}
