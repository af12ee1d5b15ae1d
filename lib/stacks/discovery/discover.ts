import type { Db } from "../../db/client.ts";
import { describeStack, describeStackEvents } from "../../aws/cloudformation.ts";
import { listStackResources } from "../../aws/cloudformation-resources.ts";
import { listLiveStacks, type StackListing } from "../../aws/cloudformation-listing.ts";
import { withEnvironmentTarget } from "../../environments/aws-target.ts";
import type { EnvironmentTarget } from "../../environments/targets.ts";
import type { StackEventDto } from "../../deployments/types.ts";

// Discovery (a pg-boss chain per environment, job.ts): lists the environment's account in each of its regions
// (ListStacks, every page, background budget) and keeps discovered_stacks = the live stacks no environment of the
// console manages. What the read-only page shows (outputs, parameters, resources, latest events) is read again only
// when a stack is new or CloudFormation reports a change (status or last update time), so a quiet account costs
// one ListStacks page per region and run.

const EVENTS_KEPT = 50;

export interface DiscoveryResult {
  listed: number;
  unmanaged: number;
  detailsRead: number;
  removed: number;
}

export function discoverEnvironmentStacks(db: Db, environmentKey: string, now = new Date()): Promise<DiscoveryResult> {
  return withEnvironmentTarget(db, environmentKey, null, (target) => discoverInTarget(db, target, now));
}

async function discoverInTarget(db: Db, target: EnvironmentTarget, now: Date): Promise<DiscoveryResult> {
  const result: DiscoveryResult = { listed: 0, unmanaged: 0, detailsRead: 0, removed: 0 };
  for (const region of target.regions) {
    const listed = await listLiveStacks(region);
    result.listed += listed.length;
    const unmanaged = await withoutManaged(db, listed);
    result.unmanaged += unmanaged.length;
    const known = new Map((await db.discoveredStack.findMany({
      where: { environmentId: target.environmentId, region },
      select: { stackId: true, status: true, lastUpdatedTime: true, detailsOf: true },
    })).map((row) => [row.stackId, row]));
    for (const stack of unmanaged) {
      const stored = known.get(stack.stackId);
      const changed = !stored?.detailsOf || stored.status !== stack.status || stored.lastUpdatedTime?.getTime() !== stack.lastUpdatedTime?.getTime();
      const details = changed ? await readDetails(region, stack) : null;
      if (details) result.detailsRead++;
      const row = {
        environmentId: target.environmentId, accountId: target.accountId, region, name: stack.name, status: stack.status,
        statusReason: stack.statusReason, createdTime: stack.createdTime, lastUpdatedTime: stack.lastUpdatedTime, seenAt: now,
        ...(details ?? {}),
      };
      // A stack recreated under the same name has a new id: the (environment, region, name) row is replaced.
      await db.discoveredStack.deleteMany({ where: { environmentId: target.environmentId, region, name: stack.name, NOT: { stackId: stack.stackId } } });
      await db.discoveredStack.upsert({ where: { stackId: stack.stackId }, create: { stackId: stack.stackId, ...row }, update: row, select: { id: true } });
    }
    // Gone from the account, or managed now (adopted, or created by the console under that name).
    const removed = await db.discoveredStack.deleteMany({ where: { environmentId: target.environmentId, region, seenAt: { lt: now } } });
    result.removed += removed.count;
  }
  return result;
}

/** The stacks no environment of the console manages: neither its ARN nor (for a live row) its name is ours. */
async function withoutManaged(db: Db, listed: StackListing[]): Promise<StackListing[]> {
  if (!listed.length) return [];
  const ours = await db.stack.findMany({
    where: { OR: [{ awsStackId: { in: listed.map((s) => s.stackId) } }, { name: { in: listed.map((s) => s.name) }, deletedAt: null }] },
    select: { name: true, awsStackId: true, deletedAt: true },
  });
  const ids = new Set(ours.map((s) => s.awsStackId));
  const names = new Set(ours.filter((s) => s.deletedAt === null).map((s) => s.name));
  return listed.filter((s) => !ids.has(s.stackId) && !names.has(s.name));
}

async function readDetails(region: string, stack: StackListing) {
  const described = await describeStack(region, stack.stackId);
  if (!described) return null;
  const [resources, { events }] = await Promise.all([listStackResources(region, stack.stackId), describeStackEvents(region, stack.stackId)]);
  const eventDtos: StackEventDto[] = events.slice(0, EVENTS_KEPT).map((e) => ({
    id: e.eventId, eventId: e.eventId, timestamp: e.timestamp.toISOString(), logicalId: e.logicalId, physicalId: e.physicalId,
    resourceType: e.resourceType, status: e.status, reason: e.reason,
  }));
  return {
    outputs: described.outputs as object[],
    parameters: described.parameters,
    resources: resources as object[],
    events: eventDtos as object[],
    detailsOf: new Date(),
  };
}
