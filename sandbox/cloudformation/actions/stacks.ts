import { checkServiceRole } from "./service-role.ts";
// CreateStack, UpdateStack, DeleteStack and UpdateTerminationProtection.
import { AwsError } from "../../core/contracts.ts";
import { planChanges, isNoOpUpdate } from "../diff/plan.ts";
import { runCreate } from "../engine/create.ts";
import { completeDeletion, runDelete } from "../engine/delete.ts";
import { setStackStatus } from "../engine/events.ts";
import { runUpdate } from "../engine/update.ts";
import type { StackConfig, StackRecord } from "../state/types.ts";
import { el } from "../xml.ts";
import { bool, required, stringList } from "./params.ts";
import { prepareConfig } from "./prepare.ts";
import { beginOperation, checkStackName, isRetry, newStackId, requireUpdatable, type ActionHandler, type ServiceContext } from "./service-context.ts";
import { obsoleteChangeSets } from "./change-set-state.ts";

export const createStack: ActionHandler = (svc, params, ctx) => {
  const name = required(params, "StackName");
  checkStackName(name);
  const region = svc.store.region(ctx.region);
  const existing = svc.store.findStack(ctx.region, name);
  if (isRetry(existing, params.ClientRequestToken, "CreateStack")) return el("StackId", existing!.stackId);
  if (existing) throw new AwsError("AlreadyExistsException", `Stack [${name}] already exists`);
  const stackId = newStackId(ctx, name);
  const config = prepareConfig(params, { stackName: name, stackId, region: ctx.region }, region);
  const now = svc.store.now();
  const onFailure = params.OnFailure;
  const stack: StackRecord = {
    stackId, stackName: name, region: ctx.region, creationTime: now, status: "CREATE_IN_PROGRESS", config,
    resources: {}, outputs: [], events: [], requestTokens: {}, everStable: false,
    disableRollback: bool(params, "DisableRollback") ?? onFailure === "DO_NOTHING",
    terminationProtection: bool(params, "EnableTerminationProtection") ?? false,
    timeoutInMinutes: params.TimeoutInMinutes ? Number(params.TimeoutInMinutes) : undefined,
    roleArn: checkServiceRole(params.RoleARN, stackId),
  };
  region.stacks[stackId] = stack;
  region.liveStackIds[name] = stackId;
  beginOperation(stack, "CREATE", now, { token: params.ClientRequestToken, action: "CreateStack", disableRollback: stack.disableRollback });
  setStackStatus(svc.store, stack, "CREATE_IN_PROGRESS", "User Initiated");
  svc.engine.start(stack, runCreate);
  return el("StackId", stackId);
};

/** Starts an update to `config` (UpdateStack and ExecuteChangeSet). */
export function startUpdate(svc: ServiceContext, stack: StackRecord, config: StackConfig, options: { token?: string; action: string; disableRollback?: boolean; changeSetId?: string }): void {
  const now = svc.store.now();
  stack.pendingConfig = config;
  stack.lastUpdatedTime = now;
  if (options.disableRollback !== undefined) stack.disableRollback = options.disableRollback;
  obsoleteChangeSets(svc.store.region(stack.region), stack.stackId, options.changeSetId);
  beginOperation(stack, "UPDATE", now, { ...options, disableRollback: stack.disableRollback });
  setStackStatus(svc.store, stack, "UPDATE_IN_PROGRESS", "User Initiated");
  svc.engine.start(stack, runUpdate);
}

export const updateStack: ActionHandler = (svc, params, ctx) => {
  const stack = svc.store.requireLiveStack(ctx.region, required(params, "StackName"));
  if (isRetry(stack, params.ClientRequestToken, "UpdateStack")) return el("StackId", stack.stackId);
  requireUpdatable(stack);
  const region = svc.store.region(ctx.region);
  const config = prepareConfig(params, stack, region, stack.config);
  const typeChange = Object.entries(config.template.Resources).find(([id, r]) => stack.resources[id]?.current && stack.resources[id].type !== r.Type);
  if (typeChange) {
    throw new AwsError("ValidationError", `Update of resource type is not permitted. The new template modifies resource type of the following resources: [${typeChange[0]}]`);
  }
  if (isNoOpUpdate(stack, config, planChanges(stack, config, region))) throw new AwsError("ValidationError", "No updates are to be performed.");
  startUpdate(svc, stack, config, { token: params.ClientRequestToken, action: "UpdateStack", disableRollback: bool(params, "DisableRollback") });
  return el("StackId", stack.stackId);
};

const DELETABLE = new Set([
  "CREATE_COMPLETE", "CREATE_FAILED", "ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "DELETE_FAILED", "UPDATE_COMPLETE",
  "UPDATE_ROLLBACK_COMPLETE", "UPDATE_ROLLBACK_FAILED", "UPDATE_FAILED", "REVIEW_IN_PROGRESS",
]);

export const deleteStack: ActionHandler = (svc, params, ctx) => {
  const stack = svc.store.findStack(ctx.region, required(params, "StackName"));
  // Deleting a stack that does not exist (any more) succeeds silently on AWS.
  if (!stack || stack.status === "DELETE_COMPLETE" || stack.status === "DELETE_IN_PROGRESS") return "";
  if (stack.terminationProtection) {
    throw new AwsError("ValidationError", `Stack [${stack.stackName}] cannot be deleted while TerminationProtection is enabled`);
  }
  const retainResources = stringList(params, "RetainResources");
  if (retainResources.length > 0 && stack.status !== "DELETE_FAILED") {
    throw new AwsError("ValidationError", `Invalid operation on stack [${stack.stackId}]. RetainResources can only be specified when the stack is in the DELETE_FAILED state`);
  }
  if (!DELETABLE.has(stack.status)) {
    throw new AwsError("ValidationError", `Stack [${stack.stackName}] cannot be deleted while in status ${stack.status}`);
  }
  const neverDeployed = !stack.config;
  beginOperation(stack, "DELETE", svc.store.now(), { token: params.ClientRequestToken, action: "DeleteStack" });
  stack.operation!.retainResources = retainResources;
  setStackStatus(svc.store, stack, "DELETE_IN_PROGRESS", "User Initiated");
  if (neverDeployed) {
    svc.engine.start(stack, async (op) => completeDeletion(op));
  } else {
    svc.engine.start(stack, runDelete);
  }
  return "";
};

export const updateTerminationProtection: ActionHandler = (svc, params, ctx) => {
  const stack = svc.store.requireLiveStack(ctx.region, required(params, "StackName"));
  stack.terminationProtection = bool(params, "EnableTerminationProtection") ?? false;
  svc.store.save();
  return el("StackId", stack.stackId);
};
