import type { Tone } from "@/components/ui/tone";
import type { DeploymentStatus } from "@/lib/deployments/types";
import { stackStatusGroup, type StackStatusGroup } from "@/lib/deployments/stack-status";

// One colour per meaning (STYLE.md): green complete, blue in progress, amber rollback or awaiting approval,
// red failed, grey unknown / nothing happening.

const GROUP_TONES: Record<StackStatusGroup, Tone> = { failed: "red", rollback: "amber", in_progress: "blue", healthy: "green", other: "grey" };

export function stackStatusTone(status: string | null | undefined): Tone {
  return GROUP_TONES[stackStatusGroup(status)];
}

export const stackStatusGroupTone = (group: StackStatusGroup): Tone => GROUP_TONES[group];

const DEPLOYMENT_TONES: Record<DeploymentStatus, Tone> = {
  previewing: "blue",
  ready: "grey",
  awaiting_approval: "amber",
  executing: "blue",
  rejected: "red",
  deploying: "blue",
  cancelling: "amber",
  succeeded: "green",
  failed: "red",
  rolled_back: "amber",
  cancelled: "grey",
};

export const deploymentStatusTone = (status: DeploymentStatus): Tone => DEPLOYMENT_TONES[status];

export const DEPLOYMENT_STATUS_LABELS: Record<DeploymentStatus, string> = {
  previewing: "previewing",
  ready: "ready to deploy",
  awaiting_approval: "awaiting approval",
  executing: "starting",
  rejected: "rejected",
  deploying: "deploying",
  cancelling: "cancelling",
  succeeded: "succeeded",
  failed: "failed",
  rolled_back: "rolled back",
  cancelled: "cancelled",
};

/** A resource event's status (CREATE_COMPLETE, UPDATE_FAILED, DELETE_SKIPPED, ...). */
export const resourceStatusTone = stackStatusTone;
