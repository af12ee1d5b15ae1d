-- Approvals (four eyes): a policy per environment, requests bound to a change set, one decision per person;
-- deployments executed without approval by an admin ("break glass") are flagged.

-- CreateEnum
CREATE TYPE "ApprovalStatus" AS ENUM ('pending', 'approved', 'rejected');

-- AlterTable
ALTER TABLE "deployments" ADD COLUMN "break_glass" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "break_glass_reason" VARCHAR(1000);

-- CreateTable
CREATE TABLE "approval_policies" (
    "environment_id" UUID NOT NULL,
    "approvers" INTEGER NOT NULL DEFAULT 1,
    "validity_hours" INTEGER NOT NULL DEFAULT 24,
    "cost_threshold_usd" INTEGER,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "approval_policies_pkey" PRIMARY KEY ("environment_id")
);

-- CreateTable
CREATE TABLE "approval_requests" (
    "id" UUID NOT NULL,
    "deployment_id" UUID NOT NULL,
    "requested_by_id" UUID NOT NULL,
    "requested_by_token_id" UUID,
    "reason" VARCHAR(1000) NOT NULL,
    "change_set_id" VARCHAR(512),
    "template_version_id" UUID,
    "parameters_hash" CHAR(64),
    "approvals_required" INTEGER NOT NULL,
    "status" "ApprovalStatus" NOT NULL DEFAULT 'pending',
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "approval_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approval_decisions" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_id" UUID,
    "approved" BOOLEAN NOT NULL,
    "comment" VARCHAR(1000) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "approval_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "approval_requests_deployment_id_key" ON "approval_requests"("deployment_id");
CREATE INDEX "approval_requests_status_created_at_idx" ON "approval_requests"("status", "created_at");
CREATE UNIQUE INDEX "approval_decisions_request_id_user_id_key" ON "approval_decisions"("request_id", "user_id");

-- AddForeignKey
ALTER TABLE "approval_policies" ADD CONSTRAINT "approval_policies_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "approval_policies" ADD CONSTRAINT "approval_policies_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "approval_decisions" ADD CONSTRAINT "approval_decisions_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "approval_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "approval_decisions" ADD CONSTRAINT "approval_decisions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Seed: one policy per existing environment (one approver, valid 24 hours, no cost rule).
INSERT INTO "approval_policies" ("environment_id", "updated_at") SELECT "id", CURRENT_TIMESTAMP FROM "environments";
