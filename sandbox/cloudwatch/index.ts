import {
  UnknownOperationError,
  type CloudWatchApi,
  type Clock,
  type JsonService,
  type StateStore,
} from "../core/contracts.ts";
import { runEvery } from "../core/clock.ts";
import { createAlarmApi } from "./alarm-api.ts";
import { Alarms } from "./alarms.ts";
import { describeAlarmHistory } from "./history-api.ts";
import { createMetricsApi } from "./metrics-api.ts";
import { setEmitting } from "./emissions.ts";
import { regionStateAccessor } from "./state.ts";

/** CloudWatch evaluates metric alarms about once a minute; the sandbox does so every simulated minute. */
export const EVALUATION_INTERVAL_SECONDS = 60;

export interface CloudWatchDeps {
  accountId?: string;
  clock: Clock;
  store: StateStore;
}

type Handler = (region: string, body: Record<string, unknown>) => unknown;

export function createCloudWatchService(deps: CloudWatchDeps): JsonService & CloudWatchApi {
  const { regionState, allRegions } = regionStateAccessor(deps.store);
  const alarms = new Alarms(regionState, deps.clock, deps.store, deps.accountId);
  const handlers: Record<string, Handler> = {
    ...createAlarmApi(alarms, regionState),
    ...createMetricsApi(regionState, deps.clock, deps.store),
    DescribeAlarmHistory: (region, body) => describeAlarmHistory(regionState, region, body),
  };

  runEvery(deps.clock, EVALUATION_INTERVAL_SECONDS * 1000, () => alarms.evaluateAll(allRegions(), EVALUATION_INTERVAL_SECONDS), "alarm evaluation");

  return {
    protocol: "json",
    async handle(operation, body, ctx) {
      const handler = Object.hasOwn(handlers, operation) ? handlers[operation] : undefined;
      if (!handler) throw new UnknownOperationError(operation);
      return handler(ctx.region, body);
    },
    putMetricAlarm(region, input) {
      return { alarmArn: alarms.put(region, input).AlarmArn };
    },
    emitMetrics(region, metrics, emitting) {
      if (setEmitting(regionState(region), metrics, emitting, deps.clock.now().getTime())) deps.store.markDirty();
    },
    deleteAlarms(region, alarmNames) {
      alarms.delete(region, alarmNames);
    },
    getAlarmState(region, nameOrArn) {
      return alarms.find(region, nameOrArn)?.StateValue;
    },
  };
}
