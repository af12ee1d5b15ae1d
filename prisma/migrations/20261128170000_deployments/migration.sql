-- Stacks, deployments (preview -> approval -> execution) and the CloudFormation events they produced.

-- CreateEnum
CREATE TYPE "DeploymentAction" AS ENUM ('create', 'update', 'rollback', 'delete');
CREATE TYPE "DeploymentStatus" AS ENUM ('previewing', 'ready', 'awaiting_approval', 'rejected', 'deploying', 'succeeded', 'failed', 'rolled_back', 'cancelled');

-- CreateTable
CREATE TABLE "stacks" (
    "id" UUID NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "environment_id" UUID NOT NULL,
    "template_name" VARCHAR(80) NOT NULL,
    "region" VARCHAR(32) NOT NULL,
    "aws_stack_id" VARCHAR(512),
    "status" VARCHAR(48),
    "status_reason" TEXT,
    "outputs" JSONB NOT NULL DEFAULT '[]',
    "parameters" JSONB NOT NULL DEFAULT '{}',
    "deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "stacks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployments" (
    "id" UUID NOT NULL,
    "stack_id" UUID NOT NULL,
    "action" "DeploymentAction" NOT NULL,
    "status" "DeploymentStatus" NOT NULL,
    "template_version_id" UUID,
    "parameters" JSONB NOT NULL DEFAULT '{}',
    "parameters_hash" CHAR(64),
    "change_set_name" VARCHAR(128),
    "change_set_id" VARCHAR(512),
    "changes" JSONB NOT NULL DEFAULT '[]',
    "cost_delta" JSONB,
    "rollback_to_id" UUID,
    "client_token" VARCHAR(128),
    "requested_by_id" UUID NOT NULL,
    "requested_by_token_id" UUID,
    "executed_by_id" UUID,
    "note" VARCHAR(1000),
    "auto_execute" BOOLEAN NOT NULL DEFAULT false,
    "result_reason" TEXT,
    "resources_total" INTEGER NOT NULL DEFAULT 0,
    "resources_done" INTEGER NOT NULL DEFAULT 0,
    "events_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    CONSTRAINT "deployments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stack_events" (
    "id" BIGSERIAL NOT NULL,
    "event_id" VARCHAR(255) NOT NULL,
    "stack_id" UUID NOT NULL,
    "deployment_id" UUID,
    "timestamp" TIMESTAMPTZ(3) NOT NULL,
    "logical_id" VARCHAR(255) NOT NULL,
    "physical_id" VARCHAR(2048),
    "resource_type" VARCHAR(255) NOT NULL,
    "status" VARCHAR(64) NOT NULL,
    "reason" TEXT,
    CONSTRAINT "stack_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "stacks_name_key" ON "stacks"("name");
CREATE INDEX "stacks_environment_id_name_idx" ON "stacks"("environment_id", "name");
CREATE UNIQUE INDEX "deployments_client_token_key" ON "deployments"("client_token");
CREATE INDEX "deployments_stack_id_created_at_idx" ON "deployments"("stack_id", "created_at");
CREATE INDEX "deployments_status_idx" ON "deployments"("status");
CREATE UNIQUE INDEX "stack_events_event_id_key" ON "stack_events"("event_id");
CREATE INDEX "stack_events_deployment_id_id_idx" ON "stack_events"("deployment_id", "id");
CREATE INDEX "stack_events_stack_id_timestamp_idx" ON "stack_events"("stack_id", "timestamp");
-- One change at a time: at most one active or pending deployment per stack (not expressible in schema.prisma).
CREATE UNIQUE INDEX "deployments_one_active_per_stack" ON "deployments"("stack_id")
  WHERE "status" IN ('previewing', 'ready', 'awaiting_approval', 'deploying');

-- AddForeignKey
ALTER TABLE "stacks" ADD CONSTRAINT "stacks_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_stack_id_fkey" FOREIGN KEY ("stack_id") REFERENCES "stacks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_template_version_id_fkey" FOREIGN KEY ("template_version_id") REFERENCES "template_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_rollback_to_id_fkey" FOREIGN KEY ("rollback_to_id") REFERENCES "deployments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_executed_by_id_fkey" FOREIGN KEY ("executed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "stack_events" ADD CONSTRAINT "stack_events_stack_id_fkey" FOREIGN KEY ("stack_id") REFERENCES "stacks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "stack_events" ADD CONSTRAINT "stack_events_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
