-- issue 16: drift detection results per stack (lib/drift). A row is the intent before DetectStackDrift and then the
-- detection's result; the partial unique index keeps one detection in flight per stack.

-- CreateEnum
CREATE TYPE "DriftCheckStatus" AS ENUM ('detecting', 'in_sync', 'drifted', 'failed');

-- CreateTable
CREATE TABLE "drift_checks" (
    "id" UUID NOT NULL,
    "stack_id" UUID NOT NULL,
    "status" "DriftCheckStatus" NOT NULL,
    "trigger" VARCHAR(16) NOT NULL,
    "requested_by" VARCHAR(320) NOT NULL,
    "detection_id" VARCHAR(64),
    "resources" JSONB NOT NULL DEFAULT '[]',
    "drifted_count" INTEGER,
    "reason" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "checked_at" TIMESTAMPTZ(3),
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "drift_checks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "drift_checks_stack_id_started_at_idx" ON "drift_checks"("stack_id", "started_at");
CREATE INDEX "drift_checks_status_idx" ON "drift_checks"("status");
CREATE UNIQUE INDEX "drift_checks_one_detecting_per_stack" ON "drift_checks"("stack_id") WHERE "status" = 'detecting';

-- AddForeignKey
ALTER TABLE "drift_checks" ADD CONSTRAINT "drift_checks_stack_id_fkey" FOREIGN KEY ("stack_id") REFERENCES "stacks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
