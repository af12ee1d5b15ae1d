import "server-only";
import { AppError } from "../errors.ts";
import { AwsThrottledError } from "../aws/cloudformation-errors.ts";
import { describeServices, describeTaskDefinition, type EcsServiceDescription, type EcsTaskDefinitionSummary, type MetricPoint } from "../aws/ecs.ts";
import { getServiceUtilisation } from "../aws/ecs-metrics.ts";
import { cachedRead } from "./cache.ts";
import { findEcsTargets } from "./targets.ts";
import { serviceVerdict, taskDefinitionLabel } from "./verdict.ts";
import type { ServiceHealthDto, StackEcsHealth } from "./types.ts";

// ECS service health of a stack, read from AWS by the ECS health refresh (refresh.ts), never while a page renders.
// A task definition revision never changes, so its description is kept in-process; CPU and memory (5-minute
// points) are read again only once a minute and otherwise carried over from the previous snapshot.

const TASK_DEFINITION_TTL_MS = 60 * 60_000;
const METRICS_EVERY_MS = 60_000;
const METRICS_WINDOW_MS = 3 * 60 * 60_000;
const METRICS_PERIOD_S = 300;
const EVENTS = 10;

export interface EcsStackRef {
  name: string;
  region: string;
  outputs: { key: string; value: string }[];
  /** The stored resource snapshot (lib/stacks/resources-refresh.ts), null before its first read. */
  resources: { logicalId: string; physicalId: string | null; resourceType: string }[] | null;
}

/** What ECS says now about the stack's services; `previous` (the last snapshot) lends its metrics while fresh. */
export async function readStackEcsHealth(stack: EcsStackRef, previous: StackEcsHealth | null, now = new Date()): Promise<StackEcsHealth> {
  const base = { stackName: stack.name, region: stack.region, cluster: null, services: [], missing: [], error: null };
  try {
    const targets = await findEcsTargets(stack.region, stack.outputs, stack.resources ?? []);
    if (!targets) return base;
    const results = await Promise.all(targets.services.map((service) => {
      const before = previous?.services.find((s) => s.name === service);
      const metricsFresh = before && !before.metricsError && now.getTime() - Date.parse(before.metricsAt ?? before.fetchedAt) < METRICS_EVERY_MS;
      return loadService(stack.region, targets.cluster, service, now, metricsFresh ? before : null);
    }));
    return {
      ...base,
      cluster: targets.cluster,
      services: results.filter((s): s is ServiceHealthDto => s !== null),
      missing: targets.services.filter((_, i) => results[i] === null),
    };
  } catch (error) {
    return { ...base, error: sentence(error) };
  }
}

async function loadService(region: string, cluster: string, name: string, at: Date, keepMetrics: ServiceHealthDto | null): Promise<ServiceHealthDto | null> {
  const { services } = await describeServices(region, cluster, [name]);
  const service = services[0];
  if (!service) return null;
  const arns = [...new Set([service.taskDefinitionArn, ...service.deployments.map((d) => d.taskDefinitionArn)].filter(Boolean))];
  const [definitions, metrics] = await Promise.all([
    Promise.all(arns.map((arn) => cachedRead(`ecs-td:${region}:${arn}`, TASK_DEFINITION_TTL_MS, () => describeTaskDefinition(region, arn)))),
    keepMetrics
      ? { cpu: keepMetrics.cpu.map(toPoint), memory: keepMetrics.memory.map(toPoint), error: null, at: keepMetrics.metricsAt ? new Date(keepMetrics.metricsAt) : at }
      : getServiceUtilisation(region, { cluster, service: name, start: new Date(at.getTime() - METRICS_WINDOW_MS), end: at, periodSeconds: METRICS_PERIOD_S })
        .then((m) => ({ ...m, error: null, at }))
        .catch((error: unknown) => ({ cpu: [], memory: [], error: sentence(error), at })),
  ]);
  return toDto(service, definitions.find((d) => d.arn === service.taskDefinitionArn) ?? null, metrics, at);
}

function toDto(
  s: EcsServiceDescription,
  definition: EcsTaskDefinitionSummary | null,
  metrics: { cpu: MetricPoint[]; memory: MetricPoint[]; error: string | null; at: Date },
  at: Date,
): ServiceHealthDto {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const deployments = s.deployments.map((d) => ({
    id: d.id, status: d.status, rolloutState: d.rolloutState, rolloutStateReason: d.rolloutStateReason,
    taskDefinition: taskDefinitionLabel(d.taskDefinitionArn), desired: d.desiredCount, running: d.runningCount,
    pending: d.pendingCount, failedTasks: d.failedTasks, createdAt: iso(d.createdAt),
  }));
  const counts = { status: s.status, desired: s.desiredCount, running: s.runningCount, pending: s.pendingCount, deployments };
  const points = (list: MetricPoint[]) => list.map((p) => ({ at: p.at.toISOString(), value: Math.round(p.value * 10) / 10 }));
  return {
    name: s.serviceName,
    ...counts,
    verdict: serviceVerdict(counts),
    taskDefinition: definition
      ? { arn: definition.arn, family: definition.family, revision: definition.revision, images: definition.containers.map((c) => c.image) }
      : null,
    cpu: points(metrics.cpu),
    memory: points(metrics.memory),
    metricsError: metrics.error,
    metricsAt: metrics.at.toISOString(),
    events: s.events.slice(0, EVENTS).map((e) => ({ id: e.id, at: iso(e.createdAt), message: e.message })),
    fetchedAt: at.toISOString(),
  };
}

const toPoint = (p: { at: string; value: number }): MetricPoint => ({ at: new Date(p.at), value: p.value });

function sentence(error: unknown): string {
  if (error instanceof AwsThrottledError) return "AWS is throttling requests right now; the service health will show again in a moment.";
  if (error instanceof AppError && error.code !== "internal") return error.message;
  if (!(error instanceof AppError)) console.error("ECS service health", error);
  return "AWS could not be reached to read the ECS services; try again in a moment.";
}
