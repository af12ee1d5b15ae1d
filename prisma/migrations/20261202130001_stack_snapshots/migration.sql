-- What background refresh jobs last read from AWS about a stack, so pages never call AWS: its resources
-- (ListStackResources, lib/stacks/resources-refresh.ts) and its ECS services' health (lib/ecs/refresh.ts).

-- CreateTable
CREATE TABLE "stack_resource_snapshots" (
    "stack_id" UUID NOT NULL,
    "resources" JSONB NOT NULL DEFAULT '[]',
    "stack_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "refreshed_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "stack_resource_snapshots_pkey" PRIMARY KEY ("stack_id")
);

-- CreateTable
CREATE TABLE "ecs_health_snapshots" (
    "stack_id" UUID NOT NULL,
    "health" JSONB NOT NULL,
    "refreshed_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "ecs_health_snapshots_pkey" PRIMARY KEY ("stack_id")
);

-- AddForeignKey
ALTER TABLE "stack_resource_snapshots" ADD CONSTRAINT "stack_resource_snapshots_stack_id_fkey" FOREIGN KEY ("stack_id") REFERENCES "stacks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ecs_health_snapshots" ADD CONSTRAINT "ecs_health_snapshots_stack_id_fkey" FOREIGN KEY ("stack_id") REFERENCES "stacks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
