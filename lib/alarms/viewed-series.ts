import type { Db } from "../db/client.ts";
import { withEnvironmentTarget } from "../environments/aws-target.ts";
import { alarmSeries, type MetricAlarmRef } from "./metrics.ts";
import type { ChartRange } from "./schema.ts";

/**
 * The graph of an alarm page, read in its environment's account (issue 14). As the worker, not the viewer: the series
 * is cached and shared by every viewer (metrics.ts).
 */
export function viewedAlarmSeries(db: Db, alarm: MetricAlarmRef & { environment: string }, range: ChartRange) {
  return withEnvironmentTarget(db, alarm.environment, null, () => alarmSeries(alarm, range));
}
