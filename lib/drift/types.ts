// What the API and the stack page see of a stack's drift (GET /api/v1/stacks/{name} carries it as `drift`).

export type DriftStatus = "IN_SYNC" | "DRIFTED" | "NOT_CHECKED" | "DETECTING";

export interface DriftDifferenceDto {
  path: string;
  expected: string;
  actual: string;
}

export interface ResourceDriftDto {
  logicalId: string;
  /** CloudFormation's StackResourceDriftStatus: IN_SYNC, MODIFIED, DELETED or NOT_CHECKED. */
  status: string;
  differences: DriftDifferenceDto[];
}

export interface StackDriftDto {
  status: DriftStatus;
  /** When the shown result was found (null before the first completed detection). */
  checkedAt: string | null;
  resources: ResourceDriftDto[];
}
