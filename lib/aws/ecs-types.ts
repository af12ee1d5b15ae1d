// What the rest of the app sees of ECS. Raw SDK types stay in lib/aws.

export type RolloutState = "IN_PROGRESS" | "COMPLETED" | "FAILED";

export interface EcsDeploymentRecord {
  id: string;
  /** PRIMARY (the newest), ACTIVE (being drained) or INACTIVE. */
  status: string;
  taskDefinitionArn: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  failedTasks: number;
  rolloutState: RolloutState | null;
  rolloutStateReason: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

export interface EcsServiceEvent {
  id: string;
  createdAt: Date | null;
  message: string;
}

export interface EcsServiceDescription {
  serviceName: string;
  serviceArn: string;
  clusterArn: string;
  status: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  taskDefinitionArn: string;
  deployments: EcsDeploymentRecord[];
  /** Newest first, as ECS returns them. */
  events: EcsServiceEvent[];
}

export interface EcsTaskDefinitionSummary {
  arn: string;
  family: string;
  revision: number;
  containers: { name: string; image: string }[];
}

export interface MetricPoint {
  at: Date;
  value: number;
}
