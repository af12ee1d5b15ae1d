import type { Dimension, PutMetricAlarmInput } from "../core/contracts.ts";
import { cloudWatchInput, cloudWatchParameterErrors, invalidCombination, invalidParameter } from "./input.ts";
import { isSupportedStat, STATISTICS } from "./metric-values.ts";

export const COMPARISON_OPERATORS = [
  "GreaterThanOrEqualToThreshold",
  "GreaterThanThreshold",
  "LessThanThreshold",
  "LessThanOrEqualToThreshold",
] as const;
const TREAT_MISSING_DATA = ["breaching", "notBreaching", "ignore", "missing"];

/**
 * PutMetricAlarm's checks, as the API reference states them: Period is 10, 20, 30 or a multiple of 60;
 * Period x EvaluationPeriods at most 1 day below an hour's period and 7 days otherwise; DatapointsToAlarm at most
 * EvaluationPeriods; exactly one of Statistic / ExtendedStatistic unless the alarm uses metric math (Metrics).
 */
export function validatePutMetricAlarm(body: Record<string, unknown>): PutMetricAlarmInput & { Metrics?: unknown[] } {
  const input = cloudWatchInput(body);
  const alarmName = input.requiredString("AlarmName");
  if (alarmName.length > 255) throw invalidParameter("The parameter AlarmName must be at most 255 characters long.");
  const metrics = input.objectList("Metrics");
  const statistic = input.string("Statistic");
  const extendedStatistic = input.string("ExtendedStatistic");
  const threshold = input.number("Threshold");
  const evaluationPeriods = input.integer("EvaluationPeriods", 1, 100_000);
  if (evaluationPeriods === undefined) throw cloudWatchParameterErrors.missing("EvaluationPeriods");
  const comparison = input.requiredString("ComparisonOperator");
  if (!(COMPARISON_OPERATORS as readonly string[]).includes(comparison)) {
    throw invalidParameter(`The value ${comparison} for parameter ComparisonOperator is not valid.`);
  }
  if (threshold === undefined) throw cloudWatchParameterErrors.missing("Threshold");

  let period = input.number("Period");
  if (metrics) {
    if (input.has("MetricName") || input.has("Namespace") || statistic || extendedStatistic) {
      throw invalidCombination("Metrics cannot be combined with MetricName, Namespace, Statistic or ExtendedStatistic.");
    }
    period ??= 60;
  } else {
    if (period === undefined) throw cloudWatchParameterErrors.missing("Period");
    if (!statistic === !extendedStatistic) {
      throw invalidCombination("Exactly one of Statistic and ExtendedStatistic must be specified.");
    }
    if (statistic && !(STATISTICS as readonly string[]).includes(statistic)) {
      throw invalidParameter(`The value ${statistic} for parameter Statistic is not valid.`);
    }
    if (extendedStatistic && !isSupportedStat(extendedStatistic)) {
      throw invalidParameter(`The value ${extendedStatistic} for parameter ExtendedStatistic is not valid.`);
    }
  }
  if (![10, 20, 30].includes(period) && !(Number.isInteger(period) && period > 0 && period % 60 === 0)) {
    throw invalidParameter("The parameter Period must be 10, 20, 30, or a multiple of 60.");
  }
  const limit = period < 3600 ? 86_400 : 604_800;
  if (period * evaluationPeriods > limit) {
    throw invalidParameter(`The evaluation period (Period x EvaluationPeriods) cannot be longer than ${limit} seconds.`);
  }
  const datapointsToAlarm = input.integer("DatapointsToAlarm", 1, 100_000);
  if (datapointsToAlarm !== undefined && datapointsToAlarm > evaluationPeriods) {
    throw invalidParameter("DatapointsToAlarm must be less than or equal to EvaluationPeriods.");
  }
  const treatMissingData = input.string("TreatMissingData");
  if (treatMissingData !== undefined && !TREAT_MISSING_DATA.includes(treatMissingData)) {
    throw invalidParameter(`The value ${treatMissingData} for parameter TreatMissingData is not valid.`);
  }
  const dimensions = readDimensions(input.objectList("Dimensions"));
  return {
    AlarmName: alarmName,
    AlarmDescription: input.string("AlarmDescription"),
    Namespace: metrics ? "" : input.requiredString("Namespace"),
    MetricName: metrics ? "" : input.requiredString("MetricName"),
    Dimensions: dimensions,
    Statistic: statistic,
    ExtendedStatistic: extendedStatistic,
    Period: period,
    EvaluationPeriods: evaluationPeriods,
    DatapointsToAlarm: datapointsToAlarm,
    Threshold: threshold,
    ComparisonOperator: comparison,
    TreatMissingData: treatMissingData,
    Unit: input.string("Unit"),
    ActionsEnabled: input.boolean("ActionsEnabled"),
    AlarmActions: input.stringList("AlarmActions"),
    OKActions: input.stringList("OKActions"),
    InsufficientDataActions: input.stringList("InsufficientDataActions"),
    Tags: input.objectList("Tags") as { Key: string; Value: string }[] | undefined,
    Metrics: metrics,
  };
}

export function readDimensions(raw: Record<string, unknown>[] | undefined, allowMissingValue = false): Dimension[] {
  if (!raw) return [];
  if (raw.length > 30) throw invalidParameter("The collection Dimensions must not have more than 30 members.");
  return raw.map((item) => {
    if (typeof item.Name !== "string" || item.Name === "") throw invalidParameter("Each dimension needs a Name.");
    if (typeof item.Value !== "string" && !(allowMissingValue && item.Value === undefined)) {
      throw invalidParameter(`The dimension ${item.Name} needs a Value.`);
    }
    return { Name: item.Name, Value: item.Value as string };
  });
}
