import {
  DescribeAlarmHistoryCommand, DescribeAlarmsCommand, GetMetricDataCommand, PutMetricDataCommand, type MetricAlarm,
} from "@aws-sdk/client-cloudwatch";
import { AppError } from "../errors.ts";
import { cloudWatchClient } from "./clients.ts";
import { callAws, internalAwsError, type SdkLikeError } from "./errors.ts";
import type { AlarmState, AlarmStateUpdate, CloudWatchAlarm, MetricDatum, MetricQuery, MetricSeries } from "./cloudwatch-types.ts";

// A thin typed adapter over the CloudWatch client: our types in and out, our errors thrown (AwsThrottledError
// when CloudWatch asks us to slow down, AppError otherwise). Every function takes the region.

export * from "./cloudwatch-types.ts";

/** DescribeAlarms accepts at most this many names per call. */
export const ALARM_NAMES_PER_CALL = 100;

function mapCloudWatchServiceError(e: SdkLikeError, message: string, operation: string): AppError {
  if (e.name === "ResourceNotFound" || e.name === "ResourceNotFoundException") return new AppError("not_found", message);
  if (/InvalidParameter|MissingParameter|InvalidNextToken/.test(e.name ?? "")) return new AppError("validation_failed", message);
  return internalAwsError("CloudWatch", e, message, operation);
}

const callCloudWatch = <T>(operation: string, call: () => Promise<T>) => callAws("CloudWatch", operation, call, mapCloudWatchServiceError);

/**
 * The named metric alarms, in as few calls as DescribeAlarms allows: one per 100 names (MaxRecords 100, so a
 * batch fits one page). Names CloudWatch does not know are simply absent from the result.
 */
export async function describeAlarmsByName(region: string, names: string[]): Promise<{ alarms: CloudWatchAlarm[]; calls: number }> {
  const alarms: CloudWatchAlarm[] = [];
  let calls = 0;
  for (let i = 0; i < names.length; i += ALARM_NAMES_PER_CALL) {
    const batch = names.slice(i, i + ALARM_NAMES_PER_CALL);
    let token: string | undefined;
    do {
      calls++;
      const out = await callCloudWatch("DescribeAlarms", () =>
        cloudWatchClient(region).send(new DescribeAlarmsCommand({ AlarmNames: batch, AlarmTypes: ["MetricAlarm"], MaxRecords: 100, NextToken: token })),
      );
      alarms.push(...(out.MetricAlarms ?? []).map(toAlarm));
      token = out.NextToken;
    } while (token);
  }
  return { alarms, calls };
}

const asState = (value: string | undefined): AlarmState =>
  value === "OK" || value === "ALARM" ? value : "INSUFFICIENT_DATA";

function toAlarm(a: MetricAlarm): CloudWatchAlarm {
  return {
    name: a.AlarmName ?? "",
    arn: a.AlarmArn ?? null,
    state: asState(a.StateValue),
    stateReason: a.StateReason ?? null,
    stateUpdatedAt: a.StateTransitionedTimestamp ?? a.StateUpdatedTimestamp ?? null,
    description: a.AlarmDescription ?? null,
    namespace: a.Namespace ?? null,
    metricName: a.MetricName ?? null,
    dimensions: (a.Dimensions ?? []).map((d) => ({ name: d.Name ?? "", value: d.Value ?? "" })),
    statistic: a.Statistic ?? a.ExtendedStatistic ?? null,
    period: a.Period ?? null,
    evaluationPeriods: a.EvaluationPeriods ?? null,
    datapointsToAlarm: a.DatapointsToAlarm ?? null,
    threshold: a.Threshold ?? null,
    comparisonOperator: a.ComparisonOperator ?? null,
    treatMissingData: a.TreatMissingData ?? null,
    actionsEnabled: a.ActionsEnabled ?? true,
  };
}

/**
 * One page of the region's alarm state changes (HistoryItemType StateUpdate) from `start` to `end`, oldest first:
 * every transition, also one that flipped back before anyone read the alarm's state. One call per page of 100.
 */
export async function describeStateHistory(
  region: string,
  input: { start: Date; end: Date; nextToken?: string },
): Promise<{ items: AlarmStateUpdate[]; nextToken: string | null }> {
  const out = await callCloudWatch("DescribeAlarmHistory", () =>
    cloudWatchClient(region).send(new DescribeAlarmHistoryCommand({
      HistoryItemType: "StateUpdate", AlarmTypes: ["MetricAlarm"], StartDate: input.start, EndDate: input.end,
      MaxRecords: 100, ScanBy: "TimestampAscending", NextToken: input.nextToken,
    })),
  );
  const items = (out.AlarmHistoryItems ?? []).flatMap((h) => {
    const change = statesOf(h.HistoryData);
    return h.AlarmName && change ? [{ alarmName: h.AlarmName, at: h.Timestamp ?? new Date(0), ...change }] : [];
  });
  return { items, nextToken: out.NextToken ?? null };
}

function statesOf(data: string | undefined): { fromState: AlarmState; toState: AlarmState; reason: string | null } | null {
  try {
    const parsed = JSON.parse(data ?? "{}") as { oldState?: { stateValue?: string }; newState?: { stateValue?: string; stateReason?: string } };
    if (!parsed.oldState?.stateValue || !parsed.newState?.stateValue) return null;
    return { fromState: asState(parsed.oldState.stateValue), toState: asState(parsed.newState.stateValue), reason: parsed.newState.stateReason ?? null };
  } catch {
    return null;
  }
}

/** Several metrics over one time range in one GetMetricData call (up to 500 queries), pages followed. */
export async function getMetricData(region: string, input: { queries: MetricQuery[]; start: Date; end: Date }): Promise<MetricSeries[]> {
  if (input.queries.length === 0) return [];
  const series = new Map<string, { t: Date; v: number }[]>(input.queries.map((q) => [q.id, []]));
  let token: string | undefined;
  do {
    const out = await callCloudWatch("GetMetricData", () =>
      cloudWatchClient(region).send(new GetMetricDataCommand({
        StartTime: input.start,
        EndTime: input.end,
        ScanBy: "TimestampAscending",
        NextToken: token,
        MetricDataQueries: input.queries.map((q) => ({
          Id: q.id,
          ReturnData: true,
          MetricStat: {
            Metric: { Namespace: q.namespace, MetricName: q.metricName, Dimensions: q.dimensions.map((d) => ({ Name: d.name, Value: d.value })) },
            Period: q.period,
            Stat: q.statistic,
          },
        })),
      })),
    );
    for (const result of out.MetricDataResults ?? []) {
      const points = series.get(result.Id ?? "");
      if (!points) continue;
      (result.Timestamps ?? []).forEach((t, i) => points.push({ t, v: result.Values?.[i] ?? 0 }));
    }
    token = out.NextToken;
  } while (token);
  return [...series].map(([id, points]) => ({ id, points: points.sort((a, b) => a.t.getTime() - b.t.getTime()) }));
}

/** PutMetricData takes at most this many data points per call. */
export const METRIC_DATA_PER_CALL = 1000;

/** Publishes data points of one namespace, as a service emitting its metrics does (batched per call limit). */
export async function putMetricData(region: string, input: { namespace: string; data: MetricDatum[] }): Promise<void> {
  for (let i = 0; i < input.data.length; i += METRIC_DATA_PER_CALL) {
    const batch = input.data.slice(i, i + METRIC_DATA_PER_CALL);
    await callCloudWatch("PutMetricData", () =>
      cloudWatchClient(region).send(new PutMetricDataCommand({
        Namespace: input.namespace,
        MetricData: batch.map((d) => ({
          MetricName: d.metricName,
          Dimensions: d.dimensions.map((x) => ({ Name: x.name, Value: x.value })),
          Timestamp: d.timestamp,
          Value: d.value,
          Unit: d.unit,
        })),
      })),
    );
  }
}
