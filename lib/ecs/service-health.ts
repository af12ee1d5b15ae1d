import "server-only";
import type { Db } from "../db/client.ts";
import { AppError, notFound } from "../errors.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import { AwsThrottledError } from "../aws/cloudformation-errors.ts";
import { describeServices, describeTaskDefinition, type EcsServiceDescription, type EcsTaskDefinitionSummary, type MetricPoint } from "../aws/ecs.ts";
import { getServiceUtilisation } from "../aws/ecs-metrics.ts";
import { cachedRead } from "./cache.ts";
import { findEcsTargets } from "./targets.ts";
import { serviceVerdict, taskDefinitionLabel } from "./verdict.ts";
import type { ServiceHealthDto, StackEcsHealth } from "./types.ts";

// ECS service health of a stack, read from AWS when the stack page renders. One viewer at a time is the norm, so
// no background polling: each service's answer is kept ~15 s in-process so reloads do not hammer AWS.

export const SERVICE_HEALTH_TTL_MS = 15_000;
const TASK_DEFINITION_TTL_MS = 60 * 60_000; // a task definition revision never changes
const METRICS_WINDOW_MS = 3 * 60 * 60_000;
const METRICS_PERIOD_S = 300;
const EVENTS = 10;

export interface ServiceHealthOptions {
  /** How old a cached answer may be; 0 reads AWS now. */
  maxAgeMs?: number;
  now?: () => Date;
}

export async function getStackEcsHealth(db: Db, actor: Actor, stackName: string, options: ServiceHealthOptions = {}): Promise<StackEcsHealth> {
  const row = await db.stack.findUnique({
    where: { name: stackName },
    select: { name: true, region: true, outputs: true, status: true, deletedAt: true, environment: { select: { key: true, requiresApproval: true } } },
  });
  if (!row) throw notFound(`Stack ${stackName}`);
  assertCan(actor, "stack:read", row.environment);
  const ttl = options.maxAgeMs ?? SERVICE_HEALTH_TTL_MS;
  const now = options.now ?? (() => new Date());
  const base = { stackName: row.name, region: row.region, cluster: null, services: [], missing: [], error: null };
  if (row.deletedAt || !row.status) return base;
  try {
    const outputs = (row.outputs ?? []) as { key: string; value: string }[];
    const targets = await cachedRead(`ecs-targets:${row.region}:${row.name}:${JSON.stringify(outputs)}`, ttl, () => findEcsTargets(row.region, row.name, outputs));
    if (!targets) return base;
    const results = await Promise.all(
      targets.services.map((service) =>
        cachedRead(`ecs-service:${row.region}:${targets.cluster}:${service}`, ttl, () => loadService(row.region, targets.cluster, service, now())),
      ),
    );
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

async function loadService(region: string, cluster: string, name: string, at: Date): Promise<ServiceHealthDto | null> {
  const { services } = await describeServices(region, cluster, [name]);
  const service = services[0];
  if (!service) return null;
  const arns = [...new Set([service.taskDefinitionArn, ...service.deployments.map((d) => d.taskDefinitionArn)].filter(Boolean))];
  const [definitions, metrics] = await Promise.all([
    Promise.all(arns.map((arn) => cachedRead(`ecs-td:${region}:${arn}`, TASK_DEFINITION_TTL_MS, () => describeTaskDefinition(region, arn)))),
    getServiceUtilisation(region, { cluster, service: name, start: new Date(at.getTime() - METRICS_WINDOW_MS), end: at, periodSeconds: METRICS_PERIOD_S })
      .then((m) => ({ ...m, error: null }))
      .catch((error: unknown) => ({ cpu: [], memory: [], error: sentence(error) })),
  ]);
  return toDto(service, definitions.find((d) => d.arn === service.taskDefinitionArn) ?? null, metrics, at);
}

function toDto(
  s: EcsServiceDescription,
  definition: EcsTaskDefinitionSummary | null,
  metrics: { cpu: MetricPoint[]; memory: MetricPoint[]; error: string | null },
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
    events: s.events.slice(0, EVENTS).map((e) => ({ id: e.id, at: iso(e.createdAt), message: e.message })),
    fetchedAt: at.toISOString(),
  };
}

function sentence(error: unknown): string {
  if (error instanceof AwsThrottledError) return "AWS is throttling requests right now; the service health will show again in a moment.";
  if (error instanceof AppError && error.code !== "internal") return error.message;
  if (!(error instanceof AppError)) console.error("ECS service health", error);
  return "AWS could not be reached to read the ECS services; try again in a moment.";
}
