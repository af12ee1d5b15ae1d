-- The last 3 hours of each alarm's metric (5-minute points), read by the alarm refresh every few minutes in one
-- GetMetricData call per region, so the stack page's sparklines never ask CloudWatch.

-- AlterTable
ALTER TABLE "alarms" ADD COLUMN "recent_points" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN "points_refreshed_at" TIMESTAMPTZ(3);
