-- How far each environment's alarm refresh has read DescribeAlarmHistory in each region (lib/alarms/refresh/history.ts):
-- the next run reads from there, so every state change is recorded once, also one that flipped back between runs.

-- CreateTable
CREATE TABLE "alarm_history_marks" (
    "key" VARCHAR(100) NOT NULL,
    "read_until" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "alarm_history_marks_pkey" PRIMARY KEY ("key")
);
