// CancelUpdateStack, ContinueUpdateRollback and RollbackStack: the ways out of a failed or unwanted operation.
import { AwsError } from "../../core/contracts.ts";
import { runCreateRollback } from "../engine/create.ts";
import { setStackStatus } from "../engine/events.ts";
import { runUpdateRollback } from "../engine/update-rollback.ts";
import { el } from "../xml.ts";
import { required, stringList } from "./params.ts";
import { beginOperation, isRetry, type ActionHandler } from "./service-context.ts";

export const cancelUpdateStack: ActionHandler = (svc, params, ctx) => {
  const stack = svc.store.requireLiveStack(ctx.region, required(params, "StackName"));
  if (isRetry(stack, params.ClientRequestToken, "CancelUpdateStack")) return "";
  if (stack.status !== "UPDATE_IN_PROGRESS" || stack.operation?.phase === "cleanup") {
    throw new AwsError("ValidationError", "CancelUpdateStack cannot be called from current stack status");
  }
  if (params.ClientRequestToken) stack.requestTokens[params.ClientRequestToken] = "CancelUpdateStack";
  // A cancel always rolls back, even when the update was started with rollback disabled.
  stack.operation!.disableRollback = false;
  svc.engine.cancel(stack.stackId, "Stack update cancelled");
  return "";
};

export const continueUpdateRollback: ActionHandler = (svc, params, ctx) => {
  const stack = svc.store.requireLiveStack(ctx.region, required(params, "StackName"));
  if (isRetry(stack, params.ClientRequestToken, "ContinueUpdateRollback")) return "";
  if (stack.status !== "UPDATE_ROLLBACK_FAILED") {
    throw new AwsError("ValidationError", "ContinueUpdateRollback cannot be called from current stack status");
  }
  const skip = stringList(params, "ResourcesToSkip");
  const notFailed = skip.filter((id) => stack.resources[id]?.status !== "UPDATE_FAILED");
  if (notFailed.length > 0) {
    throw new AwsError("ValidationError", `Nested stack or resource [${notFailed.join(", ")}] cannot be skipped because it is not in UPDATE_FAILED state`);
  }
  beginOperation(stack, "UPDATE_ROLLBACK", svc.store.now(), { token: params.ClientRequestToken, action: "ContinueUpdateRollback" });
  stack.operation!.skip = skip;
  setStackStatus(svc.store, stack, "UPDATE_ROLLBACK_IN_PROGRESS", "User Initiated");
  svc.engine.start(stack, runUpdateRollback);
  return "";
};

export const rollbackStack: ActionHandler = (svc, params, ctx) => {
  const stack = svc.store.requireLiveStack(ctx.region, required(params, "StackName"));
  if (isRetry(stack, params.ClientRequestToken, "RollbackStack")) return el("StackId", stack.stackId);
  const token = params.ClientRequestToken;
  if (stack.status === "CREATE_FAILED") {
    beginOperation(stack, "ROLLBACK", svc.store.now(), { token, action: "RollbackStack" });
    setStackStatus(svc.store, stack, "ROLLBACK_IN_PROGRESS", "User Initiated");
    svc.engine.start(stack, runCreateRollback);
  } else if (stack.status === "UPDATE_FAILED") {
    beginOperation(stack, "UPDATE_ROLLBACK", svc.store.now(), { token, action: "RollbackStack" });
    setStackStatus(svc.store, stack, "UPDATE_ROLLBACK_IN_PROGRESS", "User Initiated");
    svc.engine.start(stack, runUpdateRollback);
  } else {
    throw new AwsError("ValidationError", `Stack ${stack.stackId} is in ${stack.status} state and can not be rolled back. RollbackStack is only supported for stacks in CREATE_FAILED or UPDATE_FAILED states.`);
  }
  return el("StackId", stack.stackId);
};
