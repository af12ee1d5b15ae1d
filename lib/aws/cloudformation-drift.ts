import {
  DescribeStackDriftDetectionStatusCommand, DescribeStackResourceDriftsCommand, DetectStackDriftCommand,
} from "@aws-sdk/client-cloudformation";
import { cloudFormationClient } from "./clients.ts";
import { callCloudFormation } from "./cloudformation-errors.ts";

// Drift detection: start it, follow it (it is asynchronous), read each resource's result. Our types only.

export type DetectionStatus = "DETECTION_IN_PROGRESS" | "DETECTION_COMPLETE" | "DETECTION_FAILED";

export interface DriftDetectionState {
  status: DetectionStatus;
  reason: string | null;
  stackDriftStatus: "DRIFTED" | "IN_SYNC" | "NOT_CHECKED" | "UNKNOWN" | null;
  driftedCount: number | null;
  timestamp: Date | null;
}

export interface ResourceDrift {
  logicalId: string;
  resourceType: string;
  status: "IN_SYNC" | "MODIFIED" | "DELETED" | "NOT_CHECKED" | "UNKNOWN";
  differences: { path: string; expected: string; actual: string; type: string }[];
}

export async function detectStackDrift(region: string, stackName: string): Promise<string> {
  const out = await callCloudFormation("DetectStackDrift", () =>
    cloudFormationClient(region).send(new DetectStackDriftCommand({ StackName: stackName })),
  );
  return out.StackDriftDetectionId ?? "";
}

export async function describeDriftDetection(region: string, detectionId: string): Promise<DriftDetectionState> {
  const out = await callCloudFormation("DescribeStackDriftDetectionStatus", () =>
    cloudFormationClient(region).send(new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId: detectionId })),
  );
  return {
    status: (out.DetectionStatus ?? "DETECTION_FAILED") as DetectionStatus,
    reason: out.DetectionStatusReason ?? null,
    stackDriftStatus: (out.StackDriftStatus ?? null) as DriftDetectionState["stackDriftStatus"],
    driftedCount: out.DriftedStackResourceCount ?? null,
    timestamp: out.Timestamp ?? null,
  };
}

/** Every resource's result of the stack's latest detection (all pages). */
export async function describeResourceDrifts(region: string, stackName: string): Promise<ResourceDrift[]> {
  const client = cloudFormationClient(region);
  const drifts: ResourceDrift[] = [];
  let token: string | undefined;
  do {
    const out = await callCloudFormation("DescribeStackResourceDrifts", () =>
      client.send(new DescribeStackResourceDriftsCommand({ StackName: stackName, NextToken: token, MaxResults: 100 })),
    );
    for (const d of out.StackResourceDrifts ?? []) {
      drifts.push({
        logicalId: d.LogicalResourceId ?? "",
        resourceType: d.ResourceType ?? "",
        status: (d.StackResourceDriftStatus ?? "UNKNOWN") as ResourceDrift["status"],
        differences: (d.PropertyDifferences ?? []).map((p) => ({ path: p.PropertyPath ?? "", expected: p.ExpectedValue ?? "", actual: p.ActualValue ?? "", type: p.DifferenceType ?? "" })),
      });
    }
    token = out.NextToken;
  } while (token);
  return drifts;
}
