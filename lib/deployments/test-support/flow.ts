import type { Db } from "../../db/client.ts";
import { describeStack } from "../../aws/cloudformation.ts";
import { withDeploymentTarget, withEnvironmentTarget } from "../../environments/aws-target.ts";
import { currentAwsTarget } from "../../aws/target-context.ts";
import { testDb } from "../../testing/fixtures.ts";
import { fetchNewEvents, refreshProgress, storeEvents as storeTrackedEvents } from "../tracker/events.ts";
import { isFinalStackStatus } from "../stack-status.ts";
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

/** Polls DescribeStacks until the stack's status is final; "DELETE_COMPLETE" once it is gone. */
export async function waitForStack(region: string, stackRef: string, timeoutMs = 15_000): Promise<string> {
  if (currentAwsTarget()) return waitInTarget(region, stackRef, timeoutMs);
  // Tests name stacks <environment>-...: wait in that environment's account.
  return withEnvironmentTarget(await testDb(), stackRef.split("-")[0], null, () => waitInTarget(region, stackRef, timeoutMs));
}

async function waitInTarget(region: string, stackRef: string, timeoutMs: number): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const stack = await describeStack(region, stackRef);
    if (!stack) return "DELETE_COMPLETE";
    if (isFinalStackStatus(stack.status)) return stack.status;
    await sleep(10);
  }
  throw new Error(`stack ${stackRef} still in progress`);
}

/** Stores this operation's events once each and refreshes progress, with the tracker's own functions. */
export function storeEvents(db: Db, deploymentId: string): Promise<number> {
  return withDeploymentTarget(db, deploymentId, null, () => storeEventsInTarget(db, deploymentId));
}

async function storeEventsInTarget(db: Db, deploymentId: string): Promise<number> {
  const d = await db.deployment.findUniqueOrThrow({
    where: { id: deploymentId },
    select: { startedAt: true, stackId: true, changes: true, stack: { select: { region: true, name: true, awsStackId: true } } },
  });
  const since = new Date((d.startedAt?.getTime() ?? 0) - 1000);
  const { events } = await fetchNewEvents(db, { region: d.stack.region, stackRef: d.stack.awsStackId ?? d.stack.name, since, clientRequestToken: deploymentId });
  const count = await storeTrackedEvents(db, d.stackId, deploymentId, events);
  const changed = Array.isArray(d.changes) ? (d.changes as { logicalId: string }[]).map((c) => c.logicalId) : [];
  await refreshProgress(db, deploymentId, changed);
  return count;
}

/** Follows a deploying deployment to its end, like the tracker. */
export function track(db: Db, deploymentId: string, opts: { cancelRequested?: boolean } = {}): Promise<DeploymentStatus> {
  return withDeploymentTarget(db, deploymentId, null, () => trackInTarget(db, deploymentId, opts));
}

async function trackInTarget(db: Db, deploymentId: string, opts: { cancelRequested?: boolean }): Promise<DeploymentStatus> {
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
