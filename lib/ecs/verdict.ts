import type { ServiceDeploymentDto, ServiceVerdict } from "./types.ts";

/**
 * One word for a service: its newest (PRIMARY) deployment failed -> failed; an older one failed (the circuit breaker
 * rolled back) or fewer tasks run than desired with nothing rolling out -> degraded; a rollout in progress ->
 * deploying; otherwise healthy.
 */
export function serviceVerdict(service: { status: string; desired: number; running: number; pending: number; deployments: ServiceDeploymentDto[] }): ServiceVerdict {
  if (service.status !== "ACTIVE") return "unknown";
  const primary = service.deployments.find((d) => d.status === "PRIMARY") ?? service.deployments[0];
  if (primary?.rolloutState === "FAILED") return "failed";
  if (service.deployments.some((d) => d !== primary && d.rolloutState === "FAILED")) return "degraded";
  if (primary?.rolloutState === "IN_PROGRESS" || service.deployments.some((d) => d.status === "ACTIVE")) return "deploying";
  if (service.running < service.desired || service.pending > 0) return "degraded";
  return "healthy";
}

/** `stackdeck-staging-backend:3` from a task definition ARN (what people call a revision). */
export function taskDefinitionLabel(arn: string): string {
  return arn.slice(arn.lastIndexOf("/") + 1);
}
