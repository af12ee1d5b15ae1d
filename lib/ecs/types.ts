// ECS service health as the stack page shows it: plain data only (dates as ISO strings).

export type RolloutState = "IN_PROGRESS" | "COMPLETED" | "FAILED";

/** The one-word verdict of a service, each with its status colour: healthy green, deploying blue, degraded amber, failed red. */
export type ServiceVerdict = "healthy" | "deploying" | "degraded" | "failed" | "unknown";

export interface SeriesPoint {
  at: string;
  value: number;
}

export interface ServiceDeploymentDto {
  id: string;
  status: string;
  rolloutState: RolloutState | null;
  rolloutStateReason: string | null;
  taskDefinition: string; // family:revision
  desired: number;
  running: number;
  pending: number;
  failedTasks: number;
  createdAt: string | null;
}

export interface ServiceHealthDto {
  name: string;
  status: string;
  verdict: ServiceVerdict;
  desired: number;
  running: number;
  pending: number;
  taskDefinition: { arn: string; family: string; revision: number; images: string[] } | null;
  deployments: ServiceDeploymentDto[];
  cpu: SeriesPoint[];
  memory: SeriesPoint[];
  /** Set when CloudWatch could not be read; the counts above are still good. */
  metricsError: string | null;
  /** When cpu and memory were read (they are read less often than the counts). */
  metricsAt?: string;
  events: { id: string; at: string | null; message: string }[];
  fetchedAt: string;
}

export interface StackEcsHealth {
  stackName: string;
  region: string;
  cluster: string | null;
  services: ServiceHealthDto[];
  /** Services the stack names that ECS does not know (deleted outside CloudFormation?). */
  missing: string[];
  /** A sentence for the user when ECS could not be read at all. */
  error: string | null;
}

/** What the stack page shows: the last snapshot the ECS health refresh stored, and when it was taken (null: not yet). */
export interface StoredEcsHealth extends StackEcsHealth {
  refreshedAt: string | null;
}
