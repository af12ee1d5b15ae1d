// DetectStackDrift, DescribeStackDriftDetectionStatus and DescribeStackResourceDrifts (shapes after the API
// reference), and the sandbox-only control that changes a resource's real properties behind CloudFormation's back.
import { AwsError } from "../../core/contracts.ts";
import { actualProperties as withOutOfBand } from "../drift/compare.ts";
import { driftedCount, latestDetection, readDetection, startDetection } from "../drift/detection.ts";
import type { ResourceDriftRecord } from "../state/types.ts";
import type { CloudFormationStore } from "../state/store.ts";
import { el, memberList } from "../xml.ts";
import { decodeToken, encodeToken, required, stringList } from "./params.ts";
import type { ActionHandler } from "./service-context.ts";

export const detectStackDrift: ActionHandler = (svc, params, ctx) => {
  const stack = svc.store.requireLiveStack(ctx.region, required(params, "StackName"));
  const detection = startDetection(svc.store, svc.deps.clock, ctx.region, stack, stringList(params, "LogicalResourceIds"));
  return el("StackDriftDetectionId", detection.detectionId);
};

export const describeStackDriftDetectionStatus: ActionHandler = (svc, params, ctx) => {
  const detection = readDetection(svc.store, ctx.region, required(params, "StackDriftDetectionId"));
  const complete = detection.status === "DETECTION_COMPLETE";
  const drifted = complete ? driftedCount(detection) : undefined;
  return el("StackId", detection.stackId) +
    el("StackDriftDetectionId", detection.detectionId) +
    el("StackDriftStatus", complete ? (drifted ? "DRIFTED" : "IN_SYNC") : undefined) +
    el("DetectionStatus", detection.status) +
    el("DetectionStatusReason", detection.reason ?? (complete ? "Stack drift detection completed successfully" : undefined)) +
    el("DriftedStackResourceCount", drifted) +
    el("Timestamp", complete ? detection.readyAt : detection.startedAt);
};

const STATUSES = new Set(["IN_SYNC", "MODIFIED", "DELETED", "NOT_CHECKED"]);

export const describeStackResourceDrifts: ActionHandler = (svc, params, ctx) => {
  const stack = svc.store.requireStack(ctx.region, required(params, "StackName"));
  const filters = stringList(params, "StackResourceDriftStatusFilters");
  for (const f of filters) {
    if (!STATUSES.has(f)) throw new AwsError("ValidationError", `1 validation error detected: Value '[${f}]' at 'stackResourceDriftStatusFilters' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [IN_SYNC, MODIFIED, DELETED, NOT_CHECKED, UNKNOWN, UNSUPPORTED]]`);
  }
  const max = params.MaxResults ? Number(params.MaxResults) : 100;
  if (!Number.isInteger(max) || max < 1 || max > 100) {
    throw new AwsError("ValidationError", `1 validation error detected: Value '${params.MaxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100`);
  }
  const results = (latestDetection(svc.store, ctx.region, stack)?.results ?? []).filter((r) => filters.length === 0 || filters.includes(r.status));
  const offset = decodeToken(params.NextToken);
  const items = results.slice(offset, offset + max);
  const next = offset + max < results.length ? encodeToken(offset + max) : undefined;
  return memberList("StackResourceDrifts", items, (r) => driftXml(stack.stackId, r)) + el("NextToken", next);
};

function driftXml(stackId: string, r: ResourceDriftRecord): string {
  const checked = r.status !== "NOT_CHECKED";
  return el("StackId", stackId) +
    el("LogicalResourceId", r.logicalId) +
    el("PhysicalResourceId", r.physicalId) +
    el("ResourceType", r.resourceType) +
    el("ExpectedProperties", checked ? JSON.stringify(r.expected) : undefined) +
    el("ActualProperties", checked ? JSON.stringify(r.actual) : undefined) +
    memberList("PropertyDifferences", r.differences, (d) =>
      el("PropertyPath", d.path) + el("ExpectedValue", d.expected) + el("ActualValue", d.actual) + el("DifferenceType", d.type)) +
    el("StackResourceDriftStatus", r.status) +
    el("Timestamp", r.timestamp);
}

/**
 * POST /_sandbox/drift `{ region?, stackName, logicalResourceId, actualProperties }`: the resource now really has
 * these top-level property values (null removes one), as if someone had changed it in the AWS console. Nothing
 * else about the stack changes; the next drift detection sees the difference, an update of the resource undoes it.
 */
export function changeActualProperties(store: CloudFormationStore, body: unknown): { stackName: string; logicalResourceId: string; actualProperties: Record<string, unknown> } {
  const input = (typeof body === "object" && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const { region = "us-east-1", stackName, logicalResourceId, actualProperties } = input;
  if (typeof region !== "string" || typeof stackName !== "string" || typeof logicalResourceId !== "string") {
    throw new AwsError("ValidationError", "drift body needs stackName and logicalResourceId (strings) and optionally region");
  }
  if (typeof actualProperties !== "object" || actualProperties === null || Array.isArray(actualProperties)) {
    throw new AwsError("ValidationError", "actualProperties must be an object of property values");
  }
  const stack = store.requireLiveStack(region, stackName);
  const current = stack.resources[logicalResourceId]?.current;
  if (!current) throw new AwsError("ValidationError", `Resource ${logicalResourceId} does not exist for stack ${stackName}`);
  current.outOfBand = { ...current.outOfBand, ...(actualProperties as Record<string, unknown>) };
  store.save();
  return { stackName, logicalResourceId, actualProperties: withOutOfBand(current.properties, current.outOfBand) };
}
