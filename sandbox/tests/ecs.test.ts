import {
  CreateClusterCommand, CreateServiceCommand, DeleteServiceCommand, DescribeClustersCommand, DescribeServicesCommand,
  DescribeTaskDefinitionCommand, DescribeTasksCommand, ListClustersCommand, ListServicesCommand, ListTasksCommand,
  RegisterTaskDefinitionCommand, UpdateServiceCommand, type Service,
} from "@aws-sdk/client-ecs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { UnknownOperationError } from "../core/contracts.ts";
import { startStubQuerySandbox } from "../testing/stub-sandbox.ts";

const noQuery = { protocol: "query" as const, handle: async (action: string) => { throw new UnknownOperationError(action); } };
let sandbox: Awaited<ReturnType<typeof startStubQuerySandbox>>;
beforeAll(async () => {
  sandbox = await startStubQuerySandbox(noQuery, { speed: 0.0005 });
  await sandbox.ecs.send(new CreateClusterCommand({ clusterName: "prod", settings: [{ name: "containerInsights", value: "enabled" }] }));
});
afterAll(() => sandbox.close());

const register = (family: string, environment: { name: string; value: string }[] = []) =>
  sandbox.ecs.send(new RegisterTaskDefinitionCommand({
    family, requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc", cpu: "256", memory: "512",
    containerDefinitions: [{ name: "app", image: "nginx:1.27", essential: true, environment }],
  }));

async function describeService(name: string): Promise<Service> {
  const { services } = await sandbox.ecs.send(new DescribeServicesCommand({ cluster: "prod", services: [name] }));
  return services![0];
}

async function waitFor(name: string, done: (service: Service) => boolean): Promise<Service> {
  for (let i = 0; i < 300; i += 1) {
    const service = await describeService(name);
    if (done(service)) return service;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`service ${name} never converged: ${JSON.stringify(await describeService(name), null, 1)}`);
}

describe("ECS", () => {
  test("a new service converges to its desired count and completes its deployment", async () => {
    const v1 = await register("web");
    const created = await sandbox.ecs.send(new CreateServiceCommand({
      cluster: "prod", serviceName: "web", taskDefinition: "web", desiredCount: 2, launchType: "FARGATE",
    }));
    expect(created.service).toMatchObject({ status: "ACTIVE", desiredCount: 2, runningCount: 0, taskDefinition: v1.taskDefinition?.taskDefinitionArn });
    expect(created.service?.deployments?.[0]).toMatchObject({ status: "PRIMARY", rolloutState: "IN_PROGRESS" });

    const steady = await waitFor("web", (service) => service.deployments?.[0]?.rolloutState === "COMPLETED");
    expect(steady).toMatchObject({ runningCount: 2, pendingCount: 0 });
    expect(steady.events?.[0]?.message).toBe("(service web) has reached a steady state.");
    expect(steady.events?.at(-1)?.message).toMatch(/^\(service web\) has started 2 tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/);
    expect(steady.events![0].createdAt!.getTime()).toBeGreaterThanOrEqual(steady.events!.at(-1)!.createdAt!.getTime());

    const { taskArns } = await sandbox.ecs.send(new ListTasksCommand({ cluster: "prod", serviceName: "web" }));
    expect(taskArns).toHaveLength(2);
    const { tasks } = await sandbox.ecs.send(new DescribeTasksCommand({ cluster: "prod", tasks: taskArns }));
    expect(tasks?.map((task) => task.lastStatus)).toEqual(["RUNNING", "RUNNING"]);
    expect(tasks?.[0]).toMatchObject({ group: "service:web", launchType: "FARGATE", containers: [{ name: "app", image: "nginx:1.27", lastStatus: "RUNNING" }] });
  });

  test("UpdateService with a new task definition rolls out a new PRIMARY deployment and drains the old one", async () => {
    const v2 = await register("web");
    const updated = await sandbox.ecs.send(new UpdateServiceCommand({ cluster: "prod", service: "web", taskDefinition: "web:2" }));
    expect(updated.service?.deployments?.map((d) => [d.status, d.rolloutState])).toEqual([["PRIMARY", "IN_PROGRESS"], ["ACTIVE", "COMPLETED"]]);
    const oldId = updated.service!.deployments![1].id;

    const rolled = await waitFor("web", (service) => service.deployments?.[0]?.rolloutState === "COMPLETED");
    expect(rolled).toMatchObject({ runningCount: 2, taskDefinition: v2.taskDefinition?.taskDefinitionArn });
    expect(rolled.deployments?.find((d) => d.id === oldId)?.status ?? "INACTIVE").toBe("INACTIVE");
    expect(rolled.events?.some((event) => /has stopped \d running tasks/.test(event.message ?? ""))).toBe(true);
    const { tasks } = await sandbox.ecs.send(new DescribeTasksCommand({
      cluster: "prod", tasks: (await sandbox.ecs.send(new ListTasksCommand({ cluster: "prod", serviceName: "web" }))).taskArns,
    }));
    expect(new Set(tasks?.map((task) => task.taskDefinitionArn))).toEqual(new Set([v2.taskDefinition?.taskDefinitionArn]));

    await sandbox.ecs.send(new UpdateServiceCommand({ cluster: "prod", service: "web", desiredCount: 3 }));
    const scaled = await waitFor("web", (service) => service.runningCount === 3);
    expect(scaled.deployments).toHaveLength(scaled.deployments!.filter((d) => d.status !== "ACTIVE").length);
  });

  test("a failing task definition trips the circuit breaker, which rolls back", async () => {
    await register("api");
    await sandbox.ecs.send(new CreateServiceCommand({
      cluster: "prod", serviceName: "api", taskDefinition: "api", desiredCount: 1,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    }));
    await waitFor("api", (service) => service.deployments?.[0]?.rolloutState === "COMPLETED");
    const broken = await register("api", [{ name: "SANDBOX_FAULT", value: "CannotPullContainerError: image not found" }]);
    await sandbox.ecs.send(new UpdateServiceCommand({ cluster: "prod", service: "api", taskDefinition: broken.taskDefinition?.taskDefinitionArn }));
    const failed = await waitFor("api", (service) => service.deployments?.some((d) => d.rolloutState === "FAILED") === true);
    const failedDeployment = failed.deployments!.find((d) => d.rolloutState === "FAILED")!;
    expect(failedDeployment).toMatchObject({ rolloutStateReason: "ECS deployment circuit breaker: tasks failed to start." });
    expect(failedDeployment.failedTasks).toBeGreaterThanOrEqual(3);
    const recovered = await waitFor("api", (service) => service.deployments?.[0]?.rolloutState === "COMPLETED" && service.runningCount === 1);
    expect(recovered.taskDefinition).toMatch(/task-definition\/api:1$/);
    const { tasks } = await sandbox.ecs.send(new DescribeTasksCommand({
      cluster: "prod", tasks: (await sandbox.ecs.send(new ListTasksCommand({ cluster: "prod", serviceName: "api", desiredStatus: "STOPPED" }))).taskArns,
    }));
    expect(tasks?.some((task) => task.stoppedReason === "CannotPullContainerError: image not found")).toBe(true);
  });

  test("clusters list, describe with settings and counts", async () => {
    const { clusterArns } = await sandbox.ecs.send(new ListClustersCommand({}));
    expect(clusterArns).toContain("arn:aws:ecs:us-east-1:000000000000:cluster/prod");
    const { clusters, failures } = await sandbox.ecs.send(new DescribeClustersCommand({ clusters: ["prod", "ghost"], include: ["SETTINGS"] }));
    expect(clusters?.[0]).toMatchObject({ clusterName: "prod", status: "ACTIVE", activeServicesCount: 2, settings: [{ name: "containerInsights", value: "enabled" }] });
    expect(clusters![0].runningTasksCount).toBeGreaterThanOrEqual(4);
    expect(failures).toEqual([{ arn: "ghost", reason: "MISSING" }]);
  });

  test("services list with pagination; missing services are failures", async () => {
    const first = await sandbox.ecs.send(new ListServicesCommand({ cluster: "prod", maxResults: 1 }));
    const second = await sandbox.ecs.send(new ListServicesCommand({ cluster: "prod", maxResults: 1, nextToken: first.nextToken }));
    expect([...first.serviceArns!, ...second.serviceArns!].sort()).toEqual([
      "arn:aws:ecs:us-east-1:000000000000:service/prod/api", "arn:aws:ecs:us-east-1:000000000000:service/prod/web"]);
    expect(second.nextToken).toBeUndefined();
    const { failures } = await sandbox.ecs.send(new DescribeServicesCommand({ cluster: "prod", services: ["nope"] }));
    expect(failures).toEqual([{ arn: "arn:aws:ecs:us-east-1:000000000000:service/prod/nope", reason: "MISSING" }]);
  });

  test("errors are ECS's modelled exceptions", async () => {
    const missingService = await sandbox.ecs.send(new UpdateServiceCommand({ cluster: "prod", service: "nope", desiredCount: 1 })).catch((e: unknown) => e);
    expect(missingService).toMatchObject({ name: "ServiceNotFoundException", $metadata: { httpStatusCode: 400 } });
    const missingDefinition = await sandbox.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "nope:9" })).catch((e: unknown) => e);
    expect(missingDefinition).toMatchObject({ name: "ClientException", message: "Unable to describe task definition." });
    const tooMany = await sandbox.ecs.send(new DescribeServicesCommand({ cluster: "prod", services: Array.from({ length: 11 }, (_, i) => `s${i}`) })).catch((e: unknown) => e);
    expect(tooMany).toMatchObject({ name: "InvalidParameterException" });
    const scaled = await sandbox.ecs.send(new DeleteServiceCommand({ cluster: "prod", service: "web" })).catch((e: unknown) => e);
    expect(scaled).toMatchObject({ name: "InvalidParameterException", message: "The service cannot be stopped while it is scaled above 0." });
  });

  test("a deleted service drains and becomes INACTIVE", async () => {
    const { service } = await sandbox.ecs.send(new DeleteServiceCommand({ cluster: "prod", service: "api", force: true }));
    expect(service?.status).toBe("DRAINING");
    const gone = await waitFor("api", (current) => current.status === "INACTIVE");
    expect(gone.runningCount).toBe(0);
    const { serviceArns } = await sandbox.ecs.send(new ListServicesCommand({ cluster: "prod" }));
    expect(serviceArns).toEqual(["arn:aws:ecs:us-east-1:000000000000:service/prod/web"]);
  });
});
