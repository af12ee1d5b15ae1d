import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import { listStackResources } from "../../aws/cloudformation-resources.ts";

// Which alarms belong to which stack: the stack's AWS::CloudWatch::Alarm resources (physical id = alarm name),
// from ListStackResources (all pages; DescribeStackResources stops at 100). CloudFormation is asked only when the
// stack changed since we last looked (its row's updatedAt moves whenever the tracker records a status), and at most
// every RESCAN_MS otherwise, so a steady environment costs no CloudFormation call per refresh.

const ALARM_TYPE = "AWS::CloudWatch::Alarm";
const RESCAN_MS = 10 * 60_000;

export interface StackRef {
  id: string;
  name: string;
  region: string;
  awsStackId: string | null;
  updatedAt: Date;
}

const scanned = new Map<string, { stackUpdatedAt: number; at: number }>();

function needsScan(stack: StackRef, now: number): boolean {
  const last = scanned.get(stack.id);
  return !last || last.stackUpdatedAt !== stack.updatedAt.getTime() || now - last.at > RESCAN_MS;
}

/** Brings the stack's alarm rows in line with its resources; returns how many stacks were scanned. */
export async function discoverAlarms(db: Db, stacks: StackRef[], now = Date.now()): Promise<number> {
  let count = 0;
  for (const stack of stacks.filter((s) => needsScan(s, now))) {
    const resources = await stackAlarms(stack);
    if (resources === null) continue;
    await syncStackAlarms(db, stack, resources);
    scanned.set(stack.id, { stackUpdatedAt: stack.updatedAt.getTime(), at: now });
    count++;
  }
  return count;
}

/** Forgets what was scanned (tests, and a stack known to have changed). */
export function forgetScans(stackId?: string): void {
  if (stackId) scanned.delete(stackId);
  else scanned.clear();
}

async function stackAlarms(stack: StackRef): Promise<{ logicalId: string; name: string }[] | null> {
  try {
    const resources = await listStackResources(stack.region, stack.awsStackId ?? stack.name, [ALARM_TYPE]);
    return resources
      .filter((r) => r.physicalId && !r.status.startsWith("DELETE_"))
      .map((r) => ({ logicalId: r.logicalId, name: r.physicalId! }));
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return [];
    if (error instanceof AppError) return null; // try again on the next refresh
    throw error;
  }
}

async function syncStackAlarms(db: Db, stack: StackRef, found: { logicalId: string; name: string }[]): Promise<void> {
  const names = found.map((a) => a.name);
  await db.alarm.deleteMany({ where: { stackId: stack.id, name: { notIn: names } } });
  for (const alarm of found) {
    await db.alarm.upsert({
      where: { region_name: { region: stack.region, name: alarm.name } },
      create: { stackId: stack.id, region: stack.region, name: alarm.name, logicalId: alarm.logicalId },
      update: { stackId: stack.id, logicalId: alarm.logicalId },
      select: { id: true },
    });
  }
}
