import {
  DescribeServicesCommand, DescribeTaskDefinitionCommand, ListServicesCommand,
  type Deployment, type Service,
} from "@aws-sdk/client-ecs";
import { ecsClient } from "./clients.ts";
import { callEcs } from "./ecs-errors.ts";
import type { EcsDeploymentRecord, EcsServiceDescription, EcsTaskDefinitionSummary, RolloutState } from "./ecs-types.ts";

// A thin typed adapter over the ECS client: reads only (the console shows service health; it never changes a
// service itself: CloudFormation does). Our types in and out; errors from ./ecs-errors.ts.

export * from "./ecs-types.ts";

/** The ARNs of a cluster's services (all pages). */
export async function listServices(region: string, cluster: string): Promise<string[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const out = await callEcs("ListServices", () =>
      ecsClient(region).send(new ListServicesCommand({ cluster, nextToken, maxResults: 100 })),
    );
    arns.push(...(out.serviceArns ?? []));
    nextToken = out.nextToken;
  } while (nextToken);
  return arns;
}

/** Services by name or ARN (at most 10 per call, as ECS allows); `missing` lists the ones ECS does not know. */
export async function describeServices(region: string, cluster: string, services: string[]): Promise<{ services: EcsServiceDescription[]; missing: string[] }> {
  const found: EcsServiceDescription[] = [];
  const missing: string[] = [];
  for (let i = 0; i < services.length; i += 10) {
    const out = await callEcs("DescribeServices", () =>
      ecsClient(region).send(new DescribeServicesCommand({ cluster, services: services.slice(i, i + 10) })),
    );
    found.push(...(out.services ?? []).map(toService));
    missing.push(...(out.failures ?? []).map((f) => f.arn ?? ""));
  }
  return { services: found, missing };
}

export async function describeTaskDefinition(region: string, taskDefinition: string): Promise<EcsTaskDefinitionSummary> {
  const out = await callEcs("DescribeTaskDefinition", () =>
    ecsClient(region).send(new DescribeTaskDefinitionCommand({ taskDefinition })),
  );
  const td = out.taskDefinition;
  return {
    arn: td?.taskDefinitionArn ?? taskDefinition,
    family: td?.family ?? "",
    revision: td?.revision ?? 0,
    containers: (td?.containerDefinitions ?? []).map((c) => ({ name: c.name ?? "", image: c.image ?? "" })),
  };
}

const ROLLOUT: readonly string[] = ["IN_PROGRESS", "COMPLETED", "FAILED"];

function toDeployment(d: Deployment): EcsDeploymentRecord {
  return {
    id: d.id ?? "",
    status: d.status ?? "UNKNOWN",
    taskDefinitionArn: d.taskDefinition ?? "",
    desiredCount: d.desiredCount ?? 0,
    runningCount: d.runningCount ?? 0,
    pendingCount: d.pendingCount ?? 0,
    failedTasks: d.failedTasks ?? 0,
    rolloutState: d.rolloutState && ROLLOUT.includes(d.rolloutState) ? (d.rolloutState as RolloutState) : null,
    rolloutStateReason: d.rolloutStateReason ?? null,
    createdAt: d.createdAt ?? null,
    updatedAt: d.updatedAt ?? null,
  };
}

function toService(s: Service): EcsServiceDescription {
  return {
    serviceName: s.serviceName ?? "",
    serviceArn: s.serviceArn ?? "",
    clusterArn: s.clusterArn ?? "",
    status: s.status ?? "UNKNOWN",
    desiredCount: s.desiredCount ?? 0,
    runningCount: s.runningCount ?? 0,
    pendingCount: s.pendingCount ?? 0,
    taskDefinitionArn: s.taskDefinition ?? "",
    deployments: (s.deployments ?? []).map(toDeployment),
    events: (s.events ?? []).map((e) => ({ id: e.id ?? "", createdAt: e.createdAt ?? null, message: e.message ?? "" })),
  };
}
