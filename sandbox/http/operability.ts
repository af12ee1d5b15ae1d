import { AwsError } from "../core/contracts.ts";
import { parseRateLimits, type RateLimits } from "./rate-limits.ts";

/** Call counts per service and operation since start, to measure how often the console calls AWS. */
export class CallStats {
  private readonly calls: Record<string, Record<string, number>> = {};
  private total = 0;
  private throttled = 0;
  private readonly startedAt = new Date();

  record(service: string, operation: string, wasThrottled: boolean): void {
    const perService = (this.calls[service] ??= {});
    perService[operation] = (perService[operation] ?? 0) + 1;
    this.total += 1;
    if (wasThrottled) this.throttled += 1;
  }

  snapshot() {
    return {
      since: this.startedAt.toISOString(),
      calls: structuredClone(this.calls),
      total: this.total,
      throttled: this.throttled,
    };
  }
}

export interface SandboxConfig {
  speed: number;
  throttleRate: number;
  rateLimits: RateLimits;
}

/** Validates a POST /_sandbox/config body; unknown keys are rejected so typos do not pass silently. */
export function parseConfigUpdate(body: unknown): Partial<SandboxConfig> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AwsError("ValidationError", "config body must be a JSON object");
  }
  const update: Partial<SandboxConfig> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === "speed") {
      if (typeof value !== "number" || !(value > 0) || value > 100) {
        throw new AwsError("ValidationError", "speed must be a number in (0, 100]");
      }
      update.speed = value;
    } else if (key === "throttleRate") {
      if (typeof value !== "number" || value < 0 || value > 1) {
        throw new AwsError("ValidationError", "throttleRate must be a number in [0, 1]");
      }
      update.throttleRate = value;
    } else if (key === "rateLimits") {
      const limits = parseRateLimits(value);
      if (!limits) throw new AwsError("ValidationError", "rateLimits must map services to { rate > 0, burst >= 1 }");
      update.rateLimits = limits;
    } else {
      throw new AwsError("ValidationError", `unknown config key ${key}`);
    }
  }
  return update;
}

/**
 * The throttling error each SDK really classifies as throttling (@smithy/core retry: THROTTLING_ERROR_CODES holds
 * `Throttling` and `ThrottlingException`; the error's name is the wire code). awsQuery and CloudWatch (query
 * compatible) send `Throttling`, as AWS does; ECS sends `ThrottlingException`.
 */
export function throttlingError(protocol: "query" | "json", queryCompatible: boolean): AwsError {
  const code = protocol === "query" || queryCompatible ? "Throttling" : "ThrottlingException";
  return new AwsError(code, "Rate exceeded", 400);
}
