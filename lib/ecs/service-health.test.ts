import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { CreateClusterCommand, CreateServiceCommand, RegisterTaskDefinitionCommand, UpdateServiceCommand } from "@aws-sdk/client-ecs";
import { startTestSandbox, type TestSandbox } from "../../sandbox/testing/harness.ts";
import type { Db } from "../db/client.ts";
import type { Actor } from "../auth/guard.ts";
import { makeActor, testDb } from "../testing/fixtures.ts";
import { getStackEcsHealth } from "./queries.ts";
import { refreshEnvironmentEcsHealth, refreshStackEcsHealth } from "./refresh.ts";
import type { ServiceHealthDto, StackEcsHealth } from "./types.ts";

// ECS service health against the sandbox: the cluster and services are created directly through the SDK (the real
// `service` template needs six other stacks first) and a `service` stack row points at them through its outputs.
// The refresh (what the ECS health job runs) reads ECS and stores a snapshot; the page's read returns that.

let sandbox: TestSandbox;
let db: Db;
let viewer: Actor;
const P = `e${randomBytes(3).toString("hex")}`;
const cluster = `${P}-cluster`;
const stackName = `staging-${P}-service`;

const register = (image: string) =>
  sandbox.ecs.send(new RegisterTaskDefinitionCommand({
    family: `${P}-backend`, requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc", cpu: "256", memory: "512",
    containerDefinitions: [{ name: "backend", image, essential: true }],
  }));

async function addStack(name: string, outputs: { key: string; value: string }[], region = "us-east-1") {
  const env = await db.environment.findUniqueOrThrow({ where: { key: "staging" }, select: { id: true } });
  await db.stack.create({ data: { name, environmentId: env.id, templateName: "service", region, status: "CREATE_COMPLETE", outputs } });
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ speed: 0.0005 });
  Object.assign(process.env, { AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" });
  db = await testDb();
  viewer = await makeActor("viewer", "staging");
  await sandbox.ecs.send(new CreateClusterCommand({ clusterName: cluster }));
  await register("registry.example/backend:v1");
  await sandbox.ecs.send(new CreateServiceCommand({ cluster, serviceName: "backend", taskDefinition: `${P}-backend`, desiredCount: 2, launchType: "FARGATE" }));
  await addStack(stackName, [{ key: "ClusterName", value: cluster }, { key: "BackendServiceName", value: "backend" }]);
});
afterAll(() => sandbox?.close());

/** The stack's refresh (what the job runs for each such stack every 15 s), then the page's read of the snapshot. */
async function refreshed(name = stackName) {
  expect(await refreshStackEcsHealth(db, name)).toBe(true);
  return getStackEcsHealth(db, viewer, name);
}
const read = () => refreshed();

async function until(done: (s: ServiceHealthDto) => boolean): Promise<{ health: StackEcsHealth; seen: ServiceHealthDto[] }> {
  const seen: ServiceHealthDto[] = [];
  for (let i = 0; i < 400; i++) {
    const health = await read();
    expect(health.error).toBeNull();
    const service = health.services[0]!;
    seen.push(service);
    if (done(service)) return { health, seen };
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never converged: ${JSON.stringify(seen.at(-1), null, 1)}`);
}

describe("ECS service health", () => {
  it("counts converge: running reaches desired and the rollout is COMPLETED", async () => {
    const { health, seen } = await until((s) => s.deployments[0]?.rolloutState === "COMPLETED");
    expect(seen[0]!.deployments[0]!.rolloutState === "IN_PROGRESS" || seen.length === 1).toBe(true);
    expect(health).toMatchObject({ cluster, missing: [], error: null });
    const service = health.services[0]!;
    expect(service).toMatchObject({ name: "backend", status: "ACTIVE", desired: 2, running: 2, pending: 0, verdict: "healthy" });
    expect(service.taskDefinition).toMatchObject({ family: `${P}-backend`, revision: 1, images: ["registry.example/backend:v1"] });
    expect(service.deployments).toEqual([expect.objectContaining({ status: "PRIMARY", rolloutState: "COMPLETED", taskDefinition: `${P}-backend:1`, running: 2, desired: 2 })]);
    expect(service.events.length).toBeGreaterThan(0);
    expect(service.events.length).toBeLessThanOrEqual(10);
    expect(service.events[0]!.message).toMatch(/steady state/);
    // ECS publishes CPU and memory from the minute its tasks run (the sandbox does too): at least that minute.
    expect(service.cpu.length).toBeGreaterThanOrEqual(1);
    expect(service.memory.length).toBe(service.cpu.length);
    expect(service.cpu.every((p) => p.value >= 0 && p.value <= 100)).toBe(true);
    expect(service.metricsError).toBeNull();
  });

  it("UpdateService with a new task definition shows IN_PROGRESS, then COMPLETED on the new revision", async () => {
    await register("registry.example/backend:v2");
    // Slow enough (tasks move a step per 100 ms) that the rollout is still running when the refresh reads it, even
    // with the whole suite competing for the CPU.
    await sandbox.config({ speed: 0.005 });
    await sandbox.ecs.send(new UpdateServiceCommand({ cluster, service: "backend", taskDefinition: `${P}-backend:2` }));
    const started = (await read()).services[0]!;
    expect(started.verdict).toBe("deploying");
    expect(started.deployments.map((d) => [d.status, d.rolloutState, d.taskDefinition])).toEqual([
      ["PRIMARY", "IN_PROGRESS", `${P}-backend:2`], ["ACTIVE", "COMPLETED", `${P}-backend:1`],
    ]);
    expect(started.taskDefinition).toMatchObject({ revision: 2, images: ["registry.example/backend:v2"] });

    const { health } = await until((s) => s.deployments[0]?.rolloutState === "COMPLETED" && !s.deployments.some((d) => d.status === "ACTIVE"));
    await sandbox.config({ speed: 0.0005 });
    expect(health.services[0]).toMatchObject({ running: 2, desired: 2, verdict: "healthy" });
    expect(health.services[0]!.deployments[0]).toMatchObject({ status: "PRIMARY", taskDefinition: `${P}-backend:2`, running: 2 });
    await sandbox.config({ speed: 0.0005 });
  });

  it("serves pages from the stored snapshot: reading asks ECS nothing, and says when it was refreshed", async () => {
    const ecsCalls = async () => Object.values(((await sandbox.stats()) as { calls: Record<string, Record<string, number>> }).calls.ecs ?? {}).reduce((a, b) => a + b, 0);
    const { stacks } = await refreshEnvironmentEcsHealth(db, "staging"); // the whole environment, as the job runs it
    expect(stacks).toBeGreaterThanOrEqual(1);
    const first = await getStackEcsHealth(db, viewer, stackName);
    const before = await ecsCalls();
    const again = await getStackEcsHealth(db, viewer, stackName);
    expect(await ecsCalls()).toBe(before);
    expect(again).toEqual(first);
    expect(Date.now() - Date.parse(again.refreshedAt!)).toBeLessThan(30_000);
    const never = `staging-${P}-never`;
    await addStack(never, [{ key: "ClusterName", value: cluster }]);
    expect(await getStackEcsHealth(db, viewer, never)).toMatchObject({ refreshedAt: null, services: [], error: null });
  });

  it("names services ECS does not know, and refuses users without access to the environment", async () => {
    const ghost = `staging-${P}-ghost`;
    await addStack(ghost, [{ key: "ClusterName", value: cluster }, { key: "FrontendServiceName", value: "nope" }]);
    expect(await refreshed(ghost)).toMatchObject({ services: [], missing: ["nope"], error: null });
    const outsider = await makeActor("viewer", "production");
    await expect(getStackEcsHealth(db, outsider, stackName)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("says so clearly when the cluster is gone", async () => {
    const gone = `staging-${P}-gone`;
    await addStack(gone, [{ key: "ClusterName", value: `${P}-missing` }, { key: "BackendServiceName", value: "backend" }]);
    const health = await refreshed(gone);
    expect(health.services).toEqual([]);
    expect(health.error).toMatch(/cluster/i);
  });

  it("says so clearly when ECS cannot be reached", async () => {
    const far = `staging-${P}-far`;
    await addStack(far, [{ key: "ClusterName", value: cluster }, { key: "BackendServiceName", value: "backend" }], "eu-west-3");
    process.env.AWS_ENDPOINT_URL_ECS = "http://127.0.0.1:9"; // nothing listens there; read when the eu-west-3 client is made
    try {
      const health = await refreshed(far);
      expect(health).toMatchObject({ services: [], error: "AWS could not be reached to read the ECS services; try again in a moment." });
    } finally {
      delete process.env.AWS_ENDPOINT_URL_ECS;
    }
  });
});
