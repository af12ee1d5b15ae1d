import type { Metadata } from "next";
import { environmentPage } from "@/lib/environments/page-context";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { NoEnvironmentAccess } from "@/components/shell/no-environment-access";

export const metadata: Metadata = { title: "Stacks" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Page({ searchParams }: Props) {
  const { environment } = await environmentPage(searchParams);
  if (!environment) return <NoEnvironmentAccess />;
  return (
    <>
      <PageHeader title="Stacks" description={`Every stack in ${environment.name}, with its status, last deployment and monthly estimate.`} />
      <EmptyState title="No stacks in this environment yet">
        Once a template is deployed, its stack appears here with its live status. Start from the Templates page to preview and create one.
      </EmptyState>
    </>
  );
}
