import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client.ts";
import type { Actor } from "../auth/guard.ts";
import { makeActor, testDb, ownerTestDb } from "../testing/fixtures.ts";
import { listStacks } from "../deployments/queries.ts";
import { StackStatus } from "@aws-sdk/client-cloudformation";
import { STACK_STATUS_GROUPS, stackStatusGroup } from "../deployments/stack-status.ts";
import type { DeploymentStatus } from "../deployments/types.ts";
import { getOverview } from "./queries.ts";

// The overview against PostgreSQL, in an environment of its own (other test files deploy to staging and production
// at the same time, so only a private environment has counts this test can know).

let db: Db;
let viewer: Actor;
let userId: string;
const P = `ov${randomBytes(3).toString("hex")}`;
let envId: string;
const base = Date.now() - 3_600_000;

async function stack(suffix: string, status: string | null, extra: { deletedAt?: Date } = {}) {
  return db.stack.create({ data: { name: `${P}-${suffix}`, environmentId: envId, templateName: suffix, region: "us-east-1", status, ...extra }, select: { id: true, name: true } });
}

async function deployment(stackId: string, status: DeploymentStatus, minute: number, extra: Record<string, unknown> = {}) {
  return db.deployment.create({
    data: { stackId, status, action: "update", requestedById: userId, createdAt: new Date(base + minute * 60_000), ...extra },
    select: { id: true },
  });
}

beforeAll(async () => {
  db = await testDb();
  envId = (await db.environment.create({ data: { key: P, name: `Overview ${P}`, sortOrder: 99 }, select: { id: true } })).id;
  viewer = await makeActor("viewer", P);
  userId = viewer.userId;
});

afterAll(async () => {
  const owner = ownerTestDb(); // the app's role may not delete history
  await owner.alarm.deleteMany({ where: { stack: { environmentId: envId } } });
  await owner.stackEvent.deleteMany({ where: { stack: { environmentId: envId } } });
  await owner.deployment.deleteMany({ where: { stack: { environmentId: envId } } });
  await owner.stack.deleteMany({ where: { environmentId: envId } });
});

describe("overview", () => {
  it("starts empty: nothing deployed, no deployments", async () => {
    const overview = await getOverview(db, viewer, P);
    expect(overview.stacks.total).toBe(0);
    expect(overview.recent).toEqual([]);
    expect(overview.inProgress).toEqual([]);
    expect(overview.verdict).toMatchObject({ tone: "grey", text: "Nothing deployed yet" });
  });

  it("counts stacks by status, in-progress deployments, approvals, alarms, the last 10 and the cost", async () => {
    const [network, database, cache, iam, service, queue] = await Promise.all([
      stack("network", "CREATE_COMPLETE"), stack("database", "UPDATE_COMPLETE"), stack("cache", "UPDATE_ROLLBACK_COMPLETE"),
      stack("iam", "UPDATE_ROLLBACK_FAILED"), stack("service", "UPDATE_IN_PROGRESS"), stack("queue", null),
    ]);
    await stack("gone", "CREATE_COMPLETE", { deletedAt: new Date() });
    const costDelta = (after: number) => ({ currency: "USD", before: 0, after, monthlyDelta: after, lines: [] });
    await deployment(network.id, "succeeded", 0, { costDelta: costDelta(10) });
    await deployment(database.id, "succeeded", 1, { costDelta: costDelta(99) });
    await deployment(database.id, "succeeded", 2, { costDelta: costDelta(5.5) });
    for (let i = 0; i < 9; i++) await deployment(i % 2 ? cache.id : iam.id, i % 3 ? "failed" : "rolled_back", 3 + i);
    const deploying = await deployment(service.id, "deploying", 20, { resourcesDone: 7, resourcesTotal: 5, startedAt: new Date(base + 20 * 60_000) });
    const event = await db.stackEvent.create({
      data: { eventId: `${P}-e1`, stackId: service.id, deploymentId: deploying.id, timestamp: new Date(), logicalId: "Svc", resourceType: "AWS::ECS::Service", status: "UPDATE_IN_PROGRESS" },
      select: { id: true },
    });
    const waiting = await deployment(queue.id, "awaiting_approval", 21);
    await db.alarm.create({ data: { stackId: database.id, region: "us-east-1", name: `${P}-cpu-high`, logicalId: "CpuHigh", state: "ALARM" } });
    await db.alarm.create({ data: { stackId: database.id, region: "us-east-1", name: `${P}-storage-low`, logicalId: "StorageLow", state: "OK" } });

    const overview = await getOverview(db, viewer, P);
    expect(overview.stacks.total).toBe(6);
    expect(overview.stacks.byGroup).toEqual({ healthy: 2, rollback: 1, failed: 1, in_progress: 1, other: 1 });
    expect(overview.stacks.attention.map((s) => s.name).sort()).toEqual([cache.name, iam.name].sort());
    expect(overview.inProgress).toEqual([
      expect.objectContaining({ id: deploying.id, stackName: service.name, status: "deploying", resourcesDone: 5, resourcesTotal: 5, lastEventId: event.id.toString() }),
    ]);
    expect(overview.awaitingApproval).toBe(1);
    expect(overview.alarms).toEqual({ count: 1, names: [`${P}-cpu-high`] });
    expect(overview.recent).toHaveLength(10);
    expect(overview.recent[0]!.id).toBe(waiting.id);
    expect(overview.recent[1]!.id).toBe(deploying.id);
    expect(overview.recent.map((d) => d.createdAt)).toEqual([...overview.recent.map((d) => d.createdAt)].sort().reverse());
    expect(overview.recent.some((d) => d.stackName === network.name)).toBe(false); // older than the last 10
    expect(overview.cost).toEqual({ deployed: { monthly: 15.5, stacks: 2 }, platform: null }); // no profile for this test environment
    expect(overview.verdict).toEqual({
      tone: "red",
      text: "1 alarm in ALARM, 1 stack failed, 1 stack rolled back, 1 deployment in progress, 1 change awaiting approval",
    });
  });

  it("refuses users without access to the environment", async () => {
    const outsider = await makeActor("admin", "staging", "staging-admin");
    await expect(getOverview(db, outsider, P)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("the Stacks page's status filter matches the overview's groups for every CloudFormation status", async () => {
    // Every status the SDK knows, no status yet, and one AWS might add later: the filter must equal the function.
    const statuses: (string | null)[] = [...Object.values(StackStatus), null, "SOME_FUTURE_STATUS"];
    const groupEnv = `${P}g`;
    const env = await db.environment.create({ data: { key: groupEnv, name: groupEnv, sortOrder: 99 }, select: { id: true } });
    await db.stack.createMany({ data: statuses.map((status, i) => ({ name: `${P}g-${i}`, environmentId: env.id, templateName: "x", region: "us-east-1", status })) });
    const admin = await makeActor("admin");
    for (const group of STACK_STATUS_GROUPS) {
      const page = await listStacks(db, admin, groupEnv, { status: group, limit: 200 });
      const expected = statuses.map((s, i) => ({ s, name: `${P}g-${i}` })).filter(({ s }) => stackStatusGroup(s) === group).map((x) => x.name).sort();
      expect([group, page.items.map((s) => s.name).sort()]).toEqual([group, expected]);
    }
    expect((await getOverview(db, admin, groupEnv)).stacks.byGroup).toEqual({ failed: 6, rollback: 7, in_progress: 5, healthy: 3, other: 4 });
    await ownerTestDb().stack.deleteMany({ where: { environmentId: env.id } });
  });
});
