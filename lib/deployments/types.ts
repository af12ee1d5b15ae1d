// The deployments domain's shared vocabulary: statuses, DTOs the pages and the API return, and the shape of a
// change set's resource changes. Plain data only (safe for client components).

export const DEPLOYMENT_STATUSES = [
  "previewing", // change set being created
  "ready", // change set AVAILABLE, may be executed (or sent for approval)
  "awaiting_approval",
  "rejected",
  "deploying", // change set executing (or delete / rollback running), tracked until it ends
  "succeeded",
  "failed", // ended in a failed state (or the preview failed, e.g. "no changes"); resultReason says why
  "rolled_back", // the change failed and CloudFormation rolled it back
  "cancelled", // cancelled by a user (CancelUpdateStack, or a preview discarded)
] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

export const ACTIVE_STATUSES: readonly DeploymentStatus[] = ["previewing", "ready", "awaiting_approval", "deploying"];
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
