-- Issue 14: environments are AWS accounts. An admin's AWS target of an environment (over its profile), and the
-- stacks of its account the console does not manage (found by the discovery job, adoptable). No foreign keys: the
-- Prisma models have no relations (that would mean changing the Environment and User models), and environments are
-- never deleted (their stacks' foreign key restricts it).

CREATE TABLE "environment_aws_targets" (
    "environment_id" UUID NOT NULL,
    "account_id" VARCHAR(12) NOT NULL,
    "region" VARCHAR(32) NOT NULL,
    "role_arn" VARCHAR(2048),
    "external_id" VARCHAR(1224),
    "session_duration_seconds" INTEGER NOT NULL,
    "service_role_arn" VARCHAR(2048),
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "environment_aws_targets_pkey" PRIMARY KEY ("environment_id")
);

CREATE TABLE "discovered_stacks" (
    "id" UUID NOT NULL,
    "environment_id" UUID NOT NULL,
    "account_id" VARCHAR(12) NOT NULL,
    "region" VARCHAR(32) NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "stack_id" VARCHAR(512) NOT NULL,
    "status" VARCHAR(48) NOT NULL,
    "status_reason" TEXT,
    "created_time" TIMESTAMPTZ(3) NOT NULL,
    "last_updated_time" TIMESTAMPTZ(3),
    "outputs" JSONB NOT NULL DEFAULT '[]',
    "parameters" JSONB NOT NULL DEFAULT '{}',
    "resources" JSONB NOT NULL DEFAULT '[]',
    "events" JSONB NOT NULL DEFAULT '[]',
    "details_of" TIMESTAMPTZ(3),
    "seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "discovered_stacks_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "discovered_stacks_stack_id_key" ON "discovered_stacks"("stack_id");
CREATE UNIQUE INDEX "discovered_stacks_environment_id_region_name_key" ON "discovered_stacks"("environment_id", "region", "name");
