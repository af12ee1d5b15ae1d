import type { Db } from "../../db/client.ts";
import { refreshStaleResources, type RefreshedStack } from "../../stacks/resources-refresh.ts";

// Which alarms belong to which stack: the stack's AWS::CloudWatch::Alarm resources (physical id = alarm name), taken
// from the resource snapshots the same run refreshes (lib/stacks/resources-refresh.ts): only stacks that changed,
// were never read or were read long ago cost a ListStackResources call, so a steady environment costs none.

const ALARM_TYPE = "AWS::CloudWatch::Alarm";

/** Refreshes stale resource snapshots and brings those stacks' alarm rows in line; returns how many were read. */
export async function discoverAlarms(db: Db, environmentKey: string): Promise<number> {
  const refreshed = await refreshStaleResources(db, environmentKey);
  for (const stack of refreshed) await syncStackAlarms(db, stack);
  return refreshed.length;
}

async function syncStackAlarms(db: Db, stack: RefreshedStack): Promise<void> {
  const found = stack.resources
    .filter((r) => r.resourceType === ALARM_TYPE && r.physicalId && !r.status.startsWith("DELETE_"))
    .map((r) => ({ logicalId: r.logicalId, name: r.physicalId! }));
  await db.alarm.deleteMany({ where: { stackId: stack.id, name: { notIn: found.map((a) => a.name) } } });
  for (const alarm of found) {
    await db.alarm.upsert({
      where: { region_name: { region: stack.region, name: alarm.name } },
      create: { stackId: stack.id, region: stack.region, name: alarm.name, logicalId: alarm.logicalId },
      update: { stackId: stack.id, logicalId: alarm.logicalId },
      select: { id: true },
    });
  }
}
