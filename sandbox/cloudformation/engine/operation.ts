// The running state of one stack operation and the helpers every flow shares: abortable waits, fault injection
// and the context handed to resource provisioners.
import type { ServiceDeps } from "../../core/contracts.ts";
import type { ProvisionContext } from "../provisioners/types.ts";
import type { CloudFormationStore } from "../state/store.ts";
import type { RegionState, ResourceRecord, StackRecord } from "../state/types.ts";
import type { ResourceDefinition } from "../template/types.ts";
import { attributeNames } from "../spec.ts";

export interface Operation {
  store: CloudFormationStore;
  deps: ServiceDeps;
  stack: StackRecord;
  region: RegionState;
  /** Aborted when the operation must stop early (a resource failed, a rollback trigger fired, a cancel). */
  abort: AbortController;
}

/**
 * Everything waiting on one operation's abort signal. Each resource in flight waits on the same signal, so one
 * listener per waiter would pass Node's limit of 10 "abort" listeners (MaxListenersExceededWarning) as soon as more
 * than 10 independent resources deploy in parallel. Instead the signal gets a single listener that wakes them all.
 */
const waiters = new WeakMap<AbortSignal, Set<() => void>>();

function onAbort(signal: AbortSignal, wake: () => void): () => void {
  let set = waiters.get(signal);
  if (!set) {
    const created = new Set<() => void>();
    waiters.set(signal, (set = created));
    signal.addEventListener("abort", () => {
      for (const waiter of created) waiter();
      created.clear();
    }, { once: true });
  }
  set.add(wake);
  return () => void set.delete(wake);
}

/** Waits `realisticMs` of simulated time; false when the operation was aborted meanwhile. */
export function wait(op: Operation, realisticMs: number): Promise<boolean> {
  const signal = op.abort.signal;
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const stopWaiting = onAbort(signal, () => resolve(false));
    void op.deps.clock.delay(realisticMs).then(() => {
      stopWaiting();
      resolve(!signal.aborted);
    });
  });
}

/** Aborts the operation, remembering the first reason (the one the stack reports). */
export function failOperation(op: Operation, reason?: string): void {
  const operation = op.stack.operation;
  if (operation && reason && !operation.failureReason) operation.failureReason = reason;
  if (!op.abort.signal.aborted) op.abort.abort();
}

type FaultOperation = "Create" | "Update" | "Delete";

/** `Metadata: { SandboxFault: { Operation, Reason } }` makes that operation on the resource fail. */
export function injectedFault(definition: ResourceDefinition | undefined, operation: FaultOperation): string | undefined {
  const fault = definition?.Metadata?.SandboxFault as { Operation?: unknown; Reason?: unknown } | undefined;
  if (!fault || fault.Operation !== operation) return undefined;
  return typeof fault.Reason === "string" ? fault.Reason : `Resource handler returned message: "${operation} failed (SandboxFault)"`;
}

export function provisionContext(op: Operation, logicalId: string): ProvisionContext {
  return {
    region: op.stack.region,
    accountId: op.stack.stackId.split(":")[4] ?? "000000000000",
    stackName: op.stack.stackName,
    stackId: op.stack.stackId,
    logicalId,
    cloudwatch: op.deps.cloudwatch,
    ecs: op.deps.ecs,
    ssmParameters: op.region.ssmParameters,
    secrets: (op.region.secrets ??= {}),
  };
}

/** Adds the attributes AWS's specification lists for the type that the provisioner did not set, so GetAtt works. */
export function withSpecAttributes(type: string, physicalId: string, attributes: Record<string, unknown>): Record<string, unknown> {
  const complete = { ...attributes };
  for (const name of attributeNames(type)) {
    if (complete[name] !== undefined) continue;
    complete[name] = /(Id|Name|Arn)$/.test(name) ? physicalId : `${physicalId}-${name.toLowerCase().replace(/\./g, "-")}`;
  }
  return complete;
}

export function liveResources(stack: StackRecord): ResourceRecord[] {
  return Object.values(stack.resources).filter((r) => r.current && r.status !== "DELETE_COMPLETE" && r.status !== "DELETE_SKIPPED");
}
