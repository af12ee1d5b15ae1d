import type { Db } from "../../db/client.ts";
import { describeStack, describeStackEvents } from "../../aws/cloudformation.ts";
import { applyTrackedStatus } from "../apply-tracked-status.ts";
import { completePreview } from "../complete-preview.ts";
import type { DeploymentStatus } from "../types.ts";

// What the tracker does, done inline for the tests: finish previews, wait for CloudFormation, store the
// operation's events, and hand the final status to applyTrackedStatus.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function finishPreview(db: Db, deploymentId: string): Promise<"pending" | DeploymentStatus> {
  for (let i = 0; i < 400; i++) {
    const result = await completePreview(db, deploymentId);
    if (result !== "pending") return result;
    await sleep(10);
  }
  throw new Error(`preview ${deploymentId} still pending`);
}

/** Polls DescribeStacks until the stack leaves *_IN_PROGRESS; "DELETE_COMPLETE" once it is gone. */
export async function waitForStack(region: string, stackRef: string, timeoutMs = 15_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const stack = await describeStack(region, stackRef);
    if (!stack) return "DELETE_COMPLETE";
    if (!stack.status.endsWith("_IN_PROGRESS")) return stack.status;
    await sleep(10);
  }
  throw new Error(`stack ${stackRef} still in progress`);
}

/** Stores this operation's events (newest first from AWS, back to the deployment's start) once each. */
export async function storeEvents(db: Db, deploymentId: string): Promise<number> {
  const d = await db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, select: { startedAt: true, stackId: true, stack: { select: { region: true, name: true, awsStackId: true } } } });
  const since = (d.startedAt?.getTime() ?? 0) - 1000;
  const rows = [];
  let token: string | undefined;
  do {
    const page = await describeStackEvents(d.stack.region, d.stack.awsStackId ?? d.stack.name, token);
    const fresh = page.events.filter((e) => e.timestamp.getTime() >= since);
    rows.push(...fresh);
    token = fresh.length === page.events.length ? (page.nextToken ?? undefined) : undefined;
  } while (token);
  const { count } = await db.stackEvent.createMany({
    data: rows.reverse().map((e) => ({
      eventId: e.eventId, stackId: d.stackId, deploymentId, timestamp: e.timestamp, logicalId: e.logicalId,
      physicalId: e.physicalId, resourceType: e.resourceType, status: e.status, reason: e.reason,
    })),
    skipDuplicates: true,
  });
  await db.deployment.update({ where: { id: deploymentId }, data: { eventsCount: { increment: count } } });
  return count;
}

/** Follows a deploying deployment to its end, like the tracker. */
export async function track(db: Db, deploymentId: string, opts: { cancelRequested?: boolean } = {}): Promise<DeploymentStatus> {
  const d = await db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, select: { stack: { select: { region: true, name: true, awsStackId: true } } } });
  const ref = d.stack.awsStackId ?? d.stack.name;
  const stackStatus = await waitForStack(d.stack.region, ref);
  await storeEvents(db, deploymentId);
  const described = await describeStack(d.stack.region, ref);
  return applyTrackedStatus(db, deploymentId, {
    stackStatus,
    statusReason: described?.statusReason ?? null,
    outputs: described?.outputs ?? [],
    firstFailureReason: null,
    cancelRequested: opts.cancelRequested ?? false,
  });
}
