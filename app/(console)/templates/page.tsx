import type { Metadata } from "next";
import Link from "next/link";
import { environmentPage } from "@/lib/environments/page-context";
import { getDb } from "@/lib/db/client";
import { listCatalog } from "@/lib/templates/queries";
import { getPlatformCosts } from "@/lib/templates/platform-costs";
import { formatMoney } from "@/lib/cost/format";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { NoEnvironmentAccess } from "@/components/shell/no-environment-access";

export const metadata: Metadata = { title: "Templates" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TemplatesPage({ searchParams }: Props) {
  const { actor, environment } = await environmentPage(searchParams);
  if (!environment) return <NoEnvironmentAccess />;
  const db = getDb();
  const [catalog, platform] = await Promise.all([listCatalog(db, actor, environment), getPlatformCosts(db, actor, environment)]);
  return (
    <>
      <PageHeader
        title="Templates"
        description={`Reviewed CloudFormation templates, with their monthly cost in ${environment.name} using its profile.`}
        actions={platform ? (
          <Link href={`/costs?env=${environment.key}`} className="text-sm text-slate-600 hover:underline">
            Whole platform if deployed: <strong>{formatMoney(platform.estimate.monthlyTotal)}</strong>/month
          </Link>
        ) : null}
      />
      {catalog.length === 0 ? (
        <EmptyState title="No templates in the catalog">
          Templates are loaded from <code className="font-mono">infra-templates/</code> when the console starts. Add a
          template there and restart, or run <code className="font-mono">npx stackdeck templates sync</code>.
        </EmptyState>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
          {catalog.map((t) => (
            <li key={t.name} className="flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <div className="flex items-start justify-between gap-2">
                <h2 className="text-base font-semibold">
                  <Link href={`/templates/${t.name}?env=${environment.key}`} className="hover:underline">{t.title}</Link>
                </h2>
                <Badge>{t.category}</Badge>
              </div>
              <p className="mt-1 flex-1 text-sm text-slate-600">{t.description}</p>
              {t.pendingIssues.length ? (
                <p className="mt-2"><Badge tone="red">{t.version ? "newest source invalid, previous version served" : "invalid, not offered"}</Badge></p>
              ) : null}
              <dl className="mt-3 flex items-center justify-between border-t border-slate-100 pt-3 text-sm">
                <div><dt className="sr-only">Resources</dt><dd>{t.resourceCount} resources</dd></div>
                <div className="text-right">
                  <dt className="sr-only">Monthly estimate</dt>
                  <dd className="font-medium">{t.monthlyEstimate === null ? "—" : `${formatMoney(t.monthlyEstimate)}/mo`}</dd>
                </div>
              </dl>
              {t.dependsOn.length ? <p className="mt-1 text-xs text-slate-500">needs {t.dependsOn.join(", ")}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
