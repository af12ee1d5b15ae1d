import type { StackStatusGroup } from "../deployments/stack-status.ts";
import type { DeploymentAction, DeploymentStatus, DeploymentSummary } from "../deployments/types.ts";

// The overview dashboard's data: plain values only.

export type VerdictTone = "green" | "blue" | "amber" | "red" | "grey";

export interface OverviewVerdict {
  tone: VerdictTone;
  /** One line: "All good: 7 stacks healthy, no alarms" / "2 alarms in ALARM, 1 stack failed". */
  text: string;
}

export interface InProgressDeployment {
  id: string;
  stackName: string;
  action: DeploymentAction;
  status: DeploymentStatus;
  resourcesDone: number;
  resourcesTotal: number;
  startedAt: string | null;
  /** Our last stored event id, so a live viewer asks the stream only for what comes next. */
  lastEventId: string | null;
}

export interface AlarmsInAlarm {
  count: number;
  /** The first few, for the dashboard to name (newest state change first). */
  names: string[];
}

/** Two different numbers, never one in place of the other: what exists costs, and what everything would cost. */
export interface OverviewCost {
  deployed: { monthly: number; stacks: number };
  /** The whole platform if deployed (planning figure); null when it cannot be estimated. */
  platform: number | null;
}

export interface Overview {
  environment: { key: string; name: string; requiresApproval: boolean };
  stacks: {
    total: number;
    byGroup: Record<StackStatusGroup, number>;
    /** Failed and rolled-back stacks by name (a few), so the dashboard can name them. */
    attention: { name: string; status: string | null }[];
  };
  /** Alarms in ALARM (count and the first few names); null when alarm states could not be read. */
  alarms: AlarmsInAlarm | null;
  inProgress: InProgressDeployment[];
  awaitingApproval: number;
  recent: DeploymentSummary[];
  cost: OverviewCost;
  verdict: OverviewVerdict;
  /** issue 16: stacks whose latest drift detection found drift (count and the first few names). */
  drifted: { count: number; names: string[] };
}
