import type { Metadata } from "next";
import Link from "next/link";
import { environmentPage } from "@/lib/environments/page-context";
import { getDb } from "@/lib/db/client";
import { listDeployments } from "@/lib/deployments/queries";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { buttonClass } from "@/components/ui/button";
import { NoEnvironmentAccess } from "@/components/shell/no-environment-access";
import { BreakGlassBadge, DeploymentStatusBadge } from "@/components/deployments/status-badges";

export const metadata: Metadata = { title: "Deployments" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DeploymentsPage({ searchParams }: Props) {
  const { actor, environment } = await environmentPage(searchParams);
  if (!environment) return <NoEnvironmentAccess />;
  const { after, stack: stackParam } = await searchParams;
  const stack = typeof stackParam === "string" && stackParam ? stackParam : undefined;
  const page = await listDeployments(getDb(), actor, environment.key, { cursor: typeof after === "string" ? after : null, limit: 50, stack });
  return (
    <>
      <PageHeader title="Deployments" description={stack ? <>Every change of <Link href={`/stacks/${stack}`} className="text-sky-700 hover:underline">{stack}</Link>, newest first · <Link href={`/deployments?env=${environment.key}`} className="text-sky-700 hover:underline">all of {environment.name}</Link></> : `Previews, running and finished changes in ${environment.name}, newest first.`} />
      {page.items.length === 0 ? (
        <EmptyState title="No deployments yet">Each change you preview and apply shows up here with its live progress, events and duration.</EmptyState>
      ) : (
        <Table caption="Deployments" head={<><Th>When (UTC)</Th><Th>Stack</Th><Th>Change</Th><Th>By</Th><Th>Status</Th><Th className="text-right">Progress</Th></>}>
          {page.items.map((d) => (
            <tr key={d.id}>
              <Td className="whitespace-nowrap"><Link href={`/deployments/${d.id}`} className="text-sky-700 hover:underline">{d.createdAt.slice(0, 16).replace("T", " ")}</Link></Td>
              <Td><Link href={`/stacks/${d.stackName}`} className="hover:underline">{d.stackName}</Link></Td>
              <Td>{d.action}</Td>
              <Td className="text-xs">{d.requestedBy}</Td>
              <Td>
                <DeploymentStatusBadge status={d.status} />
                {d.breakGlass ? <> <BreakGlassBadge /></> : null}
                {d.resultReason && d.status !== "succeeded" ? <span className="mt-1 block max-w-sm truncate text-xs text-slate-600" title={d.resultReason}>{d.resultReason}</span> : null}
              </Td>
              <Td className="text-right text-xs tabular-nums">{d.resourcesTotal ? `${d.resourcesDone}/${d.resourcesTotal}` : "—"}</Td>
            </tr>
          ))}
        </Table>
      )}
      {page.nextCursor ? (
        <div className="mt-4 flex justify-end">
          <Link href={`/deployments?env=${environment.key}${stack ? `&stack=${encodeURIComponent(stack)}` : ""}&after=${page.nextCursor}`} className={buttonClass("secondary")}>Older →</Link>
        </div>
      ) : null}
    </>
  );
}
