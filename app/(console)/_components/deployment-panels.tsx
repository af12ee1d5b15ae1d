import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import { DeploymentStatusBadge } from "@/components/deployments/status-badges";
import type { DeploymentSummary } from "@/lib/deployments/types";
import type { InProgressDeployment } from "@/lib/overview/types";
import { LiveProgress } from "./live-progress";

export function InProgressPanel({ deployments }: { deployments: InProgressDeployment[] }) {
  return (
    <section aria-labelledby="in-progress" className="self-start rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="in-progress" className="mb-3 text-sm font-semibold">Deployments in progress ({deployments.length})</h2>
      {deployments.length ? (
        <ul className="space-y-4">
          {deployments.map((d) => (
            <li key={d.id}>
              <Link href={`/deployments/${d.id}`} className="text-sm font-medium text-sky-700 hover:underline">{d.stackName}</Link>
              <span className="ml-2 text-xs text-slate-500">{d.action}{d.startedAt ? ` · started ${d.startedAt.slice(11, 16)} UTC` : ""}</span>
              <LiveProgress deploymentId={d.id} stackName={d.stackName} lastEventId={d.lastEventId} initial={{ status: d.status, resourcesDone: d.resourcesDone, resourcesTotal: d.resourcesTotal }} />
            </li>
          ))}
        </ul>
      ) : <p className="text-sm text-slate-600">Nothing is deploying right now.</p>}
    </section>
  );
}

export function RecentDeployments({ deployments, environment }: { deployments: DeploymentSummary[]; environment: string }) {
  return (
    <section aria-labelledby="recent-deployments">
      <div className="mb-2 flex items-baseline justify-between">
        <h2 id="recent-deployments" className="text-sm font-semibold">Last deployments</h2>
        <Link href={`/deployments?env=${environment}`} className="text-xs text-sky-700 hover:underline">All deployments →</Link>
      </div>
      {deployments.length ? (
        <Table caption="Last deployments" head={<><Th>Stack</Th><Th>Action</Th><Th>Status</Th><Th>By</Th><Th>When (UTC)</Th></>}>
          {deployments.map((d) => (
            <tr key={d.id}>
              <Td><Link href={`/deployments/${d.id}`} className="font-medium text-sky-700 hover:underline">{d.stackName}</Link></Td>
              <Td className="text-xs">{d.action}</Td>
              <Td><DeploymentStatusBadge status={d.status} /></Td>
              <Td className="text-xs text-slate-600">{d.requestedBy}</Td>
              <Td className="text-xs tabular-nums text-slate-600">{d.createdAt.slice(0, 16).replace("T", " ")}</Td>
            </tr>
          ))}
        </Table>
      ) : <p className="text-sm text-slate-600">No deployments yet.</p>}
    </section>
  );
}
