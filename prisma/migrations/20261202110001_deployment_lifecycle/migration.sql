-- The deployment lifecycle (issue 11): intent statuses written before an AWS side effect, and a heartbeat the
-- tracker keeps fresh, so the reconciler can tell a deployment nothing is moving on from one in good hands.

-- `executing`: we are starting a CloudFormation operation (ExecuteChangeSet, DeleteStack, ContinueUpdateRollback,
-- RollbackStack) and CloudFormation has not confirmed it yet. `cancelling`: CancelUpdateStack was (being) sent.
ALTER TYPE "DeploymentStatus" ADD VALUE IF NOT EXISTS 'executing' AFTER 'awaiting_approval';
ALTER TYPE "DeploymentStatus" ADD VALUE IF NOT EXISTS 'cancelling' AFTER 'deploying';

-- AlterTable
ALTER TABLE "deployments" ADD COLUMN "heartbeat_at" TIMESTAMPTZ(3);
UPDATE "deployments" SET "heartbeat_at" = "updated_at";

-- One change at a time, the intent statuses included. Written with the finished statuses, because a value added
-- to an enum cannot be used in the transaction that adds it.
DROP INDEX "deployments_one_active_per_stack";
CREATE UNIQUE INDEX "deployments_one_active_per_stack" ON "deployments"("stack_id")
  WHERE "status" NOT IN ('rejected', 'succeeded', 'failed', 'rolled_back', 'cancelled');

-- The reconciler's scan: rows in a given status whose heartbeat is older than a cut-off.
CREATE INDEX "deployments_status_heartbeat_at_idx" ON "deployments"("status", "heartbeat_at");
