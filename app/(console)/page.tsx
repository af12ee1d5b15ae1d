import type { Metadata } from "next";
import Link from "next/link";
import { environmentPage } from "@/lib/environments/page-context";
import { getDb } from "@/lib/db/client";
import { getOverview } from "@/lib/overview/queries";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { NoEnvironmentAccess } from "@/components/shell/no-environment-access";
import { VerdictBanner } from "./_components/verdict-banner";
import { StatTiles } from "./_components/stat-tiles";
import { InProgressPanel, RecentDeployments } from "./_components/deployment-panels";
import { AccessInfo } from "./_components/access-info";

export const metadata: Metadata = { title: "Overview" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function OverviewPage({ searchParams }: Props) {
  const { actor, environment } = await environmentPage(searchParams);
  if (!environment) return <NoEnvironmentAccess />;
  const overview = await getOverview(getDb(), actor, environment.key);
  const nothingYet = overview.stacks.total === 0 && overview.recent.length === 0;
  return (
    <>
      <PageHeader title={`${environment.name} overview`} />
      <VerdictBanner verdict={overview.verdict} />
      <StatTiles overview={overview} />
      {nothingYet ? (
        <EmptyState
          title="No stacks deployed yet"
          action={<Link href={`/templates?env=${environment.key}`} className="text-sm font-medium text-sky-700 hover:underline">Browse templates →</Link>}
        >
          The dashboard fills in as stacks are created: their status, alarms in ALARM, deployments in progress with live
          progress, approvals waiting and the monthly cost of what is deployed.
        </EmptyState>
      ) : (
        <div className="grid gap-6 xl:grid-cols-[1fr_2fr]">
          <InProgressPanel deployments={overview.inProgress} />
          <RecentDeployments deployments={overview.recent} environment={environment.key} />
        </div>
      )}
      <AccessInfo actor={actor} environment={overview.environment} />
    </>
  );
}
