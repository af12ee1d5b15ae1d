import type { Metadata } from "next";
import { environmentPage } from "@/lib/environments/page-context";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { NoEnvironmentAccess } from "@/components/shell/no-environment-access";

export const metadata: Metadata = { title: "Alarms" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Page({ searchParams }: Props) {
  const { environment } = await environmentPage(searchParams);
  if (!environment) return <NoEnvironmentAccess />;
  return (
    <>
      <PageHeader title="Alarms" description={`CloudWatch alarms of every stack in ${environment.name}, alarms in ALARM first.`} />
      <EmptyState title="No alarms to show">
        Alarms created by your stacks (CPU, storage, connections, response time, 5xx) will be listed here with their state and metric graphs.
      </EmptyState>
    </>
  );
}
