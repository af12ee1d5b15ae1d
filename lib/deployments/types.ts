// The deployments domain's shared vocabulary: statuses, DTOs the pages and the API return, and the shape of a
// change set's resource changes. Plain data only (safe for client components).
import type { StackDriftDto } from "../drift/types.ts";

export const DEPLOYMENT_STATUSES = [
  "previewing", // change set being created
  "ready", // change set AVAILABLE, may be executed (or sent for approval)
  "awaiting_approval",
  "executing", // intent: a CloudFormation operation is being started (execute, delete, recovery), not confirmed yet
  "rejected",
  "deploying", // change set executing (or delete / rollback running), tracked until it ends
  "cancelling", // CancelUpdateStack sent (or being sent): tracked until the update ends
  "succeeded",
  "failed", // ended in a failed state (or the preview failed, e.g. "no changes"); resultReason says why
  "rolled_back", // the change failed and CloudFormation rolled it back
  "cancelled", // cancelled by a user (CancelUpdateStack, or a preview discarded)
] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** Statuses that hold the stack's one active slot (the unique index deployments_one_active_per_stack). */
export const ACTIVE_STATUSES: readonly DeploymentStatus[] = ["previewing", "ready", "awaiting_approval", "executing", "deploying", "cancelling"];
/** CloudFormation is working on it (or about to): shown as in progress. */
export const IN_FLIGHT_STATUSES: readonly DeploymentStatus[] = ["previewing", "executing", "deploying", "cancelling"];
export const FINISHED_STATUSES: readonly DeploymentStatus[] = ["rejected", "succeeded", "failed", "rolled_back", "cancelled"];

export type DeploymentAction = "create" | "update" | "rollback" | "delete";

/** One resource change of a change set, as the preview shows it. */
export interface ResourceChange {
  action: "Add" | "Modify" | "Remove" | "Import" | "Dynamic";
  logicalId: string;
  physicalId: string | null;
  resourceType: string;
  replacement: "True" | "False" | "Conditional" | null;
  scope: string[];
  /** What causes the change: property names (and whether each forces recreation). */
  details: { attribute: string; name: string | null; requiresRecreation: string | null; changeSource: string | null }[];
  /** RDS, ElastiCache, S3, ...: a replacement here can lose data, so the preview shows it in red. */
  dataStore: boolean;
}

export interface DeploymentSummary {
  id: string;
  stackName: string;
  environment: string;
  templateName: string;
  action: DeploymentAction;
  status: DeploymentStatus;
  requestedBy: string; // email
  createdAt: string; // ISO
  startedAt: string | null;
  finishedAt: string | null;
  resultReason: string | null;
  resourcesTotal: number;
  resourcesDone: number;
  /** Executed by an admin without approval (emergency access): shown with a red marker everywhere. */
  breakGlass: boolean;
}

export interface StackEventDto {
  id: string; // our sequence (SSE id)
  eventId: string;
  timestamp: string;
  logicalId: string;
  physicalId: string | null;
  resourceType: string;
  status: string;
  reason: string | null;
}

/** What a user may do to a stack now; the stack page shows exactly these and the commands refuse the others. */
export const STACK_ACTIONS = ["update", "rollback-to-version", "cancel", "continue-rollback", "roll-back", "delete"] as const;
export type StackAction = (typeof STACK_ACTIONS)[number];

/** The monthly cost movement of a change: the deployed estimate against the estimate after it. */
export interface CostDelta {
  currency: "USD";
  before: number;
  after: number;
  monthlyDelta: number;
  lines: { logicalId: string; type: string; change: "added" | "removed" | "changed"; before: number; after: number; delta: number }[];
}

export interface ParameterChange {
  name: string;
  before: string | null;
  after: string | null;
}

export interface DeploymentDetail extends DeploymentSummary {
  stackStatus: string | null;
  templateVersion: { id: string; sha256: string; createdAt: string } | null;
  /** Values as deployed; NoEcho values are masked ("****"). */
  parameters: Record<string, string>;
  parameterDiff: ParameterChange[];
  changeSetId: string | null;
  changes: ResourceChange[];
  costDelta: CostDelta | null;
  rollbackToId: string | null;
  /** Applied as soon as the preview is ready (and, where approval is required, as soon as it is approved). */
  autoExecute: boolean;
  executedBy: string | null;
  note: string | null;
  breakGlassReason: string | null;
  eventsCount: number;
  progress: { done: number; total: number; percent: number };
  durationSeconds: number | null;
}

export interface StackSummary {
  name: string;
  environment: string;
  /** null for a stack the console does not manage (found in the account by discovery). */
  templateName: string | null;
  status: string | null;
  statusReason: string | null;
  deleted: boolean;
  monthlyEstimate: number | null;
  lastDeployment: { id: string; action: DeploymentAction; status: DeploymentStatus; by: string; at: string } | null;
  /** The AWS account and region the stack lives in, and its ARN (null before CloudFormation created it). */
  accountId: string;
  region: string;
  stackId: string | null;
  /** false for a stack discovery found in the account that the console does not manage (read-only, adoptable). */
  managed: boolean;
}

export interface StackOutputDto {
  key: string;
  value: string;
  description: string | null;
  exportName: string | null;
}

export interface StackResourceDto {
  logicalId: string;
  physicalId: string | null;
  resourceType: string;
  status: string;
  reason: string | null;
}

export interface DeploymentHistoryEntry extends DeploymentSummary {
  templateVersion: { id: string; sha256: string } | null;
  parameterDiff: ParameterChange[];
  durationSeconds: number | null;
}

export interface StackDetail extends StackSummary {
  region: string;
  awsStackId: string | null;
  parameters: Record<string, string>;
  outputs: StackOutputDto[];
  /** As the background refresh last read them (ListStackResources); null when not read yet or the stack is gone. */
  resources: StackResourceDto[] | null;
  resourcesRefreshedAt: string | null;
  activeDeployment: { id: string; status: DeploymentStatus } | null;
  allowedActions: StackAction[];
  deployments: DeploymentHistoryEntry[];
  /** More deployments exist than `deployments` holds (the deployments page lists them all). */
  olderDeployments: boolean;
  events: StackEventDto[];
  /** issue 16: the latest drift detection (lib/drift). */
  drift: StackDriftDto;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
