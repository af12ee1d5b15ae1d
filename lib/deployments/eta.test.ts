import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeActor, testDb } from "../testing/fixtures.ts";
import { estimateDurationSeconds } from "./eta.ts";

async function stackWithHistory(template: string, durations: number[]) {
  const db = await testDb();
  const user = await makeActor("deployer");
  const env = await db.environment.findUniqueOrThrow({ where: { key: "staging" } });
  const stack = await db.stack.create({ data: { name: `staging-${template}`, environmentId: env.id, templateName: template, region: "us-east-1" } });
  let at = Date.UTC(2026, 0, 1);
  for (const seconds of durations) {
    const startedAt = new Date((at += 3_600_000));
    await db.deployment.create({
      data: { stackId: stack.id, action: "update", status: "succeeded", requestedById: user.userId, createdAt: startedAt, startedAt, finishedAt: new Date(startedAt.getTime() + seconds * 1000) },
    });
  }
  return { db, user, stack };
}

describe("estimateDurationSeconds", () => {
  it("is the median of earlier successful deployments of the same template and action", async () => {
    const { db, user, stack } = await stackWithHistory(`eta${randomUUID().slice(0, 6)}`, [100, 300, 200]);
    const current = await db.deployment.create({ data: { stackId: stack.id, action: "update", status: "ready", requestedById: user.userId } });
    expect(await estimateDurationSeconds(db, current.id)).toBe(200);
  });

  it("falls back to the slowest resource type of the change, from stored events", async () => {
    const { db, user, stack } = await stackWithHistory(`eta${randomUUID().slice(0, 6)}`, []);
    const earlier = await db.deployment.create({ data: { stackId: stack.id, action: "create", status: "failed", requestedById: user.userId } });
    const event = (logicalId: string, type: string, status: string, second: number) => ({
      eventId: randomUUID(), stackId: stack.id, deploymentId: earlier.id, logicalId, resourceType: type, status, timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, second)),
    });
    await db.stackEvent.createMany({
      data: [
        event("Db", "AWS::RDS::DBInstance", "CREATE_IN_PROGRESS", 0), event("Db", "AWS::RDS::DBInstance", "CREATE_COMPLETE", 50),
        event("Sg", "AWS::EC2::SecurityGroup", "CREATE_IN_PROGRESS", 0), event("Sg", "AWS::EC2::SecurityGroup", "CREATE_COMPLETE", 5),
      ],
    });
    const changes = [
      { action: "Add", logicalId: "Db", physicalId: null, resourceType: "AWS::RDS::DBInstance", replacement: null, scope: [], details: [], dataStore: true },
      { action: "Add", logicalId: "Sg", physicalId: null, resourceType: "AWS::EC2::SecurityGroup", replacement: null, scope: [], details: [], dataStore: false },
    ];
    const current = await db.deployment.create({ data: { stackId: stack.id, action: "create", status: "ready", requestedById: user.userId, changes } });
    expect(await estimateDurationSeconds(db, current.id)).toBe(50);
    const unknown = await db.deployment.create({ data: { stackId: (await stackWithHistory(`eta${randomUUID().slice(0, 6)}`, [])).stack.id, action: "delete", status: "ready", requestedById: user.userId } });
    expect(await estimateDurationSeconds(db, unknown.id)).toBeNull();
  });
});
