import type { Db } from "../../db/client.ts";
import { recentPoints, type MetricAlarmRef } from "../metrics.ts";

// The last 3 hours of every alarm's metric, stored on its row every POINTS_EVERY_MS (the points are 5 minutes
// apart, so a more frequent read would show nothing new and cost CloudWatch money per metric): one GetMetricData
// call per region and 500 alarms. The stack page draws its sparklines from here.

const POINTS_EVERY_MS = 5 * 60_000;

export interface PointsRow extends MetricAlarmRef {
  id: string;
  pointsRefreshedAt: Date | null;
}

/** Refreshes the points of the region's alarms when due; returns the GetMetricData calls made (0 when not due). */
export async function refreshRecentPoints(db: Db, region: string, rows: PointsRow[], now = new Date()): Promise<number> {
  const due = rows.filter((r) => !r.pointsRefreshedAt || now.getTime() - r.pointsRefreshedAt.getTime() >= POINTS_EVERY_MS);
  if (!due.length) return 0;
  const points = await recentPoints(region, due, now.getTime());
  for (const row of due) {
    await db.alarm.update({ where: { id: row.id }, data: { recentPoints: points.get(row.name) ?? [], pointsRefreshedAt: now }, select: { id: true } });
  }
  return Math.ceil(due.length / 500);
}
