// XML for the API's structures (Stack, StackEvent, StackResource, Change, ...), shaped after the SDK's schemas.
// NoEcho parameter values are always masked.
import type { ChangeSetRecord, ResourceChangeRecord, ResourceRecord, StackConfig, StackEventRecord, StackRecord } from "../state/types.ts";
import { el, memberList, raw, stringMembers } from "../xml.ts";

export const MASK = "****";

export function parametersXml(config: StackConfig | undefined): string {
  if (!config || config.parameters.length === 0) return "";
  return memberList("Parameters", config.parameters, (p) =>
    el("ParameterKey", p.key) + el("ParameterValue", p.noEcho ? MASK : p.value) + el("ResolvedValue", p.noEcho ? undefined : p.resolvedValue));
}

export function tagsXml(tags: { Key: string; Value: string }[] | undefined): string {
  if (!tags || tags.length === 0) return "";
  return memberList("Tags", tags, (t) => el("Key", t.Key) + el("Value", t.Value));
}

export function rollbackConfigurationXml(config: StackConfig | undefined): string {
  const rollback = config?.rollbackConfiguration;
  if (!rollback) return raw("RollbackConfiguration", "");
  return raw("RollbackConfiguration",
    memberList("RollbackTriggers", rollback.triggers, (t) => el("Arn", t.arn) + el("Type", t.type)) +
    el("MonitoringTimeInMinutes", rollback.monitoringTimeInMinutes));
}

export function stackXml(stack: StackRecord): string {
  const config = stack.config ?? stack.pendingConfig;
  return el("StackId", stack.stackId) +
    el("StackName", stack.stackName) +
    el("ChangeSetId", stack.changeSetId) +
    el("Description", config?.template.Description) +
    parametersXml(config) +
    el("CreationTime", stack.creationTime) +
    el("DeletionTime", stack.deletionTime) +
    el("LastUpdatedTime", stack.lastUpdatedTime) +
    rollbackConfigurationXml(config) +
    el("StackStatus", stack.status) +
    el("StackStatusReason", stack.statusReason) +
    el("DisableRollback", stack.disableRollback) +
    stringMembers("NotificationARNs", config?.notificationArns ?? []) +
    el("TimeoutInMinutes", stack.timeoutInMinutes) +
    (config && config.capabilities.length > 0 ? stringMembers("Capabilities", config.capabilities) : "") +
    (stack.outputs.length > 0 ? memberList("Outputs", stack.outputs, (o) => el("OutputKey", o.key) + el("OutputValue", o.value) + el("Description", o.description) + el("ExportName", o.exportName)) : "") +
    el("RoleARN", stack.roleArn) +
    tagsXml(config?.tags) +
    el("EnableTerminationProtection", stack.terminationProtection) +
    stackDriftXml(stack);
}

export function stackSummaryXml(stack: StackRecord): string {
  return el("StackId", stack.stackId) +
    el("StackName", stack.stackName) +
    el("TemplateDescription", (stack.config ?? stack.pendingConfig)?.template.Description) +
    el("CreationTime", stack.creationTime) +
    el("LastUpdatedTime", stack.lastUpdatedTime) +
    el("DeletionTime", stack.deletionTime) +
    el("StackStatus", stack.status) +
    el("StackStatusReason", stack.statusReason) +
    stackDriftXml(stack);
}

function stackDriftXml(stack: StackRecord): string {
  return raw("DriftInformation", el("StackDriftStatus", stack.drift?.status ?? "NOT_CHECKED") + el("LastCheckTimestamp", stack.drift?.lastCheck));
}

export function eventXml(stack: StackRecord, event: StackEventRecord): string {
  return el("StackId", stack.stackId) +
    el("EventId", event.eventId) +
    el("StackName", stack.stackName) +
    el("LogicalResourceId", event.logicalId) +
    el("PhysicalResourceId", event.physicalId) +
    el("ResourceType", event.resourceType) +
    el("Timestamp", event.timestamp) +
    el("ResourceStatus", event.status) +
    el("ResourceStatusReason", event.reason) +
    el("ClientRequestToken", event.clientRequestToken);
}

export function resourceXml(stack: StackRecord, resource: ResourceRecord, shape: "resource" | "summary" | "detail"): string {
  const drift = raw("DriftInformation", el("StackResourceDriftStatus", resource.drift?.status ?? "NOT_CHECKED") + el("LastCheckTimestamp", resource.drift?.lastCheck));
  const common = el("LogicalResourceId", resource.logicalId) +
    el("PhysicalResourceId", resource.current?.physicalId ?? resource.previous?.physicalId) +
    el("ResourceType", resource.type);
  const status = el("ResourceStatus", resource.status) + el("ResourceStatusReason", resource.statusReason);
  if (shape === "summary") return common + el("LastUpdatedTimestamp", resource.lastUpdated) + status + drift;
  const owner = el("StackName", stack.stackName) + el("StackId", stack.stackId);
  if (shape === "resource") return owner + common + el("Timestamp", resource.lastUpdated) + status + drift;
  const metadata = resource.current?.definition.Metadata;
  return owner + common + el("LastUpdatedTimestamp", resource.lastUpdated) + status +
    el("Metadata", metadata ? JSON.stringify(metadata) : undefined) + drift;
}

export function changeXml(change: ResourceChangeRecord): string {
  const details = memberList("Details", change.details, (d) =>
    raw("Target", el("Attribute", d.target.attribute) + el("Name", d.target.name) + el("RequiresRecreation", d.target.requiresRecreation)) +
    el("Evaluation", d.evaluation) + el("ChangeSource", d.changeSource) + el("CausingEntity", d.causingEntity));
  return el("Type", "Resource") + raw("ResourceChange",
    el("Action", change.action) +
    el("LogicalResourceId", change.logicalId) +
    el("PhysicalResourceId", change.physicalId) +
    el("ResourceType", change.resourceType) +
    el("Replacement", change.replacement) +
    stringMembers("Scope", change.scope) +
    details);
}

export function changeSetSummaryXml(changeSet: ChangeSetRecord): string {
  return el("StackId", changeSet.stackId) +
    el("StackName", changeSet.stackName) +
    el("ChangeSetId", changeSet.changeSetId) +
    el("ChangeSetName", changeSet.changeSetName) +
    el("ExecutionStatus", changeSet.executionStatus) +
    el("Status", changeSet.status) +
    el("StatusReason", changeSet.statusReason) +
    el("CreationTime", changeSet.creationTime) +
    el("Description", changeSet.description) +
    el("IncludeNestedStacks", false);
}
