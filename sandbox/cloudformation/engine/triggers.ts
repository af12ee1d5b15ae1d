// Rollback triggers: CloudWatch alarms watched while resources deploy and for MonitoringTimeInMinutes afterwards.
// An alarm in ALARM (or a trigger alarm that does not exist) fails the operation, which then rolls back.
import type { StackConfig } from "../state/types.ts";
import { failOperation, wait, type Operation } from "./operation.ts";

const POLL_INTERVAL_MS = 10_000;

/** The reason the operation must roll back, or undefined while every trigger alarm is fine. */
export function trippedTrigger(op: Operation, config: StackConfig): string | undefined {
  for (const trigger of config.rollbackConfiguration?.triggers ?? []) {
    const state = op.deps.cloudwatch.getAlarmState(op.stack.region, trigger.arn);
    if (state === undefined) return `Rollback trigger ${trigger.arn} does not exist`;
    if (state === "ALARM") return `Stack operation rolled back: alarm ${trigger.arn} is in ALARM state`;
  }
  return undefined;
}

/** Polls the triggers until `stop()` is called or the operation is aborted. */
export function watchTriggers(op: Operation, config: StackConfig): { stop(): void } {
  let stopped = false;
  if ((config.rollbackConfiguration?.triggers ?? []).length === 0) return { stop() {} };
  void (async () => {
    while (!stopped && !op.abort.signal.aborted) {
      const reason = trippedTrigger(op, config);
      if (reason) {
        failOperation(op, reason);
        return;
      }
      await op.deps.clock.delay(POLL_INTERVAL_MS);
    }
  })();
  return { stop: () => void (stopped = true) };
}

/** The monitoring window after deployment; false when a trigger fired or the operation was cancelled. */
export async function monitoringWindow(op: Operation, config: StackConfig): Promise<boolean> {
  const minutes = config.rollbackConfiguration?.monitoringTimeInMinutes ?? 0;
  let remaining = minutes * 60_000;
  do {
    const reason = trippedTrigger(op, config);
    if (reason) {
      failOperation(op, reason);
      return false;
    }
    if (remaining <= 0) return !op.abort.signal.aborted;
    const step = Math.min(POLL_INTERVAL_MS, remaining);
    if (!(await wait(op, step))) return false;
    remaining -= step;
  } while (true);
}
