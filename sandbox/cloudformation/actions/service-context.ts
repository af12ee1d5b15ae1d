// What every action handler gets: the state store, the operation engine and the sandbox's clock and services.
import { randomUUID } from "node:crypto";
import { AwsError, type RequestContext, type ServiceDeps } from "../../core/contracts.ts";
import type { StackEngine } from "../engine/engine.ts";
import type { CloudFormationStore } from "../state/store.ts";
import type { OperationKind, StackRecord } from "../state/types.ts";
import type { QueryParams } from "./params.ts";

export interface ServiceContext {
  store: CloudFormationStore;
  engine: StackEngine;
  deps: ServiceDeps;
}

export type ActionHandler = (svc: ServiceContext, params: QueryParams, ctx: RequestContext) => string | Promise<string>;

const STACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]*$/;

export function checkStackName(name: string): void {
  if (!STACK_NAME.test(name) || name.length > 128) {
    throw new AwsError("ValidationError", `1 validation error detected: Value '${name}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`);
  }
}

export function newStackId(ctx: RequestContext, name: string): string {
  return `arn:aws:cloudformation:${ctx.region}:${ctx.accountId}:stack/${name}/${randomUUID()}`;
}

/** A retried request with the same ClientRequestToken is answered like the first one, without a new operation. */
export function isRetry(stack: StackRecord | undefined, token: string | undefined, action: string): boolean {
  return Boolean(stack && token && stack.requestTokens[token] === action);
}

export function beginOperation(stack: StackRecord, kind: OperationKind, now: string, extra: { token?: string; action: string; disableRollback?: boolean; changeSetId?: string }): void {
  if (extra.token) stack.requestTokens[extra.token] = extra.action;
  stack.operation = {
    kind,
    id: randomUUID(),
    clientRequestToken: extra.token,
    startedAt: now,
    phase: "deploy",
    disableRollback: extra.disableRollback,
    failedResources: [],
    changeSetId: extra.changeSetId,
  };
}

export const UPDATABLE_STATUSES = new Set(["CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE"]);

export function requireUpdatable(stack: StackRecord): void {
  if (!UPDATABLE_STATUSES.has(stack.status)) {
    throw new AwsError("ValidationError", `Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`);
  }
}
