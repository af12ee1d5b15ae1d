// The CloudFormation service's persisted state: plain JSON, one document per sandbox (see StateStore).
import type { ResourceDefinition, Template } from "../template/types.ts";
import type { ResolvedParameter } from "../template/parameters.ts";
import type { SecretRecord } from "../template/dynamic-references.ts";

export type StackStatus =
  | "CREATE_IN_PROGRESS" | "CREATE_FAILED" | "CREATE_COMPLETE"
  | "ROLLBACK_IN_PROGRESS" | "ROLLBACK_FAILED" | "ROLLBACK_COMPLETE"
  | "DELETE_IN_PROGRESS" | "DELETE_FAILED" | "DELETE_COMPLETE"
  | "UPDATE_IN_PROGRESS" | "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS" | "UPDATE_COMPLETE" | "UPDATE_FAILED"
  | "UPDATE_ROLLBACK_IN_PROGRESS" | "UPDATE_ROLLBACK_FAILED" | "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS"
  | "UPDATE_ROLLBACK_COMPLETE" | "REVIEW_IN_PROGRESS";

export type ResourceStatus =
  | "CREATE_IN_PROGRESS" | "CREATE_FAILED" | "CREATE_COMPLETE"
  | "DELETE_IN_PROGRESS" | "DELETE_FAILED" | "DELETE_COMPLETE" | "DELETE_SKIPPED"
  | "UPDATE_IN_PROGRESS" | "UPDATE_FAILED" | "UPDATE_COMPLETE"
  | "UPDATE_ROLLBACK_IN_PROGRESS" | "UPDATE_ROLLBACK_FAILED" | "UPDATE_ROLLBACK_COMPLETE"
  | "ROLLBACK_IN_PROGRESS" | "ROLLBACK_COMPLETE" | "ROLLBACK_FAILED";

export interface StackEventRecord {
  eventId: string;
  timestamp: string;
  logicalId: string;
  physicalId: string;
  resourceType: string;
  status: string;
  reason?: string;
  properties?: string;
  clientRequestToken?: string;
}

/** One provisioned instance of a resource (a replacement has two while the update is in flight). */
export interface PhysicalResource {
  physicalId: string;
  attributes: Record<string, unknown>;
  properties: Record<string, unknown>;
  definition: ResourceDefinition;
  /**
   * Top-level properties someone changed outside CloudFormation (POST /_sandbox/drift): what the resource really has
   * now, where it differs from `properties`; null = the property was removed. Gone once CloudFormation updates it.
   */
  outOfBand?: Record<string, unknown>;
}

export interface ResourceRecord {
  logicalId: string;
  type: string;
  status: ResourceStatus;
  statusReason?: string;
  lastUpdated: string;
  /** The instance the stack currently uses; absent before creation was initiated. */
  current?: PhysicalResource;
  /** During an update: the instance before it (kept for rollback; deleted in cleanup when it was replaced). */
  previous?: PhysicalResource;
  /** An update of this resource in the current operation: "updated" in place or "replaced". */
  change?: "created" | "updated" | "replaced";
  /** After an update rollback: the replacement instance to delete in the rollback cleanup phase. */
  discard?: PhysicalResource;
  /** The last completed drift detection of this resource (its DriftInformation). */
  drift?: { status: "IN_SYNC" | "MODIFIED" | "DELETED"; lastCheck: string };
}

export interface RollbackConfigurationRecord {
  triggers: { arn: string; type: string }[];
  monitoringTimeInMinutes?: number;
}

export interface StackOutputRecord {
  key: string;
  value: string;
  description?: string;
  exportName?: string;
}

export type OperationKind = "CREATE" | "UPDATE" | "DELETE" | "ROLLBACK" | "UPDATE_ROLLBACK";

export interface OperationRecord {
  kind: OperationKind;
  id: string;
  clientRequestToken?: string;
  startedAt: string;
  /** Phase of a multi-phase operation, so a restarted sandbox resumes where it stopped. */
  phase: "deploy" | "monitor" | "cleanup" | "rollback" | "rollback-cleanup" | "done";
  disableRollback?: boolean;
  failedResources: string[];
  failureReason?: string;
  /** ContinueUpdateRollback: resources whose rollback is skipped. */
  skip?: string[];
  retainResources?: string[];
  /** Set when the operation executes a change set (its ExecutionStatus follows the outcome). */
  changeSetId?: string;
}

export interface StackConfig {
  template: Template;
  templateBody: string;
  parameters: ResolvedParameter[];
  tags: { Key: string; Value: string }[];
  capabilities: string[];
  notificationArns: string[];
  rollbackConfiguration?: RollbackConfigurationRecord;
}

export interface StackRecord {
  stackId: string;
  stackName: string;
  region: string;
  creationTime: string;
  lastUpdatedTime?: string;
  deletionTime?: string;
  status: StackStatus;
  statusReason?: string;
  /** The deployed configuration (for REVIEW_IN_PROGRESS stacks: none yet). */
  config?: StackConfig;
  /** During an update: the configuration being rolled forward to (becomes `config` on success). */
  pendingConfig?: StackConfig;
  resources: Record<string, ResourceRecord>;
  outputs: StackOutputRecord[];
  events: StackEventRecord[];
  disableRollback: boolean;
  terminationProtection: boolean;
  timeoutInMinutes?: number;
  roleArn?: string;
  changeSetId?: string;
  operation?: OperationRecord;
  /** ClientRequestToken -> the action it was used for, for idempotent retries. */
  requestTokens: Record<string, string>;
  /** Export names this stack imports with Fn::ImportValue. */
  imports?: string[];
  /** Whether the stack ever reached a *_COMPLETE state (RollbackStack deletes stacks that did not). */
  everStable: boolean;
  /** The last completed drift detection (DescribeStacks' DriftInformation). */
  drift?: { status: "DRIFTED" | "IN_SYNC"; lastCheck: string };
}

export type StackResourceDriftStatus = "IN_SYNC" | "MODIFIED" | "DELETED" | "NOT_CHECKED";

export interface ResourceDriftRecord {
  logicalId: string;
  physicalId?: string;
  resourceType: string;
  status: StackResourceDriftStatus;
  expected: Record<string, unknown>;
  actual: Record<string, unknown>;
  differences: { path: string; expected: string; actual: string; type: "ADD" | "REMOVE" | "NOT_EQUAL" }[];
  timestamp: string;
}

/** One DetectStackDrift operation: in progress until `readyAt` (simulated duration), then its results. */
export interface DriftDetectionRecord {
  detectionId: string;
  stackId: string;
  startedAt: string;
  readyAt: string;
  logicalIds?: string[];
  status: "DETECTION_IN_PROGRESS" | "DETECTION_COMPLETE" | "DETECTION_FAILED";
  reason?: string;
  results?: ResourceDriftRecord[];
}

export type ChangeSetStatus = "CREATE_PENDING" | "CREATE_IN_PROGRESS" | "CREATE_COMPLETE" | "DELETE_PENDING" | "DELETE_IN_PROGRESS" | "DELETE_COMPLETE" | "DELETE_FAILED" | "FAILED";
export type ExecutionStatus = "UNAVAILABLE" | "AVAILABLE" | "EXECUTE_IN_PROGRESS" | "EXECUTE_COMPLETE" | "EXECUTE_FAILED" | "OBSOLETE";

export interface ResourceChangeDetailRecord {
  target: { attribute: string; name?: string; requiresRecreation?: string };
  evaluation: "Static" | "Dynamic";
  changeSource: string;
  causingEntity?: string;
}

export interface ResourceChangeRecord {
  action: "Add" | "Modify" | "Remove";
  logicalId: string;
  physicalId?: string;
  resourceType: string;
  replacement?: "True" | "False" | "Conditional";
  scope: string[];
  details: ResourceChangeDetailRecord[];
}

export interface ChangeSetRecord {
  changeSetId: string;
  changeSetName: string;
  stackId: string;
  stackName: string;
  changeSetType: "CREATE" | "UPDATE";
  description?: string;
  creationTime: string;
  status: ChangeSetStatus;
  statusReason?: string;
  executionStatus: ExecutionStatus;
  config: StackConfig;
  changes: ResourceChangeRecord[];
  clientToken?: string;
  /** The service role passed on CreateChangeSet (RoleARN); the stack runs with it once executed. */
  roleArn?: string;
}

export interface RegionState {
  stacks: Record<string, StackRecord>;
  /** Stack name -> id of the live (not DELETE_COMPLETE) stack with that name. */
  liveStackIds: Record<string, string>;
  /** Export name -> the exporting stack and value (unique per region). */
  exports: Record<string, { stackId: string; value: string }>;
  changeSets: Record<string, ChangeSetRecord>;
  /** AWS::SSM::Parameter resources, so AWS::SSM::Parameter::Value<...> parameters can read them. */
  ssmParameters: Record<string, string>;
  /** Secrets Manager secrets (ARN -> name and value) for secretsmanager dynamic references; absent in older state. */
  secrets?: Record<string, SecretRecord>;
  /** DetectStackDrift operations by id; absent in older state. */
  driftDetections?: Record<string, DriftDetectionRecord>;
}

export interface CloudFormationState {
  regions: Record<string, RegionState>;
}
