-- Audit verification runs: the verify job (a pg-boss job, never a request) records progress and result here.
CREATE TABLE "audit_verifications" (
    "id" UUID NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "requested_by" VARCHAR(320),
    "checked" BIGINT NOT NULL DEFAULT 0,
    "total" BIGINT NOT NULL DEFAULT 0,
    "finding_count" INTEGER NOT NULL DEFAULT 0,
    "findings" JSONB NOT NULL DEFAULT '[]',
    "checkpoint_seq" BIGINT,
    "checkpoint_at" TIMESTAMPTZ(3),
    "error" VARCHAR(500),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "audit_verifications_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "audit_verifications_created_at_idx" ON "audit_verifications"("created_at");
