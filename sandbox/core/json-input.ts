import type { AwsError } from "./contracts.ts";

/** Builds a service's own error for an invalid or missing parameter (each AWS service words these differently). */
export interface ParameterErrors {
  invalid(name: string, message?: string): AwsError;
  missing(name: string): AwsError;
}

/** Typed access to a JSON request body with AWS-style validation errors. */
export class JsonInput {
  constructor(
    private readonly body: Record<string, unknown>,
    private readonly errors: ParameterErrors,
  ) {}

  has(name: string): boolean {
    return this.body[name] !== undefined && this.body[name] !== null;
  }

  string(name: string): string | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") throw this.errors.invalid(name);
    return value;
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === "") throw this.errors.missing(name);
    return value;
  }

  number(name: string): number | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isFinite(value)) throw this.errors.invalid(name);
    return value;
  }

  requiredNumber(name: string): number {
    const value = this.number(name);
    if (value === undefined) throw this.errors.missing(name);
    return value;
  }

  integer(name: string, min: number, max: number): number | undefined {
    const value = this.number(name);
    if (value === undefined) return undefined;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw this.errors.invalid(name, `The value ${value} for parameter ${name} must be between ${min} and ${max}.`);
    }
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "boolean") throw this.errors.invalid(name);
    return value;
  }

  stringList(name: string): string[] | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) throw this.errors.invalid(name);
    return value as string[];
  }

  objectList(name: string): Record<string, unknown>[] | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.some((item) => typeof item !== "object" || item === null || Array.isArray(item))) {
      throw this.errors.invalid(name);
    }
    return value as Record<string, unknown>[];
  }

  object(name: string): Record<string, unknown> | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "object" || Array.isArray(value)) throw this.errors.invalid(name);
    return value as Record<string, unknown>;
  }

  /** JSON protocols send timestamps as epoch seconds; ISO strings are accepted too for hand-written calls. */
  timestamp(name: string): Date | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    const date = typeof value === "number" ? new Date(value * 1000) : typeof value === "string" ? new Date(value) : undefined;
    if (!date || Number.isNaN(date.getTime())) throw this.errors.invalid(name);
    return date;
  }
}

/** Epoch seconds, the JSON protocols' timestamp format (ISO strings make the SDK throw). */
export function epochSeconds(at: Date | number | string): number {
  const ms = at instanceof Date ? at.getTime() : typeof at === "string" ? Date.parse(at) : at;
  return ms / 1000;
}
