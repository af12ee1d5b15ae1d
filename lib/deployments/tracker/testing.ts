// Test support for the tracker and realtime tests: a sandbox in this process with the app's AWS clients pointed
// at it, and deployments created straight in the database (what the deployments commands would have written).
import { CreateStackCommand, DescribeStackEventsCommand, UpdateStackCommand } from "@aws-sdk/client-cloudformation";
import { startTestSandbox, type TestSandbox } from "../../../sandbox/testing/harness.ts";
import { waitForStack } from "../../../sandbox/cloudformation/testing/helpers.ts";

export { waitForStack };
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "../../db/client.ts";
import { commitTransition, insertDeployment } from "../state-machine.ts";
import { makeActor, testDb } from "../../testing/fixtures.ts";
import { createScratchDatabaseWithRoles } from "../../testing/scratch-roles.ts";

/**
 * A database of this test file's own. Trackers pick up every active deployment they can see (the resume sweep),
 * so sharing the run's database would let them follow other files' deployments against the wrong sandbox.
 * Call before the first testDb(). Returns the drop function.
 */
export async function useOwnDatabase(label: string): Promise<() => Promise<void>> {
  const scratch = await createScratchDatabaseWithRoles(process.env.STACKDECK_TEST_SERVER_URL ?? process.env.DATABASE_URL!, `stackdeck_${label}`);
  process.env.DATABASE_URL = scratch.appUrl;
  process.env.MIGRATION_DATABASE_URL = scratch.ownerUrl;
  process.env.AUDIT_CHECKPOINT_FILE = path.join(os.tmpdir(), `${scratch.name}-checkpoints.jsonl`); // one file per log
  return async () => {
    await scratch.drop();
    rmSync(process.env.AUDIT_CHECKPOINT_FILE!, { force: true });
  };
}

export async function startSandboxForApp(): Promise<TestSandbox> {
  const sandbox = await startTestSandbox({ speed: 0.05 });
  // Before the app's first cloudFormationClient() call: the clients are cached per process with these settings.
  Object.assign(process.env, { AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" });
  return sandbox;
}

/**
 * `count` SSM parameters created one after the other (DependsOn), so an operation lasts count x 3 s x speed;
 * `revision` changes the values of the first `changed` of them.
 */
export function chainTemplate(count: number, revision = 0, changed = count): string {
  const resources = Array.from({ length: count }, (_, i) =>
    `  P${i}:\n    Type: AWS::SSM::Parameter\n${i ? `    DependsOn: P${i - 1}\n` : ""}    Properties: { Type: String, Value: "v${i}-${i < changed ? revision : 0}" }`);
  return `Resources:\n${resources.join("\n")}\n`;
}

export const logicalIds = (count: number) => Array.from({ length: count }, (_, i) => `P${i}`);

let counter = 0;
export const uniqueStackName = (label: string) => `staging-${label}-${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A Stack row and a `deploying` deployment of it, as if the change had just been executed. */
export async function createDeployingRecord(input: { stackName: string; changes: string[]; action?: "create" | "update"; stackId?: string }) {
  const db = await testDb();
  const actor = await makeActor("deployer");
  const environment = await db.environment.findUniqueOrThrow({ where: { key: "staging" }, select: { id: true } });
  const stack = input.stackId
    ? { id: input.stackId }
    : await db.stack.create({ data: { name: input.stackName, environmentId: environment.id, templateName: "chain", region: "us-east-1" }, select: { id: true } });
  // Through the state machine, as executeDeployment would: the intent, then deploying once "CloudFormation accepted".
  const deployment = { id: randomUUID() };
  await db.$transaction((tx) =>
    insertDeployment(tx, "executing", {
      id: deployment.id,
      stackId: stack.id,
      action: input.action ?? "create",
      requestedById: actor.userId,
      changes: input.changes.map((logicalId) => ({ action: "Add", logicalId, resourceType: "AWS::SSM::Parameter" })),
      resourcesTotal: input.changes.length,
    }, { actor, target: input.stackName, environment: "staging" }),
  );
  await commitTransition(db, deployment.id, "executing", "deploying", { startedAt: new Date(), audit: { actor: "system" } });
  return { db, stackId: stack.id, deploymentId: deployment.id };
}

export async function createStackIn(sandbox: TestSandbox, db: Db, stackRowId: string, stackName: string, template: string): Promise<void> {
  const { StackId } = await sandbox.cfn.send(new CreateStackCommand({ StackName: stackName, TemplateBody: template }));
  await db.stack.update({ where: { id: stackRowId }, data: { awsStackId: StackId } });
}

export async function updateStackIn(sandbox: TestSandbox, stackName: string, template: string): Promise<void> {
  await sandbox.cfn.send(new UpdateStackCommand({ StackName: stackName, TemplateBody: template }));
}

/** Every event CloudFormation has for the stack at or after `since` (the operation under test). */
export async function sandboxEventIds(sandbox: TestSandbox, stackName: string, since: Date): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const page = await sandbox.cfn.send(new DescribeStackEventsCommand({ StackName: stackName, NextToken: token }));
    for (const e of page.StackEvents ?? []) if (e.Timestamp && e.Timestamp >= since) ids.push(e.EventId!);
    token = page.NextToken;
  } while (token);
  return ids;
}

export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000, label = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}: ${JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? String(v) : v))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function describeEventsCalls(sandbox: TestSandbox): Promise<number> {
  const stats = (await sandbox.stats()) as { calls?: Record<string, Record<string, number>> };
  return stats.calls?.cloudformation?.DescribeStackEvents ?? 0;
}
