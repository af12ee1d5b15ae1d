import { describe, expect, it } from "vitest";
import { serviceVerdict, taskDefinitionLabel } from "./verdict.ts";
import type { ServiceDeploymentDto } from "./types.ts";

const deployment = (status: string, rolloutState: ServiceDeploymentDto["rolloutState"]): ServiceDeploymentDto => ({
  id: `${status}-${rolloutState}`, status, rolloutState, rolloutStateReason: null, taskDefinition: "web:1", desired: 2, running: 2, pending: 0, failedTasks: 0, createdAt: null,
});
const service = (deployments: ServiceDeploymentDto[], counts = { desired: 2, running: 2, pending: 0 }) => ({ status: "ACTIVE", ...counts, deployments });

describe("service verdict", () => {
  it("healthy, deploying, degraded, failed", () => {
    expect(serviceVerdict(service([deployment("PRIMARY", "COMPLETED")]))).toBe("healthy");
    expect(serviceVerdict(service([deployment("PRIMARY", "IN_PROGRESS"), deployment("ACTIVE", "COMPLETED")]))).toBe("deploying");
    expect(serviceVerdict(service([deployment("PRIMARY", "COMPLETED")], { desired: 2, running: 1, pending: 0 }))).toBe("degraded");
    expect(serviceVerdict(service([deployment("PRIMARY", "IN_PROGRESS"), deployment("ACTIVE", "FAILED")]))).toBe("degraded");
    expect(serviceVerdict(service([deployment("PRIMARY", "FAILED")]))).toBe("failed");
    expect(serviceVerdict({ ...service([]), status: "DRAINING" })).toBe("unknown");
  });

  it("labels a task definition as family:revision", () => {
    expect(taskDefinitionLabel("arn:aws:ecs:us-east-1:000000000000:task-definition/stackdeck-staging-backend:3")).toBe("stackdeck-staging-backend:3");
  });
});
