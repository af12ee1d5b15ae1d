import type { DeploymentWithApproval } from "../../../lib/approvals/types.ts";
import { formatDuration } from "./progress.ts";
import type { Outcome } from "./wait.ts";

/** Exit codes a pipeline can branch on (README, "Deploying from CI"). */
export const EXIT = { ok: 0, failed: 1, usage: 2, timedOut: 3, needsAction: 4 } as const;

/** The last lines and the exit code: success, or the reason it did not succeed and what to do. */
export function describeOutcome(outcome: Outcome, consoleUrl: string): { code: number; lines: string[] } {
  if (outcome.kind === "timed_out") {
    const status = outcome.deployment ? ` (still ${outcome.deployment.status})` : "";
    return { code: EXIT.timedOut, lines: [`timed out waiting for the deployment${status}; it goes on in Stackdeck: ${consoleUrl}`] };
  }
  const d = outcome.deployment;
  if (outcome.kind === "stuck_ready") return { code: EXIT.needsAction, lines: stuckLines(d, consoleUrl) };
  const took = d.durationSeconds !== null ? ` in ${formatDuration(d.durationSeconds)}` : "";
  switch (d.status) {
    case "succeeded":
      return { code: EXIT.ok, lines: [`succeeded: ${d.action} of ${d.stackName}${took} (${d.progress.total} resource change${d.progress.total === 1 ? "" : "s"})`] };
    case "rejected": {
      const rejection = d.approval?.decisions.find((x) => !x.approved);
      return {
        code: EXIT.failed,
        lines: [rejection ? `rejected by ${rejection.by}: “${rejection.comment}”` : `rejected: ${d.resultReason ?? "no reason given"}`],
      };
    }
    case "rolled_back":
      return { code: EXIT.failed, lines: [`rolled back${took}: ${d.resultReason ?? "the change failed and CloudFormation rolled it back"}`, `  details: ${consoleUrl}`] };
    case "cancelled":
      return { code: EXIT.failed, lines: [`cancelled: ${d.resultReason ?? "the change was cancelled"}`] };
    default:
      return { code: EXIT.failed, lines: [`${d.status}: ${d.resultReason ?? "no reason given"}`, `  details: ${consoleUrl}`] };
  }
}

function stuckLines(d: DeploymentWithApproval, consoleUrl: string): string[] {
  if (d.requiresApproval && !d.approval) {
    return [
      `stopped at ready: ${d.environment} requires approval and this change was not sent to the approvers.`,
      `  request approval in the console (${consoleUrl}) or with POST /api/v1/deployments/${d.id}/request-approval, then run: npx stackdeck status ${d.id} --wait`,
    ];
  }
  if (d.approval?.status === "approved") {
    return [`approved but not applied: deploy it in the console (${consoleUrl}) or with POST /api/v1/deployments/${d.id}/execute`];
  }
  return [`stopped at ready: the change was not applied (may this token's user deploy in ${d.environment}?); deploy it in the console: ${consoleUrl}`];
}
