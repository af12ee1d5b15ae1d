import Link from "next/link";
import type { DeploymentDetail } from "@/lib/deployments/types";
import type { UpstreamStack } from "@/lib/deployments/upstream";
import { NO_CHANGES } from "@/lib/deployments/complete-preview";
import { buttonClass } from "@/components/ui/button";
import { UpstreamNotice } from "../../../stacks/_components/upstream-notice";
import { RetryPreviewButton } from "./retry-preview-button";

/**
 * A preview that failed, said once: what CloudFormation (or we) refused, that nothing was changed, the fix when we
 * know it (the stacks it imports from), and what to do next: retry the same change, or edit it.
 */
export function PreviewFailed({ d, chain, canChange }: { d: DeploymentDetail; chain: UpstreamStack[]; canChange: boolean }) {
  const noChanges = d.resultReason === NO_CHANGES;
  const reason = (d.resultReason ?? "CloudFormation gave no reason.").replace(/^Preview failed:\s*/, "");
  const edit = d.action === "create" ? `/stacks/new?env=${d.environment}&template=${d.templateName}` : `/stacks/${d.stackName}/change`;
  return (
    <section aria-labelledby="preview-failed" className={`rounded-lg border p-4 ${noChanges ? "border-slate-200 bg-white" : "border-red-200 bg-red-50"}`}>
      <h2 id="preview-failed" className={`text-base font-semibold ${noChanges ? "text-slate-900" : "text-red-800"}`}>
        {noChanges ? "Nothing to change" : "The preview failed"}
      </h2>
      <p className="mt-1 text-sm" role={noChanges ? undefined : "alert"}>{reason}</p>
      <p className="mt-1 text-xs text-slate-600">Nothing was changed in AWS; {d.stackName} is free for another change.</p>
      {chain.length ? <div className="mt-3"><UpstreamNotice environment={d.environment} template={d.templateName} chain={chain} /></div> : null}
      {canChange ? (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          {noChanges || chain.length ? null : <RetryPreviewButton deploymentId={d.id} />}
          {d.action === "rollback" ? null : <Link href={edit} className={buttonClass(noChanges || chain.length ? "primary" : "secondary")}>{noChanges ? "Change the parameters" : "Edit and retry"}</Link>}
          <Link href={`/stacks/${d.stackName}`} className={buttonClass("secondary")}>Discard: back to {d.stackName}</Link>
        </div>
      ) : null}
    </section>
  );
}
