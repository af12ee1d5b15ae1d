import type { Metadata } from "next";
import { environmentPage } from "@/lib/environments/page-context";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { NoEnvironmentAccess } from "@/components/shell/no-environment-access";

export const metadata: Metadata = { title: "Costs" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Page({ searchParams }: Props) {
  const { environment } = await environmentPage(searchParams);
  if (!environment) return <NoEnvironmentAccess />;
  return (
    <>
      <PageHeader title="Costs" description={`Estimated monthly cost of the stacks in ${environment.name}.`} />
      <EmptyState title="No cost estimates yet">
        Every stack's monthly estimate, and the cost delta of each change before it is applied, will be summarised here.
      </EmptyState>
    </>
  );
}
