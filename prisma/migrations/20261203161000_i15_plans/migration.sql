-- Issue 15: plans for a whole environment (lib/plans): the plan, its stacks in dependency order, its decisions.
-- At most one unfinished plan per environment (plans_one_active_per_environment). Environment, user and deployment
-- ids are plain columns (no Prisma relation into the older models, which other work changes at the same time).

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('planning', 'ready', 'awaiting_approval', 'applying', 'succeeded', 'failed', 'cancelled', 'rejected');
CREATE TYPE "PlanAction" AS ENUM ('apply', 'promote', 'destroy');
CREATE TYPE "PlanStackStatus" AS ENUM ('pending', 'deferred', 'previewing', 'ready', 'no_change', 'applying', 'succeeded', 'failed', 'rolled_back', 'not_started', 'cancelled');

-- CreateTable
CREATE TABLE "plans" (
    "id" UUID NOT NULL,
    "environment_id" UUID NOT NULL,
    "environment_key" VARCHAR(40) NOT NULL,
    "action" "PlanAction" NOT NULL,
    "from_environment" VARCHAR(40),
    "status" "PlanStatus" NOT NULL,
    "execute" BOOLEAN NOT NULL DEFAULT false,
    "cancel_requested" BOOLEAN NOT NULL DEFAULT false,
    "concurrency" INTEGER NOT NULL DEFAULT 3,
    "note" VARCHAR(1000),
    "parameters" JSONB NOT NULL DEFAULT '{}',
    "cost_delta" JSONB,
    "digest" CHAR(64),
    "approvals_required" INTEGER,
    "approval_expires_at" TIMESTAMPTZ(3),
    "approved_at" TIMESTAMPTZ(3),
    "requested_by_id" UUID NOT NULL,
    "requested_by_token_id" UUID,
    "result_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "heartbeat_at" TIMESTAMPTZ(3),
    CONSTRAINT "plans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_stacks" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "template" VARCHAR(100) NOT NULL,
    "stack_name" VARCHAR(128) NOT NULL,
    "action" VARCHAR(10) NOT NULL,
    "status" "PlanStackStatus" NOT NULL,
    "position" INTEGER NOT NULL,
    "depends_on" JSONB NOT NULL DEFAULT '[]',
    "deployment_id" UUID,
    "previews" INTEGER NOT NULL DEFAULT 0,
    "template_version_id" UUID,
    "parameters_hash" CHAR(64),
    "parameters" JSONB NOT NULL DEFAULT '{}',
    "change_set_id" VARCHAR(512),
    "changes" INTEGER NOT NULL DEFAULT 0,
    "data_store_replacements" JSONB NOT NULL DEFAULT '[]',
    "cost_delta" JSONB,
    "differences" JSONB NOT NULL DEFAULT '[]',
    "note" TEXT,
    "reason" TEXT,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    CONSTRAINT "plan_stacks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_decisions" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "email" VARCHAR(320) NOT NULL,
    "approved" BOOLEAN NOT NULL,
    "comment" VARCHAR(1000) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "plan_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "plans_environment_key_created_at_idx" ON "plans"("environment_key", "created_at");
CREATE INDEX "plans_status_heartbeat_at_idx" ON "plans"("status", "heartbeat_at");
CREATE UNIQUE INDEX "plan_stacks_plan_id_template_key" ON "plan_stacks"("plan_id", "template");
CREATE UNIQUE INDEX "plan_decisions_plan_id_user_id_key" ON "plan_decisions"("plan_id", "user_id");
CREATE UNIQUE INDEX "plans_one_active_per_environment" ON "plans"("environment_id") WHERE "status" IN ('planning', 'ready', 'awaiting_approval', 'applying');

-- AddForeignKey
ALTER TABLE "plan_stacks" ADD CONSTRAINT "plan_stacks_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "plan_decisions" ADD CONSTRAINT "plan_decisions_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;
