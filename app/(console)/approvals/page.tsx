import type { Metadata } from "next";
import { environmentPage } from "@/lib/environments/page-context";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { NoEnvironmentAccess } from "@/components/shell/no-environment-access";

export const metadata: Metadata = { title: "Approvals" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Page({ searchParams }: Props) {
  const { environment } = await environmentPage(searchParams);
  if (!environment) return <NoEnvironmentAccess />;
  return (
    <>
      <PageHeader title="Approvals" description={`Production changes waiting for a second pair of eyes.`} />
      <EmptyState title="Nothing is waiting for approval">
        When someone requests a change in an environment that needs approval, it appears here for approvers to review the exact change set, cost delta and alarms.
      </EmptyState>
    </>
  );
}
