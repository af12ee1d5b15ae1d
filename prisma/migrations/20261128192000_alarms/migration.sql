-- CloudWatch alarms of the stacks we manage, refreshed by the tracker's alarm job, and every state change it saw.

-- CreateTable
CREATE TABLE "alarms" (
    "id" UUID NOT NULL,
    "stack_id" UUID NOT NULL,
    "region" VARCHAR(32) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "arn" VARCHAR(1600),
    "logical_id" VARCHAR(255) NOT NULL,
    "state" VARCHAR(24) NOT NULL DEFAULT 'INSUFFICIENT_DATA',
    "state_reason" TEXT,
    "state_updated_at" TIMESTAMPTZ(3),
    "description" VARCHAR(1024),
    "namespace" VARCHAR(255),
    "metric_name" VARCHAR(255),
    "dimensions" JSONB NOT NULL DEFAULT '[]',
    "statistic" VARCHAR(32),
    "period" INTEGER,
    "evaluation_periods" INTEGER,
    "datapoints_to_alarm" INTEGER,
    "threshold" DOUBLE PRECISION,
    "comparison_operator" VARCHAR(64),
    "treat_missing_data" VARCHAR(32),
    "actions_enabled" BOOLEAN NOT NULL DEFAULT true,
    "refreshed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "alarms_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alarm_state_changes" (
    "id" BIGSERIAL NOT NULL,
    "alarm_id" UUID NOT NULL,
    "from_state" VARCHAR(24),
    "to_state" VARCHAR(24) NOT NULL,
    "reason" TEXT,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "alarm_state_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "alarms_region_name_key" ON "alarms"("region", "name");
CREATE INDEX "alarms_stack_id_idx" ON "alarms"("stack_id");
CREATE INDEX "alarms_state_name_idx" ON "alarms"("state", "name");
CREATE UNIQUE INDEX "alarm_state_changes_alarm_id_changed_at_to_state_key" ON "alarm_state_changes"("alarm_id", "changed_at", "to_state");

-- AddForeignKey
ALTER TABLE "alarms" ADD CONSTRAINT "alarms_stack_id_fkey" FOREIGN KEY ("stack_id") REFERENCES "stacks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alarm_state_changes" ADD CONSTRAINT "alarm_state_changes_alarm_id_fkey" FOREIGN KEY ("alarm_id") REFERENCES "alarms"("id") ON DELETE CASCADE ON UPDATE CASCADE;
