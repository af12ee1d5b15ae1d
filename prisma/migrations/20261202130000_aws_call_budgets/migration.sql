-- One shared token bucket per AWS service, account and region (lib/aws/call-budget.ts): every poller of every
-- process takes its calls from here, so together they stay under AWS's limits. key = service|account|region.

-- CreateTable
CREATE TABLE "aws_call_budgets" (
    "key" VARCHAR(200) NOT NULL,
    "service" VARCHAR(40) NOT NULL,
    "account_id" VARCHAR(40) NOT NULL,
    "region" VARCHAR(32) NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "rate" DOUBLE PRECISION NOT NULL,
    "burst" DOUBLE PRECISION NOT NULL,
    "granted" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "aws_call_budgets_pkey" PRIMARY KEY ("key")
);
