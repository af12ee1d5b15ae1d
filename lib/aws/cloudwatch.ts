import {
  DescribeAlarmHistoryCommand, DescribeAlarmsCommand, GetMetricDataCommand, PutMetricDataCommand, type MetricAlarm,
} from "@aws-sdk/client-cloudwatch";
import { AppError } from "../errors.ts";
import { cloudWatchClient } from "./clients.ts";
import { callAws, internalAwsError, type SdkLikeError } from "./errors.ts";
import type { AlarmHistoryItem, AlarmState, CloudWatchAlarm, MetricDatum, MetricQuery, MetricSeries } from "./cloudwatch-types.ts";

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

/** The alarm's history between two times, newest first (at most `limit` entries, one call per 100). */
export async function describeAlarmHistory(
  region: string,
  input: { alarmName: string; start: Date; end: Date; limit?: number },
): Promise<AlarmHistoryItem[]> {
  const limit = input.limit ?? 100;
  const items: AlarmHistoryItem[] = [];
  let token: string | undefined;
  do {
    const out = await callCloudWatch("DescribeAlarmHistory", () =>
      cloudWatchClient(region).send(new DescribeAlarmHistoryCommand({
        AlarmName: input.alarmName, StartDate: input.start, EndDate: input.end, MaxRecords: 100, NextToken: token, ScanBy: "TimestampDescending",
      })),
    );
    for (const h of out.AlarmHistoryItems ?? []) {
      const states = h.HistoryItemType === "StateUpdate" ? statesOf(h.HistoryData) : { fromState: null, toState: null };
      items.push({ timestamp: h.Timestamp ?? new Date(0), type: h.HistoryItemType ?? "", summary: h.HistorySummary ?? "", ...states });
    }
    token = out.NextToken;
  } while (token && items.length < limit);
  return items.slice(0, limit);
}

function statesOf(data: string | undefined): { fromState: AlarmState | null; toState: AlarmState | null } {
  try {
    const parsed = JSON.parse(data ?? "{}") as { oldState?: { stateValue?: string }; newState?: { stateValue?: string } };
    return {
      fromState: parsed.oldState?.stateValue ? asState(parsed.oldState.stateValue) : null,
      toState: parsed.newState?.stateValue ? asState(parsed.newState.stateValue) : null,
    };
  } catch {
    return { fromState: null, toState: null };
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
