// CreateChangeSet, DescribeChangeSet, ListChangeSets, ExecuteChangeSet and DeleteChangeSet.
import { randomUUID } from "node:crypto";
import { checkServiceRole } from "./service-role.ts";
import { AwsError } from "../../core/contracts.ts";
import { isNoOpUpdate, planChanges } from "../diff/plan.ts";
import { runCreate } from "../engine/create.ts";
import { setStackStatus } from "../engine/events.ts";
import type { ChangeSetRecord, RegionState, StackRecord } from "../state/types.ts";
import { el, memberList } from "../xml.ts";
import { bool, required } from "./params.ts";
import { prepareConfig } from "./prepare.ts";
import { changeSetSummaryXml, changeXml, parametersXml, rollbackConfigurationXml, tagsXml } from "./serialize.ts";
import { beginOperation, checkStackName, newStackId, requireUpdatable, type ActionHandler, type ServiceContext } from "./service-context.ts";
import { findChangeSet, obsoleteChangeSets } from "./change-set-state.ts";
import { startUpdate } from "./stacks.ts";

const NO_CHANGES = "The submitted information didn't contain changes. Submit different information to create a change set.";
const COMPUTE_MS = 3_000;

/** CreateChangeSet of type CREATE makes the stack exist, in REVIEW_IN_PROGRESS, until the change set runs. */
function reviewStack(svc: ServiceContext, region: RegionState, name: string, stackId: string, regionName: string): StackRecord {
  const stack: StackRecord = {
    stackId, stackName: name, region: regionName, creationTime: svc.store.now(), status: "REVIEW_IN_PROGRESS",
    resources: {}, outputs: [], events: [], requestTokens: {}, everStable: false, disableRollback: false, terminationProtection: false,
  };
  region.stacks[stackId] = stack;
  region.liveStackIds[name] = stackId;
  setStackStatus(svc.store, stack, "REVIEW_IN_PROGRESS", "User Initiated");
  return stack;
}

/** Computing a change set takes a few (simulated) seconds: CREATE_PENDING -> CREATE_IN_PROGRESS -> result. */
export async function computeChangeSet(svc: ServiceContext, changeSet: ChangeSetRecord): Promise<void> {
  const region = svc.store.region(changeSet.stackId.split(":")[3]);
  await svc.deps.clock.delay(COMPUTE_MS / 3);
  changeSet.status = "CREATE_IN_PROGRESS";
  svc.store.save();
  await svc.deps.clock.delay((COMPUTE_MS * 2) / 3);
  const stack = region.stacks[changeSet.stackId];
  if (!stack || region.changeSets[changeSet.changeSetId] !== changeSet) return;
  changeSet.changes = planChanges(stack, changeSet.config, region);
  // The stack may have been updated while this change set was being computed: it stays OBSOLETE (never executable).
  const obsolete = changeSet.executionStatus === "OBSOLETE";
  if (changeSet.changeSetType === "UPDATE" && isNoOpUpdate(stack, changeSet.config, changeSet.changes)) {
    changeSet.status = "FAILED";
    changeSet.statusReason = NO_CHANGES;
    changeSet.executionStatus = "UNAVAILABLE";
  } else {
    changeSet.status = "CREATE_COMPLETE";
    changeSet.executionStatus = "AVAILABLE";
  }
  if (obsolete) changeSet.executionStatus = "OBSOLETE";
  svc.store.save();
}

export const createChangeSet: ActionHandler = (svc, params, ctx) => {
  const stackName = required(params, "StackName");
  const changeSetName = required(params, "ChangeSetName");
  const type = params.ChangeSetType ?? "UPDATE";
  if (type !== "CREATE" && type !== "UPDATE") throw new AwsError("ValidationError", `ChangeSetType ${type} is not supported`);
  const region = svc.store.region(ctx.region);
  let stack = svc.store.findStack(ctx.region, stackName);
  const retry = Object.values(region.changeSets).find((c) => params.ClientToken && c.clientToken === params.ClientToken && c.changeSetName === changeSetName);
  if (retry) return el("Id", retry.changeSetId) + el("StackId", retry.stackId);
  if (type === "CREATE" && stack && stack.status !== "REVIEW_IN_PROGRESS") {
    throw new AwsError("ValidationError", `Stack [${stackName}] already exists and cannot be created again with the changeSet [${changeSetName}].`);
  }
  if (type === "UPDATE") {
    if (!stack || stack.status === "DELETE_COMPLETE") throw new AwsError("ValidationError", `Stack [${stackName}] does not exist`);
    if (stack.status === "REVIEW_IN_PROGRESS") throw new AwsError("ValidationError", `Stack [${stackName}] does not exist`);
    requireUpdatable(stack);
  }
  if (stack && Object.values(region.changeSets).some((c) => c.stackId === stack!.stackId && c.changeSetName === changeSetName)) {
    throw new AwsError("AlreadyExistsException", `ChangeSet ${changeSetName} already exists`);
  }
  checkStackName(stackName);
  const stackId = stack?.stackId ?? newStackId(ctx, stackName);
  const roleArn = checkServiceRole(params.RoleARN, stackId);
  const config = prepareConfig(params, { stackName, stackId, region: ctx.region }, region, stack?.config);
  stack ??= reviewStack(svc, region, stackName, stackId, ctx.region);
  const changeSet: ChangeSetRecord = {
    changeSetId: `arn:aws:cloudformation:${ctx.region}:${ctx.accountId}:changeSet/${changeSetName}/${randomUUID()}`,
    changeSetName, stackId, stackName: stack.stackName, changeSetType: type, description: params.Description,
    creationTime: svc.store.now(), status: "CREATE_PENDING", executionStatus: "UNAVAILABLE", config, changes: [],
    clientToken: params.ClientToken, roleArn,
  };
  region.changeSets[changeSet.changeSetId] = changeSet;
  svc.store.save();
  void computeChangeSet(svc, changeSet);
  return el("Id", changeSet.changeSetId) + el("StackId", stackId);
};

export const describeChangeSet: ActionHandler = (svc, params, ctx) => {
  const changeSet = findChangeSet(svc.store.region(ctx.region), required(params, "ChangeSetName"), params.StackName);
  const config = changeSet.config;
  return el("ChangeSetName", changeSet.changeSetName) + el("ChangeSetId", changeSet.changeSetId) +
    el("StackId", changeSet.stackId) + el("StackName", changeSet.stackName) + el("Description", changeSet.description) +
    parametersXml(config) + el("CreationTime", changeSet.creationTime) + el("ExecutionStatus", changeSet.executionStatus) +
    el("Status", changeSet.status) + el("StatusReason", changeSet.statusReason) +
    memberList("NotificationARNs", config.notificationArns, (a) => a) + rollbackConfigurationXml(config) +
    (config.capabilities.length > 0 ? memberList("Capabilities", config.capabilities, (c) => c) : "") + tagsXml(config.tags) +
    memberList("Changes", changeSet.changes, changeXml) + el("IncludeNestedStacks", false);
};

export const listChangeSets: ActionHandler = (svc, params, ctx) => {
  const stack = svc.store.requireStack(ctx.region, required(params, "StackName"));
  const changeSets = Object.values(svc.store.region(ctx.region).changeSets).filter((c) => c.stackId === stack.stackId);
  return memberList("Summaries", changeSets, changeSetSummaryXml);
};

export const executeChangeSet: ActionHandler = (svc, params, ctx) => {
  const region = svc.store.region(ctx.region);
  const changeSet = findChangeSet(region, required(params, "ChangeSetName"), params.StackName);
  const stack = region.stacks[changeSet.stackId];
  if (params.ClientRequestToken && stack.requestTokens[params.ClientRequestToken] === "ExecuteChangeSet") return "";
  // AWS names the status that blocks execution, one at a time, in these two wordings (seen in AWS's answers, e.g.
  // "... cannot be executed in its current execution status of [OBSOLETE]").
  if (changeSet.status !== "CREATE_COMPLETE") {
    throw new AwsError("InvalidChangeSetStatus", `ChangeSet [${changeSet.changeSetId}] cannot be executed in its current status of [${changeSet.status}]`);
  }
  if (changeSet.executionStatus !== "AVAILABLE") {
    throw new AwsError("InvalidChangeSetStatus", `ChangeSet [${changeSet.changeSetId}] cannot be executed in its current execution status of [${changeSet.executionStatus}]`);
  }
  changeSet.executionStatus = "EXECUTE_IN_PROGRESS";
  stack.changeSetId = changeSet.changeSetId;
  // The change set's role becomes the stack's; without one, an update keeps the role the stack already has.
  if (changeSet.roleArn) stack.roleArn = changeSet.roleArn;
  const options = { token: params.ClientRequestToken, action: "ExecuteChangeSet", disableRollback: bool(params, "DisableRollback"), changeSetId: changeSet.changeSetId };
  if (changeSet.changeSetType === "CREATE") {
    obsoleteChangeSets(region, stack.stackId, changeSet.changeSetId);
    stack.config = changeSet.config;
    stack.disableRollback = options.disableRollback ?? false;
    beginOperation(stack, "CREATE", svc.store.now(), options);
    setStackStatus(svc.store, stack, "CREATE_IN_PROGRESS", "User Initiated");
    svc.engine.start(stack, runCreate);
  } else {
    requireUpdatable(stack);
    startUpdate(svc, stack, changeSet.config, options);
  }
  return "";
};

export const deleteChangeSet: ActionHandler = (svc, params, ctx) => {
  const region = svc.store.region(ctx.region);
  const changeSet = findChangeSet(region, required(params, "ChangeSetName"), params.StackName);
  if (changeSet.executionStatus === "EXECUTE_IN_PROGRESS") {
    throw new AwsError("InvalidChangeSetStatus", `Cannot delete ChangeSet [${changeSet.changeSetId}] in status [EXECUTE_IN_PROGRESS]`);
  }
  delete region.changeSets[changeSet.changeSetId];
  svc.store.save();
  return "";
};
