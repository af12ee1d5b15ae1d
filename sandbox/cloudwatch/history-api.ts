import { epochSeconds } from "../core/json-input.ts";
import { decodeNextToken, encodeNextToken } from "../core/pagination.ts";
import { cloudWatchInput, invalidParameter, invalidNextToken } from "./input.ts";
import type { RegionStateOf } from "./state.ts";

const HISTORY_ITEM_TYPES = ["ConfigurationUpdate", "StateUpdate", "Action", "AlarmContributorStateUpdate", "AlarmContributorAction"];

/** DescribeAlarmHistory: newest first unless ScanBy=TimestampAscending; pages of MaxRecords (default 100). */
export function describeAlarmHistory(regionState: RegionStateOf, region: string, body: Record<string, unknown>) {
  const input = cloudWatchInput(body);
  const alarmName = input.string("AlarmName");
  const types = input.stringList("AlarmTypes");
  const itemType = input.string("HistoryItemType");
  const start = input.timestamp("StartDate");
  const end = input.timestamp("EndDate");
  const maxRecords = input.integer("MaxRecords", 1, 100) ?? 100;
  const scanBy = input.string("ScanBy") ?? "TimestampDescending";
  const token = input.string("NextToken");
  if (itemType !== undefined && !HISTORY_ITEM_TYPES.includes(itemType)) {
    throw invalidParameter(`The value ${itemType} for parameter HistoryItemType is not valid.`);
  }
  if (scanBy !== "TimestampDescending" && scanBy !== "TimestampAscending") {
    throw invalidParameter(`The value ${scanBy} for parameter ScanBy is not valid.`);
  }
  const descending = scanBy === "TimestampDescending";
  const after = token ? decodeNextToken<{ seq: number }>(token, invalidNextToken).seq : undefined;
  const wantsMetricAlarms = !types || types.includes("MetricAlarm");

  // History is appended in time order, so sequence numbers order it and make tokens stable.
  const matching = regionState(region).history.filter((item) =>
    wantsMetricAlarms &&
    (alarmName === undefined || item.AlarmName === alarmName) &&
    (itemType === undefined || item.HistoryItemType === itemType) &&
    (start === undefined || item.Timestamp >= start.getTime()) &&
    (end === undefined || item.Timestamp <= end.getTime()) &&
    (after === undefined || (descending ? item.seq < after : item.seq > after)));
  if (descending) matching.reverse();
  const page = matching.slice(0, maxRecords);
  const more = matching.length > maxRecords;
  return {
    AlarmHistoryItems: page.map(({ seq: _seq, Timestamp, ...item }) => ({ ...item, Timestamp: epochSeconds(Timestamp) })),
    NextToken: more ? encodeNextToken({ seq: page[page.length - 1].seq }) : undefined,
  };
}
