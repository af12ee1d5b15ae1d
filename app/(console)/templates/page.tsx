import type { Metadata } from "next";
import { environmentPage } from "@/lib/environments/page-context";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { NoEnvironmentAccess } from "@/components/shell/no-environment-access";

export const metadata: Metadata = { title: "Templates" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Page({ searchParams }: Props) {
  const { environment } = await environmentPage(searchParams);
  if (!environment) return <NoEnvironmentAccess />;
  return (
    <>
      <PageHeader title="Templates" description={`Reviewed CloudFormation templates you can deploy to ${environment.name}.`} />
      <EmptyState title="No templates in the catalog yet">
        The template catalog (network, security, database, cache, IAM, load balancer and service) will list every stored template here with its parameters and estimated monthly cost.
      </EmptyState>
    </>
  );
}
