import { AsyncLocalStorage } from "node:async_hooks";
import type { FinalizeHandler, FinalizeHandlerArguments, HandlerExecutionContext, MetadataBearer, Pluggable } from "@smithy/types";
import { BudgetWaitExceeded, defaultAccountId, processCallBudget, type BudgetService, type CallPriority } from "./call-budget.ts";

// How AWS calls find their budget: every SDK client of lib/aws/clients.ts carries a middleware that runs once per
// attempt (after the SDK's retry step, so retries are counted too). Inside `withCallBudget({ priority })` a call
// waits for a token of its service, account and region; outside one (a person's action on the request path) it is
// debited without waiting. Pollers therefore need no change per AWS operation: whatever they call is budgeted.

export interface BudgetContext {
  priority: CallPriority;
  /** How long a call may wait for a token before the poller backs off (default 20 s: under the tracker's lease). */
  maxWaitMs?: number;
  signal?: AbortSignal;
}

const storage = new AsyncLocalStorage<BudgetContext>();

/** Runs `fn` with its AWS calls taken from the shared budget at `context.priority`. */
export function withCallBudget<T>(context: BudgetContext, fn: () => Promise<T>): Promise<T> {
  return storage.run(context, fn);
}

let lastWarning = 0;

/** Budget bookkeeping must never stop AWS work: if PostgreSQL cannot be asked, the call goes ahead (SDK backoff still applies). */
function failOpen(error: unknown): void {
  if (error instanceof BudgetWaitExceeded) throw error;
  if (Date.now() - lastWarning > 60_000) {
    lastWarning = Date.now();
    console.warn("AWS call budget unavailable, calling without it:", (error as Error).message);
  }
}

/** The SDK plugin for one client (service, region and account are the client's own: one client per target). */
export function callBudgetPlugin(service: BudgetService, region: string, accountId = defaultAccountId()): Pluggable<object, MetadataBearer> {
  const middleware = (next: FinalizeHandler<object, MetadataBearer>, _context: HandlerExecutionContext) =>
    async (args: FinalizeHandlerArguments<object>) => {
      const budget = process.env.AWS_CALL_BUDGET === "off" ? null : processCallBudget();
      if (budget) {
        const context = storage.getStore();
        const key = { service, region, accountId };
        try {
          if (context) await budget.acquire(key, context.priority, { maxWaitMs: context.maxWaitMs, signal: context.signal });
          else await budget.debit(key);
        } catch (error) {
          failOpen(error);
        }
      }
      return next(args);
    };
  return {
    applyToStack: (stack) => {
      stack.addRelativeTo(middleware, { name: "stackdeckCallBudget", relation: "after", toMiddleware: "retryMiddleware", override: true });
    },
  };
}
