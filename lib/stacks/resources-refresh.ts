import { withEnvironmentTarget } from "../environments/aws-target.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { listStackResources, type StackResourceSummary } from "../aws/cloudformation-resources.ts";

// Every stack's resources as ListStackResources last answered, kept in stack_resource_snapshots by the environment
// refresh (lib/alarms/refresh): the stack page reads them from there, alarm discovery takes its alarms from them,
// ECS health its services. CloudFormation is asked only about stacks that changed since (the tracker moves a stack
// row's updatedAt with every status it records), that were never read, or whose read is older than RESCAN_MS, and
// at most BATCH of them per run, so a refresh stays short and a steady environment costs no call at all.

const RESCAN_MS = 10 * 60_000;
const BATCH = 25;

export interface RefreshedStack {
  id: string;
  name: string;
  region: string;
  resources: StackResourceSummary[];
}

/** Refreshes the snapshots of the environment's stacks that need it (changed first); returns those it read. */
export function refreshStaleResources(db: Db, environmentKey: string, now = new Date()): Promise<RefreshedStack[]> {
  return withEnvironmentTarget(db, environmentKey, null, () => refreshInTarget(db, environmentKey, now));
}

async function refreshInTarget(db: Db, environmentKey: string, now: Date): Promise<RefreshedStack[]> {
  const stale = await db.$queryRaw<{ id: string; name: string; region: string; aws_stack_id: string | null; updated_at: Date }[]>`
    SELECT s.id::text AS id, s.name, s.region, s.aws_stack_id, s.updated_at
    FROM stacks s JOIN environments e ON e.id = s.environment_id
    LEFT JOIN stack_resource_snapshots r ON r.stack_id = s.id
    WHERE e.key = ${environmentKey} AND s.deleted_at IS NULL AND s.status IS NOT NULL
      AND (r.stack_id IS NULL OR r.stack_updated_at <> s.updated_at OR r.refreshed_at < ${new Date(now.getTime() - RESCAN_MS)})
    ORDER BY (r.stack_id IS NOT NULL AND r.stack_updated_at = s.updated_at), r.refreshed_at NULLS FIRST, s.name
    LIMIT ${BATCH}`;
  const refreshed: RefreshedStack[] = [];
  for (const stack of stale) {
    const resources = await readResources(stack.region, stack.aws_stack_id ?? stack.name);
    if (resources === null) continue;
    await db.stackResourceSnapshot.upsert({
      where: { stackId: stack.id },
      create: { stackId: stack.id, resources: resources as object[], stackUpdatedAt: stack.updated_at, refreshedAt: now },
      update: { resources: resources as object[], stackUpdatedAt: stack.updated_at, refreshedAt: now },
      select: { stackId: true },
    });
    refreshed.push({ id: stack.id, name: stack.name, region: stack.region, resources });
  }
  return refreshed;
}

/** All of the stack's resources; [] once CloudFormation no longer knows it; null when it could not say (retry later). */
async function readResources(region: string, stackRef: string): Promise<StackResourceSummary[] | null> {
  try {
    return await listStackResources(region, stackRef);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return [];
    if (error instanceof AppError) return null;
    throw error;
  }
}

/** The stored resources of one stack, with when they were read; null before the first read. */
export async function storedResources(db: Db, stackId: string): Promise<{ resources: StackResourceSummary[]; refreshedAt: Date } | null> {
  const row = await db.stackResourceSnapshot.findUnique({ where: { stackId }, select: { resources: true, refreshedAt: true } });
  return row ? { resources: row.resources as unknown as StackResourceSummary[], refreshedAt: row.refreshedAt } : null;
}
