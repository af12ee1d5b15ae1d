import type { Db } from "../db/client.ts";
import { notifyAlarmsChanged } from "../alarms/notify.ts";
import { readStackEcsHealth } from "./service-health.ts";
import { withEnvironmentTarget, withStackTarget } from "../environments/aws-target.ts";
import type { ServiceHealthDto, StackEcsHealth } from "./types.ts";

// The ECS health refresh of one environment (a pg-boss chain, refresh-job.ts): every live stack that runs ECS
// services (the `service` template, or ECS resources in its stored resource snapshot) is read from ECS and stored
// in ecs_health_snapshots; open stack pages are told when something they show changed. Pages read the snapshot.

interface EcsStackRow {
  id: string;
  name: string;
  region: string;
  outputs: unknown;
  resources: unknown;
  health: unknown;
}

const rowsOf = (db: Db, where: { environmentKey?: string; stackName?: string }) => db.$queryRaw<EcsStackRow[]>`
  SELECT s.id::text AS id, s.name, s.region, s.outputs, r.resources, h.health
  FROM stacks s JOIN environments e ON e.id = s.environment_id
  LEFT JOIN stack_resource_snapshots r ON r.stack_id = s.id
  LEFT JOIN ecs_health_snapshots h ON h.stack_id = s.id
  WHERE s.deleted_at IS NULL AND s.status IS NOT NULL
    AND (e.key = ${where.environmentKey ?? null} OR s.name = ${where.stackName ?? null})
    AND (s.template_name = 'service' OR r.resources @> '[{"resourceType": "AWS::ECS::Service"}]'::jsonb)`;

/** In the environment's account (as the worker), like every refresh of an environment. */
export function refreshEnvironmentEcsHealth(db: Db, environmentKey: string, now = new Date()): Promise<{ stacks: number; changed: number }> {
  return withEnvironmentTarget(db, environmentKey, null, () => refreshEcsHealthInTarget(db, environmentKey, now));
}

async function refreshEcsHealthInTarget(db: Db, environmentKey: string, now: Date): Promise<{ stacks: number; changed: number }> {
  const stacks = await rowsOf(db, { environmentKey });
  let changed = 0;
  for (const stack of stacks) if (await refreshOne(db, stack, now)) changed++;
  if (changed) await notifyAlarmsChanged(db, environmentKey);
  return { stacks: stacks.length, changed };
}

/** One stack's refresh (the environment's run does each in turn); false when it runs no ECS services. */
export async function refreshStackEcsHealth(db: Db, stackName: string, now = new Date()): Promise<boolean> {
  const [stack] = await rowsOf(db, { stackName });
  return stack ? withStackTarget(db, { id: stack.id }, null, async () => (await refreshOne(db, stack, now), true)) : false;
}

/** Reads ECS for the stack and stores the snapshot; true when what a viewer sees changed. */
async function refreshOne(db: Db, stack: EcsStackRow, now: Date): Promise<boolean> {
  const previous = (stack.health ?? null) as StackEcsHealth | null;
  const health = await readStackEcsHealth(
    { name: stack.name, region: stack.region, outputs: (stack.outputs ?? []) as { key: string; value: string }[], resources: (stack.resources ?? null) as never },
    previous,
    now,
  );
  await db.ecsHealthSnapshot.upsert({
    where: { stackId: stack.id },
    create: { stackId: stack.id, health: health as object, refreshedAt: now },
    update: { health: health as object, refreshedAt: now },
    select: { stackId: true },
  });
  return !previous || visible(previous) !== visible(health);
}

/** What a viewer would see change (not the read times). */
function visible(health: StackEcsHealth): string {
  const strip = ({ fetchedAt: _f, metricsAt: _m, ...service }: ServiceHealthDto) => service;
  return JSON.stringify({ ...health, services: health.services.map(strip) });
}
