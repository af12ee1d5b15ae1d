// ECS publishes CPUUtilization and MemoryUtilization (AWS/ECS) per service (ClusterName + ServiceName) and per
// cluster (ClusterName) while tasks run: a service with no running task, or one not created yet, has no datapoints.
import type { CloudWatchApi, EmittedMetric } from "../core/contracts.ts";
import { serviceTasks } from "./services.ts";
import type { EcsRegionState } from "./state.ts";

const NAMES = ["CPUUtilization", "MemoryUtilization"];

const metrics = (dimensions: EmittedMetric["Dimensions"]): EmittedMetric[] => NAMES.map((MetricName) => ({ Namespace: "AWS/ECS", MetricName, Dimensions: dimensions }));

/** Tells CloudWatch which services (and clusters) have running tasks now; called after every scheduler step. */
export function publishRunningServices(cloudwatch: CloudWatchApi, region: string, state: EcsRegionState): void {
  for (const [clusterName, services] of Object.entries(state.services)) {
    let clusterRunning = false;
    for (const service of Object.values(services)) {
      const running = service.status !== "INACTIVE" && serviceTasks(state, service).some((task) => task.lastStatus === "RUNNING");
      clusterRunning ||= running;
      cloudwatch.emitMetrics(region, metrics([{ Name: "ClusterName", Value: clusterName }, { Name: "ServiceName", Value: service.serviceName }]), running);
    }
    cloudwatch.emitMetrics(region, metrics([{ Name: "ClusterName", Value: clusterName }]), clusterRunning);
  }
}
