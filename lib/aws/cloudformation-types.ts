// The adapter's own types: what the rest of the app sees of CloudFormation. Raw SDK types stay in lib/aws.

export type ChangeSetType = "CREATE" | "UPDATE";

export const REQUIRED_CAPABILITIES = ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"] as const;

/** A parameter sent to CloudFormation: a value, or "keep what the stack has" (NoEcho values we never store). */
export type ParameterInput = { key: string; value: string } | { key: string; usePreviousValue: true };

export interface StackOutput {
  key: string;
  value: string;
  description: string | null;
  exportName: string | null;
}

export interface StackDescription {
  stackId: string;
  stackName: string;
  status: string;
  statusReason: string | null;
  /** As CloudFormation reports them: NoEcho values come back as "****". */
  parameters: Record<string, string>;
  outputs: StackOutput[];
  terminationProtection: boolean;
  createdAt: Date | null;
  updatedAt: Date | null;
}

export interface ChangeSetDescription {
  changeSetId: string;
  changeSetName: string;
  stackId: string | null;
  status: string; // CREATE_PENDING | CREATE_IN_PROGRESS | CREATE_COMPLETE | DELETE_* | FAILED
  executionStatus: string; // UNAVAILABLE | AVAILABLE | EXECUTE_* | OBSOLETE
  statusReason: string | null;
}

export interface StackEventRecord {
  eventId: string;
  stackId: string;
  stackName: string;
  timestamp: Date;
  logicalId: string;
  physicalId: string | null;
  resourceType: string;
  status: string;
  reason: string | null;
  clientRequestToken: string | null;
}

export interface StackResourceRecord {
  logicalId: string;
  physicalId: string | null;
  resourceType: string;
  status: string;
  reason: string | null;
  updatedAt: Date | null;
}

/** Types whose replacement or removal can lose data: the preview shows those changes in red. */
const DATA_STORE = /^AWS::(RDS|ElastiCache|DynamoDB|EFS)::|^AWS::S3::Bucket$/;

export const isDataStore = (resourceType: string) => DATA_STORE.test(resourceType);
