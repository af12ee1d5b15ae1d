import type { Metadata } from "next";
import { environmentPage } from "@/lib/environments/page-context";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { NoEnvironmentAccess } from "@/components/shell/no-environment-access";

export const metadata: Metadata = { title: "Deployments" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Page({ searchParams }: Props) {
  const { environment } = await environmentPage(searchParams);
  if (!environment) return <NoEnvironmentAccess />;
  return (
    <>
      <PageHeader title="Deployments" description={`Previews, running and finished deployments in ${environment.name}.`} />
      <EmptyState title="No deployments yet">
        Each change you preview and apply shows up here with live progress, its events and how long it took.
      </EmptyState>
    </>
  );
}
