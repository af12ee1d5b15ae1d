import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getEnvironmentByKey } from "@/lib/environments/queries";
import { getDeployment, listDeploymentEvents } from "@/lib/deployments/queries";
import { estimateDurationSeconds } from "@/lib/deployments/eta";
import { templateDiffFor } from "@/lib/deployments/template-diff";
import { TemplateDiffView } from "@/components/deployments/template-diff";
import { PageHeader } from "@/components/ui/page-header";
import { Notice } from "@/components/ui/notice";
import { ResourceChanges } from "@/components/deployments/resource-changes";
import { LiveDeployment } from "@/components/deployments/live-deployment";
import { BreakGlassBadge, DeploymentStatusBadge } from "@/components/deployments/status-badges";
import { getApprovalForDeployment } from "@/lib/approvals/queries";
import { deploymentOffer } from "@/lib/approvals/controls";
import { ApprovalPanel } from "./_components/approval-panel";
import { CostDeltaSummary } from "@/components/deployments/cost-delta";
import { ParameterDiff } from "@/components/deployments/parameter-diff";
import { DeploymentControls } from "./_components/deployment-controls";
import { AlarmWarning } from "@/components/alarms/alarm-warning";
import { can } from "@/lib/auth/guard";
import { checkUpstream } from "@/lib/deployments/upstream";
import { PreviewFailed } from "./_components/preview-failed";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Deployment" };

export default async function DeploymentPage({ params }: Props) {
  const actor = await requireActor();
  const db = getDb();
  const { id } = await params;
  const d = await getDeployment(db, actor, id); // checks access first
  const [events, estimatedSeconds, templateDiff, approval] = await Promise.all([
    listDeploymentEvents(db, actor, id, { limit: 1000 }),
    estimateDurationSeconds(db, id),
    templateDiffFor(db, id),
    getApprovalForDeployment(db, actor, id),
  ]);
  const environment = await getEnvironmentByKey(db, d.environment);
  const offer = deploymentOffer(actor, environment, d, approval);
  const started = d.startedAt !== null || d.status === "executing" || d.status === "deploying" || d.status === "cancelling";
  const previewFailed = d.status === "failed" && !started;
  const upstream = previewFailed && d.action !== "delete" ? await checkUpstream(db, { environment, template: d.templateName }) : null;
  const live = (
    <LiveDeployment
      key={d.status}
      deploymentId={d.id}
      initial={{ status: d.status, resourcesDone: d.progress.done, resourcesTotal: d.progress.total, resultReason: d.resultReason, startedAt: d.startedAt, finishedAt: d.finishedAt }}
      initialEvents={events}
      estimatedSeconds={estimatedSeconds === null ? null : Math.round(estimatedSeconds)}
    />
  );
  return (
    <>
      <p className="mb-2 text-sm"><Link href={`/stacks/${d.stackName}`} className="text-sky-700 hover:underline">← {d.stackName}</Link></p>
      <PageHeader
        title={`${capitalise(d.action)} ${d.stackName}`}
        description={`Requested by ${d.requestedBy} on ${d.createdAt.slice(0, 16).replace("T", " ")} UTC · template ${d.templateName}${d.templateVersion ? ` version ${d.templateVersion.sha256.slice(0, 10)}` : ""}${d.note ? ` · “${d.note}”` : ""}`}
        actions={<span className="flex gap-2">{d.breakGlass ? <BreakGlassBadge /> : null}<DeploymentStatusBadge status={d.status} /></span>}
      />
      <div className="space-y-8">
        {d.status === "previewing" ? <Notice tone="blue">CloudFormation is computing the change set…</Notice> : null}
        {previewFailed ? <PreviewFailed d={d} chain={upstream?.chain ?? []} canChange={can(actor, "change:preview", environment)} /> : null}
        {d.status === "executing" ? <Notice tone="blue">Starting the change: waiting for CloudFormation to accept it…</Notice> : null}
        {d.status === "cancelling" ? <Notice tone="amber">Cancel requested: CloudFormation stops the update and rolls it back.</Notice> : null}
        {d.autoExecute && (d.status === "previewing" || d.status === "ready" || d.status === "awaiting_approval") ? (
          <Notice tone="blue">{environment.requiresApproval ? "Deploy when approved: it is applied, as requested by " + d.requestedBy + ", as soon as the last approval lands." : "It is applied as soon as the preview is ready."}</Notice>
        ) : null}
        {d.breakGlass ? <Notice tone="red">Executed without approval through emergency access (break glass): “{d.breakGlassReason}”</Notice> : null}
        {d.status === "ready" || d.status === "awaiting_approval" ? <AlarmWarning stackName={d.stackName} /> : null}
        {approval ? <ApprovalPanel approval={approval} canDecide={offer.decide} /> : null}
        {d.status === "ready" || d.status === "awaiting_approval" ? (
          <DeploymentControls deploymentId={d.id} offer={offer} deployLabel={d.action === "delete" ? "Delete stack" : "Deploy"} />
        ) : null}
        {started ? live : null}
        {d.changes.length || d.status === "ready" ? (
          <section aria-labelledby="preview">
            <h2 id="preview" className="mb-2 text-base font-semibold">{started ? "What the change set contained" : "What will change"}</h2>
            <div className="space-y-4">
              {d.costDelta ? <CostDeltaSummary delta={d.costDelta} /> : null}
              <ResourceChanges changes={d.changes} />
              <ParameterDiff changes={d.parameterDiff} />
              {templateDiff ? <TemplateDiffView diff={templateDiff} /> : null}
            </div>
          </section>
        ) : null}
        {started || previewFailed ? null : live}
      </div>
    </>
  );
}

const capitalise = (s: string) => s[0]!.toUpperCase() + s.slice(1);
