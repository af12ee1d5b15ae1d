-- issue 16: scheduled teardown of staging (lib/teardown): schedules, one run per window, one item per stack of a run.

-- CreateTable
CREATE TABLE "teardown_schedules" (
    "id" UUID NOT NULL,
    "environment_id" UUID NOT NULL,
    "stack_name" VARCHAR(128),
    "kind" VARCHAR(16) NOT NULL,
    "expires_at" TIMESTAMPTZ(3),
    "days" VARCHAR(20) NOT NULL DEFAULT '',
    "start_minute" INTEGER,
    "end_minute" INTEGER,
    "time_zone" VARCHAR(64) NOT NULL DEFAULT 'UTC',
    "recreate" BOOLEAN NOT NULL DEFAULT true,
    "warn_minutes" INTEGER NOT NULL DEFAULT 30,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelled_at" TIMESTAMPTZ(3),
    CONSTRAINT "teardown_schedules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "teardown_runs" (
    "id" UUID NOT NULL,
    "schedule_id" UUID NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "window_end" TIMESTAMPTZ(3),
    "status" VARCHAR(16) NOT NULL,
    "warned_at" TIMESTAMPTZ(3),
    "started_at" TIMESTAMPTZ(3),
    "down_at" TIMESTAMPTZ(3),
    "recreated_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "teardown_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "teardown_items" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "stack_name" VARCHAR(128) NOT NULL,
    "template_name" VARCHAR(80) NOT NULL,
    "parameters" JSONB NOT NULL DEFAULT '{}',
    "needs" JSONB NOT NULL DEFAULT '[]',
    "retained" JSONB NOT NULL DEFAULT '[]',
    "hourly_cost" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "state" VARCHAR(16) NOT NULL,
    "reason" TEXT,
    "deleted_at" TIMESTAMPTZ(3),
    "recreated_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "teardown_items_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "teardown_schedules_environment_id_cancelled_at_idx" ON "teardown_schedules"("environment_id", "cancelled_at");
CREATE UNIQUE INDEX "teardown_runs_schedule_id_window_start_key" ON "teardown_runs"("schedule_id", "window_start");
CREATE UNIQUE INDEX "teardown_items_run_id_stack_name_key" ON "teardown_items"("run_id", "stack_name");

-- AddForeignKey
ALTER TABLE "teardown_schedules" ADD CONSTRAINT "teardown_schedules_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "teardown_runs" ADD CONSTRAINT "teardown_runs_schedule_id_fkey" FOREIGN KEY ("schedule_id") REFERENCES "teardown_schedules"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "teardown_items" ADD CONSTRAINT "teardown_items_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "teardown_runs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
