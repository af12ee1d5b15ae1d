import { UnknownOperationError, type Clock, type CloudWatchApi, type EcsApi, type JsonService, type StateStore } from "../core/contracts.ts";
import { runEvery } from "../core/clock.ts";
import { publishRunningServices } from "./metrics.ts";
import { createEcsHandlers } from "./api.ts";
import { createCluster, deleteCluster } from "./clusters.ts";
import { schedulerTick, SCHEDULER_TICK_MS } from "./scheduler.ts";
import { createService, deleteService, serviceTasks, updateService } from "./services.ts";
import { ecsStateAccessor } from "./state.ts";
import { deregisterTaskDefinition, registerTaskDefinition } from "./task-definitions.ts";

export type EcsService = JsonService & EcsApi;

/** `cloudwatch`: where ECS publishes its services' CPU and memory (AWS/ECS) while their tasks run. */
export function createEcsService(deps: { clock: Clock; store: StateStore; cloudwatch: CloudWatchApi; accountId?: string }): EcsService {
  const { clock, store } = deps;
  const { regionState, allRegions } = ecsStateAccessor(store, deps.accountId);
  const handlers = createEcsHandlers(clock, store);

  runEvery(clock, SCHEDULER_TICK_MS, () => {
    const now = clock.now().getTime();
    let changed = false;
    for (const [region, state] of allRegions()) {
      changed = schedulerTick(state, region, now) || changed;
      publishRunningServices(deps.cloudwatch, region, state);
    }
    if (changed) store.markDirty();
  }, "ECS scheduler");

  return {
    protocol: "json",
    async handle(operation, body, ctx) {
      const handler = Object.hasOwn(handlers, operation) ? handlers[operation] : undefined;
      if (!handler) throw new UnknownOperationError(operation);
      return handler(regionState(ctx.region), ctx.region, body);
    },
    createCluster(region, input) {
      const cluster = createCluster(regionState(region), region, input, clock, store);
      return { clusterArn: cluster.clusterArn, clusterName: cluster.clusterName };
    },
    deleteCluster(region, cluster) {
      deleteCluster(regionState(region), cluster, store);
    },
    registerTaskDefinition(region, input) {
      return { taskDefinitionArn: registerTaskDefinition(regionState(region), region, input, clock, store).taskDefinitionArn };
    },
    deregisterTaskDefinition(region, taskDefinitionArn) {
      deregisterTaskDefinition(regionState(region), taskDefinitionArn, clock, store);
    },
    createService(region, input) {
      const service = createService(regionState(region), region, input, clock, store);
      return { serviceArn: service.serviceArn, serviceName: service.serviceName };
    },
    updateService(region, input) {
      return { serviceArn: updateService(regionState(region), input, clock, store).serviceArn };
    },
    /**
     * CloudFormation's delete handler scales the service to zero and waits until it is INACTIVE (it simulates that
     * wait with its own resource duration), so here the drain completes at once: the cluster can be deleted next.
     */
    deleteService(region, cluster, service) {
      const state = regionState(region);
      const record = deleteService(state, cluster, service, true, store);
      const now = clock.now().getTime();
      for (const task of serviceTasks(state, record)) {
        if (task.lastStatus !== "STOPPED") Object.assign(task, { desiredStatus: "STOPPED", lastStatus: "STOPPED", stoppedAt: now, stoppedReason: "Service is being deleted" });
      }
      record.status = "INACTIVE";
      publishRunningServices(deps.cloudwatch, region, state);
    },
  };
}
