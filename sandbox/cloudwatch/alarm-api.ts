import { AwsError, type AlarmStateValue } from "../core/contracts.ts";
import { epochSeconds } from "../core/json-input.ts";
import { decodeNextToken, encodeNextToken, pageAfter } from "../core/pagination.ts";
import { readDimensions } from "./alarm-validation.ts";
import { ALARM_STATES, type Alarms } from "./alarms.ts";
import { cloudWatchInput, cloudWatchParameterErrors, invalidCombination, invalidNextToken, invalidParameter } from "./input.ts";
import { sameDimensions, type AlarmRecord, type RegionStateOf } from "./state.ts";

/** A MetricAlarm as the API returns it: timestamps as epoch seconds, internal bookkeeping removed. */
export function alarmToWire(alarm: AlarmRecord) {
  const { forcedHoldSeconds: _hold, Tags: _tags, Metrics, StateUpdatedTimestamp, StateTransitionedTimestamp, AlarmConfigurationUpdatedTimestamp, ...rest } = alarm;
  return {
    ...rest,
    ...(rest.Namespace === "" ? { Namespace: undefined, MetricName: undefined } : {}),
    ...(Metrics ? { Metrics } : {}),
    StateUpdatedTimestamp: epochSeconds(StateUpdatedTimestamp),
    StateTransitionedTimestamp: epochSeconds(StateTransitionedTimestamp),
    AlarmConfigurationUpdatedTimestamp: epochSeconds(AlarmConfigurationUpdatedTimestamp),
  };
}

export function createAlarmApi(alarms: Alarms, regionState: RegionStateOf) {
  return {
    PutMetricAlarm(region: string, body: Record<string, unknown>) {
      alarms.put(region, body);
      return {};
    },

    DescribeAlarms(region: string, body: Record<string, unknown>) {
      const input = cloudWatchInput(body);
      const names = input.stringList("AlarmNames");
      const prefix = input.string("AlarmNamePrefix");
      const stateValue = input.string("StateValue");
      const actionPrefix = input.string("ActionPrefix");
      const types = input.stringList("AlarmTypes");
      const maxRecords = input.integer("MaxRecords", 1, 100) ?? 50;
      const token = input.string("NextToken");
      if (names && names.length > 100) throw invalidParameter("The collection AlarmNames must not have more than 100 members.");
      if (names && prefix !== undefined) throw invalidCombination("AlarmNames and AlarmNamePrefix cannot be specified together.");
      if (stateValue !== undefined && !ALARM_STATES.includes(stateValue as AlarmStateValue)) {
        throw invalidParameter(`The value ${stateValue} for parameter StateValue is not valid.`);
      }
      // Only metric alarms exist here; without AlarmTypes AWS returns metric alarms only.
      const wantsMetricAlarms = !types || types.includes("MetricAlarm");
      const matching = Object.values(regionState(region).alarms)
        .filter(() => wantsMetricAlarms)
        .filter((alarm) => !names || names.includes(alarm.AlarmName))
        .filter((alarm) => prefix === undefined || alarm.AlarmName.startsWith(prefix))
        .filter((alarm) => stateValue === undefined || alarm.StateValue === stateValue)
        .filter((alarm) => actionPrefix === undefined || allActions(alarm).some((action) => action.startsWith(actionPrefix)))
        .sort((a, b) => (a.AlarmName < b.AlarmName ? -1 : 1));
      const after = token ? decodeNextToken<{ after: string }>(token, invalidNextToken).after : undefined;
      const { page, lastKey } = pageAfter(matching, (alarm) => alarm.AlarmName, after, maxRecords);
      return {
        MetricAlarms: page.map(alarmToWire),
        CompositeAlarms: [],
        NextToken: lastKey === undefined ? undefined : encodeNextToken({ after: lastKey }),
      };
    },

    DescribeAlarmsForMetric(region: string, body: Record<string, unknown>) {
      const input = cloudWatchInput(body);
      const namespace = input.requiredString("Namespace");
      const metricName = input.requiredString("MetricName");
      const dimensions = input.has("Dimensions") ? readDimensions(input.objectList("Dimensions")) : undefined;
      const statistic = input.string("Statistic");
      const extended = input.string("ExtendedStatistic");
      const period = input.number("Period");
      const unit = input.string("Unit");
      const matching = Object.values(regionState(region).alarms).filter((alarm) =>
        alarm.Namespace === namespace &&
        alarm.MetricName === metricName &&
        (dimensions === undefined || sameDimensions(alarm.Dimensions, dimensions)) &&
        (statistic === undefined || alarm.Statistic === statistic) &&
        (extended === undefined || alarm.ExtendedStatistic === extended) &&
        (period === undefined || alarm.Period === period) &&
        (unit === undefined || alarm.Unit === unit));
      return { MetricAlarms: matching.sort((a, b) => (a.AlarmName < b.AlarmName ? -1 : 1)).map(alarmToWire) };
    },

    DeleteAlarms(region: string, body: Record<string, unknown>) {
      const names = cloudWatchInput(body).stringList("AlarmNames");
      if (!names) throw cloudWatchParameterErrors.missing("AlarmNames");
      if (names.length > 100) throw invalidParameter("The collection AlarmNames must not have more than 100 members.");
      alarms.delete(region, names);
      return {};
    },

    SetAlarmState(region: string, body: Record<string, unknown>) {
      const input = cloudWatchInput(body);
      const name = input.requiredString("AlarmName");
      const value = input.requiredString("StateValue");
      const reason = input.string("StateReason");
      if (reason === undefined) throw cloudWatchParameterErrors.missing("StateReason");
      const reasonData = input.string("StateReasonData");
      if (!ALARM_STATES.includes(value as AlarmStateValue)) {
        throw invalidParameter(`The value ${value} for parameter StateValue is not valid.`);
      }
      if (reasonData !== undefined) {
        try {
          JSON.parse(reasonData);
        } catch {
          throw new AwsError("InvalidFormat", "StateReasonData is not valid JSON.");
        }
      }
      const alarm = alarms.find(region, name);
      alarms.force(region, name, value as AlarmStateValue, reason, reasonData, Math.max(alarm?.Period ?? 60, 60));
      return {};
    },
  };
}

function allActions(alarm: AlarmRecord): string[] {
  return [...(alarm.AlarmActions ?? []), ...(alarm.OKActions ?? []), ...(alarm.InsufficientDataActions ?? [])];
}
