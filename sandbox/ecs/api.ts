import type { Clock, StateStore } from "../core/contracts.ts";
import { decodeNextToken, encodeNextToken, pageAfter } from "../core/pagination.ts";
import { clusterToWire, createCluster, deleteCluster } from "./clusters.ts";
import { ecsErrors, ecsInput, invalidNextToken } from "./errors.ts";
import { createService, deleteService, serviceToWire, updateService } from "./services.ts";
import { findCluster, findService, nameFromReference, type EcsRegionState } from "./state.ts";
import { deregisterTaskDefinition, describeTaskDefinition, registerTaskDefinition, taskDefinitionToWire } from "./task-definitions.ts";
import { taskById, taskToWire } from "./tasks.ts";

type Handler = (state: EcsRegionState, region: string, body: Record<string, unknown>) => unknown;

function paginate(arns: string[], body: Record<string, unknown>, defaultMax: number) {
  const input = ecsInput(body);
  const max = input.integer("maxResults", 1, 100) ?? defaultMax;
  const token = input.string("nextToken");
  const after = token ? decodeNextToken<{ after: string }>(token, invalidNextToken).after : undefined;
  const { page, lastKey } = pageAfter([...arns].sort(), (arn) => arn, after, max);
  return { page, nextToken: lastKey === undefined ? undefined : encodeNextToken({ after: lastKey }) };
}

export function createEcsHandlers(clock: Clock, store: StateStore): Record<string, Handler> {
  return {
    CreateCluster: (state, region, body) => ({ cluster: clusterToWire(state, createCluster(state, region, body, clock, store), ["SETTINGS", "TAGS"]) }),
    DeleteCluster: (state, _region, body) => ({ cluster: clusterToWire(state, deleteCluster(state, ecsInput(body).requiredString("cluster"), store)) }),

    ListClusters(state, _region, body) {
      const arns = Object.values(state.clusters).filter((cluster) => cluster.status === "ACTIVE").map((cluster) => cluster.clusterArn);
      const { page, nextToken } = paginate(arns, body, 100);
      return { clusterArns: page, nextToken };
    },

    DescribeClusters(state, _region, body) {
      const input = ecsInput(body);
      const references = input.stringList("clusters") ?? ["default"];
      if (references.length > 100) throw ecsErrors.invalidParameter("Clusters cannot have more than 100 elements.");
      const include = input.stringList("include") ?? [];
      const clusters = [];
      const failures = [];
      for (const reference of references) {
        const cluster = state.clusters[nameFromReference(reference)];
        if (cluster) clusters.push(clusterToWire(state, cluster, include));
        else failures.push({ arn: reference, reason: "MISSING" });
      }
      return { clusters, failures };
    },

    RegisterTaskDefinition(state, region, body) {
      const record = registerTaskDefinition(state, region, body, clock, store);
      return { taskDefinition: taskDefinitionToWire(record), tags: record.tags };
    },
    DeregisterTaskDefinition: (state, _region, body) => ({
      taskDefinition: taskDefinitionToWire(deregisterTaskDefinition(state, ecsInput(body).requiredString("taskDefinition"), clock, store)),
    }),
    DescribeTaskDefinition(state, _region, body) {
      const input = ecsInput(body);
      const record = describeTaskDefinition(state, input.requiredString("taskDefinition"));
      const withTags = (input.stringList("include") ?? []).includes("TAGS");
      return { taskDefinition: taskDefinitionToWire(record), ...(withTags ? { tags: record.tags } : {}) };
    },

    CreateService: (state, region, body) => ({ service: serviceToWire(state, createService(state, region, body, clock, store)) }),
    UpdateService: (state, _region, body) => ({ service: serviceToWire(state, updateService(state, body, clock, store)) }),
    DeleteService(state, _region, body) {
      const input = ecsInput(body);
      const service = deleteService(state, input.string("cluster"), input.requiredString("service"), input.boolean("force") ?? false, store);
      return { service: serviceToWire(state, service) };
    },

    ListServices(state, _region, body) {
      const input = ecsInput(body);
      const cluster = findCluster(state, input.string("cluster"));
      const launchType = input.string("launchType");
      const arns = Object.values(state.services[cluster.clusterName] ?? {})
        .filter((service) => service.status !== "INACTIVE" && (!launchType || service.launchType === launchType))
        .map((service) => service.serviceArn);
      const { page, nextToken } = paginate(arns, body, 10);
      return { serviceArns: page, nextToken };
    },

    DescribeServices(state, _region, body) {
      const input = ecsInput(body);
      const cluster = findCluster(state, input.string("cluster"));
      const references = input.stringList("services");
      if (!references || references.length === 0) throw ecsErrors.invalidParameter("Services cannot be empty.");
      if (references.length > 10) throw ecsErrors.invalidParameter("Services cannot have more than 10 elements.");
      const withTags = (input.stringList("include") ?? []).includes("TAGS");
      const services = [];
      const failures = [];
      for (const reference of references) {
        const service = state.services[cluster.clusterName]?.[nameFromReference(reference)];
        if (service) services.push(serviceToWire(state, service, withTags));
        else failures.push({ arn: reference.startsWith("arn:") ? reference : `${cluster.clusterArn.replace(":cluster/", ":service/")}/${reference}`, reason: "MISSING" });
      }
      return { services, failures };
    },

    ListTasks(state, _region, body) {
      const input = ecsInput(body);
      const cluster = findCluster(state, input.string("cluster"));
      const serviceName = input.string("serviceName");
      if (serviceName) findService(state, cluster, serviceName);
      const family = input.string("family");
      const desiredStatus = input.string("desiredStatus") ?? "RUNNING";
      const startedBy = input.string("startedBy");
      const launchType = input.string("launchType");
      const arns = Object.values(state.tasks)
        .filter((task) => task.clusterArn === cluster.clusterArn && task.desiredStatus === desiredStatus &&
          (!serviceName || task.serviceName === nameFromReference(serviceName)) &&
          (!family || task.taskDefinitionArn.includes(`:task-definition/${family}:`)) &&
          (!startedBy || task.deploymentId === startedBy) &&
          (!launchType || task.launchType === launchType))
        .map((task) => task.taskArn);
      const { page, nextToken } = paginate(arns, body, 100);
      return { taskArns: page, nextToken };
    },

    DescribeTasks(state, _region, body) {
      const input = ecsInput(body);
      const cluster = findCluster(state, input.string("cluster"));
      const references = input.stringList("tasks");
      if (!references || references.length === 0) throw ecsErrors.invalidParameter("Tasks cannot be empty.");
      if (references.length > 100) throw ecsErrors.invalidParameter("Tasks cannot have more than 100 elements.");
      const tasks = [];
      const failures = [];
      for (const reference of references) {
        const task = taskById(state, reference);
        if (task && task.clusterArn === cluster.clusterArn) tasks.push(taskToWire(state, task));
        else failures.push({ arn: reference, reason: "MISSING" });
      }
      return { tasks, failures };
    },
  };
}
