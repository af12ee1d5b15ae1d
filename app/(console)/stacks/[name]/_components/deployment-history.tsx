import Link from "next/link";
import type { StackDetail } from "@/lib/deployments/types";
import { Table, Td, Th } from "@/components/ui/table";
import { BreakGlassBadge, DeploymentStatusBadge } from "@/components/deployments/status-badges";
import { formatDuration } from "@/components/deployments/format";
import { RollbackButton } from "./rollback-button";

/** Each deployment: version, parameter changes, who, when, result, duration; earlier successes can be rolled back to. */
export function DeploymentHistory({ stack, clientToken }: { stack: StackDetail; clientToken: string }) {
  const template = stack.templateName;
  if (!stack.deployments.length || template === null) return null;
  const canRollBack = stack.allowedActions.includes("rollback-to-version");
  const latestSuccess = stack.deployments.find((d) => d.status === "succeeded" && d.action !== "delete")?.id;
  return (
    <section aria-labelledby="history">
      <h2 id="history" className="mb-2 text-base font-semibold">Deployment history</h2>
      <Table caption="Deployment history" head={<><Th>When (UTC)</Th><Th>Change</Th><Th>Version</Th><Th>Parameters changed</Th><Th>By</Th><Th>Result</Th><Th /></>}>
        {stack.deployments.map((d) => (
          <tr key={d.id}>
            <Td className="whitespace-nowrap"><Link href={`/deployments/${d.id}`} className="text-sky-700 hover:underline">{d.createdAt.slice(0, 16).replace("T", " ")}</Link></Td>
            <Td>{d.action}</Td>
            <Td className="font-mono text-xs">{d.templateVersion?.sha256.slice(0, 10) ?? "—"}</Td>
            <Td className="text-xs">
              {d.parameterDiff.length ? d.parameterDiff.map((p) => <span key={p.name} className="block font-mono">{p.name}: {p.before ?? "∅"} → {p.after ?? "∅"}</span>) : "—"}
            </Td>
            <Td className="text-xs">{d.requestedBy}</Td>
            <Td>
              <DeploymentStatusBadge status={d.status} />
                {d.breakGlass ? <> <BreakGlassBadge /></> : null}
              {d.durationSeconds !== null ? <span className="ml-1 text-xs text-slate-500">{formatDuration(d.durationSeconds)}</span> : null}
              {d.resultReason && d.status !== "succeeded" ? <span className="mt-1 block max-w-xs text-xs text-slate-600">{d.resultReason}</span> : null}
            </Td>
            <Td>
              {canRollBack && d.status === "succeeded" && d.action !== "delete" && d.id !== latestSuccess ? (
                <RollbackButton stackName={stack.name} environment={stack.environment} template={template} deploymentId={d.id} clientToken={clientToken} />
              ) : null}
            </Td>
          </tr>
        ))}
      </Table>
      {stack.olderDeployments ? (
        <p className="mt-2 text-sm"><Link href={`/deployments?env=${stack.environment}&stack=${encodeURIComponent(stack.name)}`} className="text-sky-700 hover:underline">All deployments of this stack →</Link></p>
      ) : null}
    </section>
  );
}
