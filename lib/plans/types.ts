// The plans domain's vocabulary: statuses and the DTOs the pages, the API and the CLI read. Plain data only.

export const PLAN_STATUSES = ["planning", "ready", "awaiting_approval", "applying", "succeeded", "failed", "cancelled", "rejected"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const ACTIVE_PLAN_STATUSES: readonly PlanStatus[] = ["planning", "ready", "awaiting_approval", "applying"];
export const FINISHED_PLAN_STATUSES: readonly PlanStatus[] = ["succeeded", "failed", "cancelled", "rejected"];

export type PlanAction = "apply" | "promote" | "destroy";

export const PLAN_STACK_STATUSES = [
  "pending", // waits for its upstream stacks' previews
  "deferred", // previewed once its upstream stacks are applied, because their exports change
  "previewing",
  "ready",
  "no_change",
  "applying",
  "succeeded",
  "failed",
  "rolled_back",
  "not_started", // the plan stopped (a failure, a cancel) before it started
  "cancelled",
] as const;
export type PlanStackStatus = (typeof PLAN_STACK_STATUSES)[number];
export const SETTLED_STACK_STATUSES: readonly PlanStackStatus[] = ["succeeded", "no_change", "failed", "rolled_back", "not_started", "cancelled"];

/** What a stack's step does: create or update it (a change set), delete it, or nothing (it already matches). */
export type PlanStackAction = "create" | "update" | "delete" | "none";

export interface ParameterDifference {
  name: string;
  from: string | null; // the source environment (promote)
  to: string | null; // this plan's value
}

export interface PlanStackDto {
  name: string;
  template: string;
  action: PlanStackAction;
  status: PlanStackStatus;
  deploymentId: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  dependsOn: string[];
  changes: number;
  dataStoreReplacements: string[];
  monthlyDelta: number | null;
  /** Why it is planned the way it is (e.g. previewed again after an upstream applied), or why it stopped. */
  note: string | null;
  reason: string | null;
  /** Promote: the parameters that differ between the source environment and this one. */
  differences: ParameterDifference[];
  /** Seconds this stack's operation usually takes (for the time left). */
  expectedSeconds: number;
}

export interface PlanDto {
  id: string;
  environment: string;
  action: PlanAction;
  from: string | null;
  status: PlanStatus;
  execute: boolean;
  note: string | null;
  requestedBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  resultReason: string | null;
  costDelta: { currency: "USD"; monthlyDelta: number; before: number; after: number } | null;
  stacks: PlanStackDto[];
  approval: {
    required: boolean;
    approvalsRequired: number | null;
    expiresAt: string | null;
    approvedAt: string | null;
    decisions: { by: string; approved: boolean; comment: string; at: string }[];
  };
  progress: { done: number; total: number; percent: number; secondsLeft: number | null };
}

export interface PlanSummary {
  id: string;
  environment: string;
  action: PlanAction;
  status: PlanStatus;
  requestedBy: string;
  createdAt: string;
  stacks: number;
}
