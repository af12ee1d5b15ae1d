import type { Metadata } from "next";
import Link from "next/link";
import { environmentPage } from "@/lib/environments/page-context";
import { getDb } from "@/lib/db/client";
import { Badge } from "@/components/ui/badge";
import { listStacks } from "@/lib/deployments/queries";
import { isStackStatusGroup, STACK_STATUS_GROUP_LABELS } from "@/lib/deployments/stack-status-groups";
import { formatMoney } from "@/lib/cost/format";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { buttonClass } from "@/components/ui/button";
import { NoEnvironmentAccess } from "@/components/shell/no-environment-access";
import { DeploymentStatusBadge, StackStatusBadge } from "@/components/deployments/status-badges";
import { TeardownSection } from "./_components/teardown-section";

export const metadata: Metadata = { title: "Stacks" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function StacksPage({ searchParams }: Props) {
  const { actor, environment } = await environmentPage(searchParams);
  if (!environment) return <NoEnvironmentAccess />;
  const { after, status: requested } = await searchParams;
  const status = isStackStatusGroup(requested) ? requested : undefined;
  const page = await listStacks(getDb(), actor, environment.key, { cursor: typeof after === "string" ? after : null, limit: 50, status });
  const newStack = <Link href={`/templates?env=${environment.key}`} className={buttonClass("primary")}>New stack</Link>;
  return (
    <>
      <PageHeader title="Stacks" description={`Every stack in ${environment.name}, with its status, last deployment and monthly estimate.`} actions={newStack} />
      {status ? (
        <p className="mb-4 text-sm text-slate-600">
          Showing {STACK_STATUS_GROUP_LABELS[status]} stacks only · <Link href={`/stacks?env=${environment.key}`} className="text-sky-700 hover:underline">Show all</Link>
        </p>
      ) : null}
      {page.items.length === 0 && status ? (
        <EmptyState title={`No ${STACK_STATUS_GROUP_LABELS[status]} stacks in ${environment.name}`}>Nothing matches this filter right now.</EmptyState>
      ) : page.items.length === 0 ? (
        <EmptyState title="No stacks in this environment yet" action={newStack}>
          Pick a template from the catalog, check its parameters and preview the change set before anything is created.
        </EmptyState>
      ) : (
        <Table caption="Stacks" head={<><Th>Stack</Th><Th>Template</Th><Th>Status</Th><Th>Last deployment</Th><Th className="text-right">Monthly</Th></>}>
          {page.items.map((s) => (
            <tr key={`${s.name} ${s.region}`}>
              <Td>
                <Link href={`/stacks/${s.name}`} className="font-medium text-sky-700 hover:underline">{s.name}</Link>
                <span className="block text-xs text-slate-500">account {s.accountId} · {s.region}</span>
              </Td>
              <Td>
                {s.templateName !== null
                  ? <Link href={`/templates/${s.templateName}?env=${s.environment}`} className="hover:underline">{s.templateName}</Link>
                  : <Badge tone="grey">unmanaged</Badge>}
              </Td>
              <Td>
                <StackStatusBadge status={s.status} />
                {s.statusReason ? <span className="mt-1 block max-w-xs truncate text-xs text-slate-500" title={s.statusReason}>{s.statusReason}</span> : null}
              </Td>
              <Td>
                {s.lastDeployment ? (
                  <Link href={`/deployments/${s.lastDeployment.id}`} className="flex flex-col gap-1 hover:underline">
                    <span className="flex items-center gap-1.5 text-xs">{s.lastDeployment.action} <DeploymentStatusBadge status={s.lastDeployment.status} /></span>
                    <span className="text-xs text-slate-500">{s.lastDeployment.by} · {s.lastDeployment.at.slice(0, 16).replace("T", " ")}</span>
                  </Link>
                ) : "—"}
              </Td>
              <Td className="text-right tabular-nums">{s.monthlyEstimate === null ? "—" : formatMoney(s.monthlyEstimate)}</Td>
            </tr>
          ))}
        </Table>
      )}
      {page.nextCursor ? (
        <div className="mt-4 flex justify-end">
          <Link href={`/stacks?env=${environment.key}${status ? `&status=${status}` : ""}&after=${encodeURIComponent(page.nextCursor)}`} className={buttonClass("secondary")}>Next page →</Link>
        </div>
      ) : null}
      <div className="mt-8"><TeardownSection actor={actor} environment={environment} /></div>
    </>
  );
}
