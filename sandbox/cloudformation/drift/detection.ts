// DetectStackDrift runs asynchronously, as on AWS: DETECTION_IN_PROGRESS for a simulated while (a few seconds plus a
// little per resource), then complete. Completion is computed when the detection is first read after that moment,
// so a restarted sandbox finishes detections it had started. The results compare each resource's expected
// properties (the template's, resolved) with what it really has (changed out of band through POST /_sandbox/drift).
import { randomUUID } from "node:crypto";
import { AwsError, type Clock } from "../../core/contracts.ts";
import type { CloudFormationStore } from "../state/store.ts";
import type { DriftDetectionRecord, RegionState, ResourceDriftRecord, StackRecord } from "../state/types.ts";
import { actualProperties, propertyDifferences } from "./compare.ts";

const BASE_MS = 3_000;
const PER_RESOURCE_MS = 500;
/** Stacks in these states have a settled configuration to compare (not while an operation is under way). */
const DETECTABLE = new Set(["CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "UPDATE_ROLLBACK_FAILED", "ROLLBACK_COMPLETE", "IMPORT_COMPLETE"]);

export function startDetection(store: CloudFormationStore, clock: Clock, region: string, stack: StackRecord, logicalIds: string[]): DriftDetectionRecord {
  if (!DETECTABLE.has(stack.status)) {
    throw new AwsError("ValidationError", `Drift detection cannot be performed on stack [${stack.stackName}] in ${stack.status} state`);
  }
  for (const id of logicalIds) {
    if (!stack.resources[id]) throw new AwsError("ValidationError", `Resource ${id} does not exist for stack ${stack.stackName}`);
  }
  const now = clock.now();
  const count = logicalIds.length || Object.keys(stack.resources).length;
  const detection: DriftDetectionRecord = {
    detectionId: randomUUID(),
    stackId: stack.stackId,
    startedAt: now.toISOString(),
    readyAt: new Date(now.getTime() + (BASE_MS + PER_RESOURCE_MS * count) * clock.speed).toISOString(),
    logicalIds: logicalIds.length ? logicalIds : undefined,
    status: "DETECTION_IN_PROGRESS",
  };
  (store.region(region).driftDetections ??= {})[detection.detectionId] = detection;
  store.save();
  return detection;
}

/** The detection, completed first if its time has come. */
export function readDetection(store: CloudFormationStore, region: string, detectionId: string): DriftDetectionRecord {
  const state = store.region(region);
  const detection = state.driftDetections?.[detectionId];
  if (!detection) throw new AwsError("ValidationError", `Drift detection with id ${detectionId} does not exist`);
  if (detection.status === "DETECTION_IN_PROGRESS" && store.now() >= detection.readyAt) complete(store, state, detection);
  return detection;
}

/** The newest detection of the stack, completed if due (DescribeStackResourceDrifts answers its results). */
export function latestDetection(store: CloudFormationStore, region: string, stack: StackRecord): DriftDetectionRecord | undefined {
  const all = Object.values(store.region(region).driftDetections ?? {}).filter((d) => d.stackId === stack.stackId);
  for (const d of all) readDetection(store, region, d.detectionId);
  return all.filter((d) => d.status === "DETECTION_COMPLETE").sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
}

function complete(store: CloudFormationStore, state: RegionState, detection: DriftDetectionRecord): void {
  const stack = state.stacks[detection.stackId];
  if (!stack || stack.status === "DELETE_COMPLETE") {
    detection.status = "DETECTION_FAILED";
    detection.reason = "Stack was deleted during drift detection";
    store.save();
    return;
  }
  const timestamp = detection.readyAt;
  const wanted = detection.logicalIds ? new Set(detection.logicalIds) : null;
  detection.results = Object.values(stack.resources)
    .filter((r) => !wanted || wanted.has(r.logicalId))
    .map((record): ResourceDriftRecord => {
      const current = record.current;
      if (!current) {
        return { logicalId: record.logicalId, resourceType: record.type, status: "NOT_CHECKED", expected: {}, actual: {}, differences: [], timestamp };
      }
      const expected = current.properties;
      const actual = actualProperties(expected, current.outOfBand);
      const differences = propertyDifferences(expected, actual);
      return {
        logicalId: record.logicalId, physicalId: current.physicalId, resourceType: record.type,
        status: differences.length ? "MODIFIED" : "IN_SYNC", expected, actual, differences, timestamp,
      };
    });
  for (const result of detection.results) {
    const record = stack.resources[result.logicalId];
    if (record && result.status !== "NOT_CHECKED") record.drift = { status: result.status, lastCheck: timestamp };
  }
  detection.status = "DETECTION_COMPLETE";
  stack.drift = { status: detection.results.some((r) => r.status === "MODIFIED" || r.status === "DELETED") ? "DRIFTED" : "IN_SYNC", lastCheck: timestamp };
  store.save();
}

export const driftedCount = (detection: DriftDetectionRecord) =>
  (detection.results ?? []).filter((r) => r.status === "MODIFIED" || r.status === "DELETED").length;
