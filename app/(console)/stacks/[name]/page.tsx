import type { Metadata } from "next";
import Link from "next/link";
import { randomUUID } from "node:crypto";
import { Suspense } from "react";
import { requireActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getStackDetail } from "@/lib/deployments/queries";
import { formatMoney } from "@/lib/cost/format";
import { PageHeader } from "@/components/ui/page-header";
import { Notice } from "@/components/ui/notice";
import { Table, Td, Th } from "@/components/ui/table";
import { StackStatusBadge } from "@/components/deployments/status-badges";
import { EventTable } from "@/components/deployments/event-table";
import { ServiceHealth } from "@/components/ecs/service-health";
import { StackAlarms } from "@/components/alarms/stack-alarms";
import { RefreshedAt } from "@/components/ui/refreshed-at";
import { StackActions } from "./_components/stack-actions";
import { DeploymentHistory } from "./_components/deployment-history";
import { DetectDriftButton } from "./_components/detect-drift-button";
import { DriftPanel } from "@/components/drift/drift-panel";
import { latestDriftFailure } from "@/lib/drift/queries";
import { can } from "@/lib/auth/guard";
import { getEnvironmentByKey } from "@/lib/environments/queries";
import { TeardownSection } from "../_components/teardown-section";
import { AdoptPanel } from "./_components/adopt-panel";

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Stack ${(await params).name}` };
}

export default async function StackPage({ params }: Props) {
  const actor = await requireActor();
  const stack = await getStackDetail(getDb(), actor, (await params).name);
  const clientToken = randomUUID();
  const driftFailure = stack.deleted ? null : await latestDriftFailure(getDb(), stack.name);
  const mayDetect = can(actor, "change:preview", { key: stack.environment, requiresApproval: false });
  return (
    <>
      <p className="mb-2 text-sm"><Link href={`/stacks?env=${stack.environment}`} className="text-sky-700 hover:underline">← Stacks</Link></p>
      <PageHeader
        title={stack.name}
        description={<>
          {stack.templateName !== null
            ? <>From template <Link href={`/templates/${stack.templateName}?env=${stack.environment}`} className="text-sky-700 hover:underline">{stack.templateName}</Link> in {stack.environment}</>
            : <>Not managed by Stackdeck: found in {stack.environment}&apos;s account, read-only</>}
          {" "}· account <span className="font-mono">{stack.accountId}</span> · {stack.region}{stack.monthlyEstimate !== null ? ` · ${formatMoney(stack.monthlyEstimate)}/month` : ""}
        </>}
        actions={
          <>
            {consoleUrl(stack) ? <a href={consoleUrl(stack)!} target="_blank" rel="noreferrer" className="text-sm text-sky-700 hover:underline">AWS console ↗</a> : null}
            <StackStatusBadge status={stack.deleted ? "DELETE_COMPLETE" : stack.status} />
          </>
        }
      />
      <div className="space-y-8">
        {stack.statusReason ? <Notice tone="grey">{stack.statusReason}</Notice> : null}
        {stack.activeDeployment ? (
          <Notice tone="blue">
            A change is in progress: <Link href={`/deployments/${stack.activeDeployment.id}`} className="font-medium underline">{stack.activeDeployment.status.replace("_", " ")}</Link>. One change at a time.
          </Notice>
        ) : null}
        {stack.templateName !== null
          ? <StackActions stackName={stack.name} environment={stack.environment} template={stack.templateName} allowed={stack.allowedActions} activeDeploymentId={stack.activeDeployment?.id ?? null} clientToken={clientToken} />
          : <AdoptPanel stackName={stack.name} environment={stack.environment} actor={actor} />}
        <div className="grid gap-6 xl:grid-cols-2">
          <KeyValues title="Parameters" rows={Object.entries(stack.parameters).map(([k, v]) => ({ key: k, value: v }))} empty="No parameters yet." />
          <KeyValues title="Outputs" rows={stack.outputs.map((o) => ({ key: o.key, value: o.value, hint: o.exportName ? `export ${o.exportName}` : undefined }))} empty="No outputs yet." />
        </div>
        {stack.templateName === "service" && !stack.deleted ? <ServiceHealth stackName={stack.name} actor={actor} /> : null}
        {stack.deleted ? null : (
          <section aria-labelledby="resources">
            <div className="mb-2 flex flex-wrap items-baseline gap-x-3">
              <h2 id="resources" className="text-base font-semibold">Resources{stack.resources ? ` (${stack.resources.length})` : ""}</h2>
              <RefreshedAt at={stack.resourcesRefreshedAt} every="after every change" pending="CloudFormation has not been asked for this stack's resources yet; they appear within a minute." />
            </div>
            {stack.resources?.length ? (
              <Table caption="Resources" head={<><Th>Logical id</Th><Th>Physical id</Th><Th>Type</Th><Th>Status</Th></>}>
                {stack.resources.map((r) => (
                  <tr key={r.logicalId}>
                    <Td className="font-mono text-xs">{r.logicalId}</Td>
                    <Td className="max-w-xs break-all font-mono text-xs">{r.physicalId ?? "—"}</Td>
                    <Td className="font-mono text-xs">{r.resourceType}</Td>
                    <Td><StackStatusBadge status={r.status} /></Td>
                  </tr>
                ))}
              </Table>
            ) : stack.resources ? <p className="text-sm text-slate-600">No resources.</p> : null}
          </section>
        )}
        {stack.deleted || !stack.managed ? null : (
          <DriftPanel drift={stack.drift} failure={driftFailure} action={<DetectDriftButton stackName={stack.name} detecting={stack.drift.status === "DETECTING"} allowed={mayDetect && !!stack.status} />} />
        )}
        {stack.deleted || !stack.managed ? null : (
          <Suspense fallback={<p className="text-sm text-slate-500">Loading the alarms…</p>}>
            <StackAlarms stackName={stack.name} />
          </Suspense>
        )}
        {stack.deleted || !stack.status ? null : <TeardownSection actor={actor} environment={await getEnvironmentByKey(getDb(), stack.environment)} stackName={stack.name} />}
        <DeploymentHistory stack={stack} clientToken={clientToken} />
        <EventTable events={[...stack.events].reverse()} caption="Latest events" />
      </div>
    </>
  );
}

/** A link to the stack in the AWS console, only when the console talks to real AWS (no custom endpoint). */
function consoleUrl(stack: { region: string; awsStackId: string | null }): string | null {
  if (process.env.AWS_ENDPOINT_URL || process.env.AWS_ENDPOINT_URL_CLOUDFORMATION || !stack.awsStackId) return null;
  return `https://${stack.region}.console.aws.amazon.com/cloudformation/home?region=${stack.region}#/stacks/stackinfo?stackId=${encodeURIComponent(stack.awsStackId)}`;
}

function KeyValues({ title, rows, empty }: { title: string; rows: { key: string; value: string; hint?: string }[]; empty: string }) {
  return (
    <section aria-labelledby={title}>
      <h2 id={title} className="mb-2 text-base font-semibold">{title}</h2>
      {rows.length ? (
        <Table caption={title} head={<><Th>Name</Th><Th>Value</Th></>}>
          {rows.map((r) => (
            <tr key={r.key}>
              <Td className="font-mono text-xs">{r.key}</Td>
              <Td className="break-all font-mono text-xs">{r.value}{r.hint ? <span className="block font-sans text-[11px] text-slate-500">{r.hint}</span> : null}</Td>
            </tr>
          ))}
        </Table>
      ) : <p className="text-sm text-slate-600">{empty}</p>}
    </section>
  );
}
