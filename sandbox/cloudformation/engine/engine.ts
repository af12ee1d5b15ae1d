// Runs stack operations in the background (the API answers at once, as AWS does) and resumes the ones a stopped
// sandbox left in progress: every flow reads its progress from the persisted state, so it continues where it was.
import type { ServiceDeps } from "../../core/contracts.ts";
import type { CloudFormationStore } from "../state/store.ts";
import type { StackRecord } from "../state/types.ts";
import { runCreate, runCreateRollback } from "./create.ts";
import { runDelete } from "./delete.ts";
import { failOperation, type Operation } from "./operation.ts";
import { runUpdate, runUpdateCleanup } from "./update.ts";
import { runUpdateRollback, runUpdateRollbackCleanup } from "./update-rollback.ts";

export type Flow = (op: Operation) => Promise<void>;

const RESUMABLE: Partial<Record<StackRecord["status"], Flow>> = {
  CREATE_IN_PROGRESS: runCreate,
  ROLLBACK_IN_PROGRESS: runCreateRollback,
  DELETE_IN_PROGRESS: runDelete,
  UPDATE_IN_PROGRESS: runUpdate,
  UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: runUpdateCleanup,
  UPDATE_ROLLBACK_IN_PROGRESS: runUpdateRollback,
  UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS: runUpdateRollbackCleanup,
};

export class StackEngine {
  private readonly running = new Map<string, Operation>();

  constructor(
    private readonly store: CloudFormationStore,
    private readonly deps: ServiceDeps,
  ) {}

  start(stack: StackRecord, flow: Flow): void {
    const op: Operation = { store: this.store, deps: this.deps, stack, region: this.store.region(stack.region), abort: new AbortController() };
    this.running.set(stack.stackId, op);
    void flow(op)
      .catch((error: unknown) => console.error(`[sandbox:cloudformation] operation on ${stack.stackName} crashed`, error))
      .finally(() => {
        if (this.running.get(stack.stackId) === op) this.running.delete(stack.stackId);
      });
  }

  /** CancelUpdateStack: in-flight resources are cancelled and the update rolls back. */
  cancel(stackId: string, reason: string): void {
    const op = this.running.get(stackId);
    if (op) failOperation(op, reason);
  }

  resume(): void {
    for (const region of Object.values(this.store.state.regions)) {
      for (const stack of Object.values(region.stacks)) {
        const flow = RESUMABLE[stack.status];
        if (flow && !this.running.has(stack.stackId)) this.start(stack, flow);
      }
    }
  }
}
