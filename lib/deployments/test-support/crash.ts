import { afterAll, beforeAll, expect } from "vitest";
import { TEMPLATE_DIR, writeTemplate } from "./env.ts";
import { startTestSandbox, type TestSandbox } from "../../../sandbox/testing/harness.ts";
import type { Actor } from "../../auth/guard.ts";
import { makeActor, testDb } from "../../testing/fixtures.ts";
import { syncTemplateCatalog } from "../../templates/sync.ts";
import { useOwnDatabase } from "../tracker/testing.ts";
import { DescribeStackEventsCommand, type CloudFormationClient } from "@aws-sdk/client-cloudformation";
import type { Db } from "../../db/client.ts";
import { SimulatedCrash, type FaultPoint, type Faults } from "../faults.ts";
import { reconcileDeployments } from "../reconcile.ts";
import { activeDeploymentOf } from "../context.ts";
import { IN_FLIGHT_STATUSES, type DeploymentStatus } from "../types.ts";

// The fault-injection tests' tools: a `faults` that "kills" the process at one point (SimulatedCrash, which no
// code catches, so no cleanup runs), the recovery a fresh process would do (the reconciler, with every intent
// and heartbeat considered stale), and the checks of the end state.

export function crashAt(point: FaultPoint): Faults & { hits: number } {
  const faults = {
    hits: 0,
    at(reached: FaultPoint) {
      if (reached !== point || faults.hits > 0) return;
      faults.hits++;
      throw new SimulatedCrash(point);
    },
  };
  return faults;
}

/** After the "crash": run the reconciler (as the next process would) until the deployment is no longer in flight. */
export async function recover(db: Db, deploymentId: string, timeoutMs = 20_000): Promise<DeploymentStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await reconcileDeployments({ db, enqueue: async () => undefined, staleAfterMs: 0 });
    const { status } = await db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, select: { status: true } });
    if (!IN_FLIGHT_STATUSES.includes(status)) return status;
    if (Date.now() > deadline) throw new Error(`deployment ${deploymentId} still ${status} after recovery`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Every event CloudFormation stamped with this deployment's token is stored, once, under this deployment. */
export async function eventsStoredOnce(db: Db, cfn: CloudFormationClient, deploymentId: string, stackRef: string): Promise<{ stored: number; missing: string[] }> {
  const ours: string[] = [];
  let token: string | undefined;
  do {
    const page = await cfn.send(new DescribeStackEventsCommand({ StackName: stackRef, NextToken: token }));
    for (const e of page.StackEvents ?? []) if (e.ClientRequestToken === deploymentId) ours.push(e.EventId!);
    token = page.NextToken;
  } while (token);
  const rows = await db.stackEvent.findMany({ where: { eventId: { in: ours } }, select: { eventId: true, deploymentId: true } });
  const { eventsCount } = await db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, select: { eventsCount: true } });
  const storedHere = await db.stackEvent.count({ where: { deploymentId } });
  if (eventsCount !== storedHere) throw new Error(`events_count ${eventsCount} but ${storedHere} stored`);
  const mine = new Set(rows.filter((r) => r.deploymentId === deploymentId).map((r) => r.eventId));
  return { stored: ours.length - ours.filter((id) => !mine.has(id)).length, missing: ours.filter((id) => !mine.has(id)) };
}

/** The stack's one active slot is free: a new change could start. */
export async function slotFree(db: Db, stackName: string): Promise<boolean> {
  const stack = await db.stack.findUniqueOrThrow({ where: { name: stackName }, select: { id: true } });
  return (await activeDeploymentOf(db, stack.id)) === null;
}

/**
 * What each scenario checks and what the report lists: the state the reconciler first settled the deployment in,
 * and its end state, which must be final with every event of its operation stored once and the stack's slot free.
 */
export function faultLedger(env: () => { db: Db; cfn: CloudFormationClient }) {
  const observed: { point: FaultPoint; recoveredTo: string; end: string }[] = [];
  let recoveredTo = "";
  return {
    async recoverFirst(deploymentId: string): Promise<DeploymentStatus> {
      const status = await recover(env().db, deploymentId);
      recoveredTo = status;
      return status;
    },
    async expectSettled(point: FaultPoint, deploymentId: string, stackName: string, status: DeploymentStatus): Promise<void> {
      const { db, cfn } = env();
      const d = await db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, select: { status: true, resultReason: true, stack: { select: { awsStackId: true } } } });
      expect({ point, status: d.status }).toEqual({ point, status });
      if (d.stack.awsStackId) {
        const events = await eventsStoredOnce(db, cfn, deploymentId, d.stack.awsStackId);
        expect(events.missing).toEqual([]);
        if (status !== "failed" || recoveredTo !== "failed") expect(events.stored).toBeGreaterThan(0);
      }
      expect(await slotFree(db, stackName)).toBe(true);
      observed.push({ point, recoveredTo, end: `${d.status}${d.resultReason ? `: ${d.resultReason}` : ""}` });
    },
    report: () => console.table(observed),
  };
}

export interface FaultWorld extends ReturnType<typeof faultLedger> {
  db: Db;
  sandbox: TestSandbox;
  deployer: Actor;
}

/**
 * A fault-injection test file's world, set up in beforeAll: a database of its own (the reconciler looks at every
 * deployment it can see), a sandbox in this process with the app's AWS clients pointed at it, a deployer, and
 * `templates` in the catalog. afterAll prints the ledger's report and tears it down.
 */
export function faultWorld(label: string, templates: Record<string, string>): FaultWorld {
  const world = {} as FaultWorld;
  let dropDatabase: (() => Promise<void>) | undefined;
  Object.assign(world, faultLedger(() => ({ db: world.db, cfn: world.sandbox.cfn })));
  beforeAll(async () => {
    dropDatabase = await useOwnDatabase(label);
    world.sandbox = await startTestSandbox({ speed: 0.0005 });
    Object.assign(process.env, { AWS_ENDPOINT_URL: world.sandbox.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" });
    world.db = await testDb();
    world.deployer = await makeActor("deployer");
    for (const [name, body] of Object.entries(templates)) writeTemplate(name, body);
    await syncTemplateCatalog(world.db, TEMPLATE_DIR);
  });
  afterAll(async () => {
    world.report();
    await world.sandbox?.close();
    await dropDatabase?.();
  });
  return world;
}
