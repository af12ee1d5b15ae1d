// Stack and resource events, appended per stack (DescribeStackEvents reads them newest first from the end).
import { randomUUID } from "node:crypto";
import type { ResourceRecord, ResourceStatus, StackRecord, StackStatus } from "../state/types.ts";
import type { CloudFormationStore } from "../state/store.ts";

export const STACK_RESOURCE_TYPE = "AWS::CloudFormation::Stack";

export function setStackStatus(store: CloudFormationStore, stack: StackRecord, status: StackStatus, reason?: string): void {
  stack.status = status;
  stack.statusReason = reason;
  stack.events.push({
    eventId: randomUUID(),
    timestamp: store.now(),
    logicalId: stack.stackName,
    physicalId: stack.stackId,
    resourceType: STACK_RESOURCE_TYPE,
    status,
    reason,
    clientRequestToken: stack.operation?.clientRequestToken,
  });
  if (status.endsWith("_COMPLETE") && status !== "ROLLBACK_COMPLETE" && status !== "DELETE_COMPLETE") stack.everStable = true;
  store.save();
}

export function setResourceStatus(
  store: CloudFormationStore,
  stack: StackRecord,
  resource: ResourceRecord,
  status: ResourceStatus,
  options: { reason?: string; physicalId?: string } = {},
): void {
  const timestamp = store.now();
  resource.status = status;
  resource.statusReason = options.reason;
  resource.lastUpdated = timestamp;
  stack.events.push({
    eventId: `${resource.logicalId}-${status}-${timestamp}-${randomUUID().slice(0, 8)}`,
    timestamp,
    logicalId: resource.logicalId,
    physicalId: options.physicalId ?? resource.current?.physicalId ?? "",
    resourceType: resource.type,
    status,
    reason: options.reason,
    clientRequestToken: stack.operation?.clientRequestToken,
  });
  store.save();
}
