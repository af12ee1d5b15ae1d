import type { DeploymentWithApproval } from "../../../lib/approvals/types.ts";
import type { DeploymentStatus } from "../../../lib/deployments/types.ts";
import type { StackdeckClient } from "./client.ts";
import type { Reporter } from "./progress.ts";

export type Outcome =
  | { kind: "finished"; deployment: DeploymentWithApproval }
  /** Still `ready` after the grace period: nothing will apply it without someone acting (see describeOutcome). */
  | { kind: "stuck_ready"; deployment: DeploymentWithApproval }
  | { kind: "timed_out"; deployment: DeploymentWithApproval | null };

export interface WaitOptions {
  reporter: Reporter;
  timeoutMs: number;
  /**
   * How long `ready` may last. With execute: true a preview is applied (or sent to the approvers) as soon as it is
   * ready, so `ready` is a passing state; one that lasts means the pipeline would wait forever.
   */
  readyGraceMs?: number;
  signal?: AbortSignal;
}

/** Streams the deployment's events and progress until it ends, gets stuck at `ready`, or the timeout passes. */
export async function waitForOutcome(client: StackdeckClient, id: string, options: WaitOptions): Promise<Outcome> {
  const { reporter } = options;
  const stop = new AbortController();
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([stop.signal, timeout, ...(options.signal ? [options.signal] : [])]);
  let status: DeploymentStatus | null = null;
  let readyTimer: ReturnType<typeof setTimeout> | undefined;
  let stuck = false;

  const onStatus = (next: DeploymentStatus) => {
    if (next === status) return;
    status = next;
    clearTimeout(readyTimer);
    if (next === "awaiting_approval") {
      client.getDeployment(id, signal).then((d) => approvalLines(d, client.consoleUrl(id)).forEach((l) => reporter.line(l)), () => undefined);
    }
    if (next === "ready") {
      readyTimer = setTimeout(() => {
        stuck = true;
        stop.abort();
      }, options.readyGraceMs ?? 15_000);
    }
  };
  const ticker = setInterval(() => reporter.tick(), 1000);
  try {
    await client.follow(
      id,
      {
        onEvent: (event) => reporter.event(event),
        onState: (state) => {
          reporter.state(state);
          onStatus(state.status);
        },
        onReconnect: ({ reason, lastEventId, delayMs }) =>
          reporter.line(`connection lost (${reason}); resuming ${lastEventId ? `after event ${lastEventId}` : "from the start"} in ${Math.round(delayMs / 1000)}s`),
      },
      { signal },
    );
    return { kind: "finished", deployment: await client.getDeployment(id) };
  } catch (error) {
    if (stuck) return { kind: "stuck_ready", deployment: await client.getDeployment(id) };
    if (timeout.aborted) return { kind: "timed_out", deployment: await client.getDeployment(id).catch(() => null) };
    throw error;
  } finally {
    clearInterval(ticker);
    clearTimeout(readyTimer);
    reporter.done();
  }
}

/** Who must approve, and where: said once when the deployment starts waiting. */
export function approvalLines(d: DeploymentWithApproval, consoleUrl: string): string[] {
  const a = d.approval;
  const needed = a ? `${a.approvalsRequired} approval${a.approvalsRequired === 1 ? "" : "s"} (${a.approvals} so far)` : "approval";
  const until = a ? `, before ${a.expiresAt.slice(0, 16).replace("T", " ")} UTC` : "";
  return [
    `waiting for approval: ${d.environment} needs ${needed} from an approver of ${d.environment} other than ${a?.requestedBy ?? d.requestedBy}${until}`,
    `  approve or reject in the console: ${consoleUrl}`,
    `  or, as an approver: npx stackdeck approve ${d.id} --comment "…"`,
  ];
}
