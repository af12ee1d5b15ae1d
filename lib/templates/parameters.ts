import type { ParameterSpec } from "./types.ts";

// Parameter checks exactly as CloudFormation makes them, with its wording ("Parameter 'X' must be one of
// AllowedValues"); a ConstraintDescription replaces the constraint text, as the AWS docs describe. Pure: the
// parameter form runs the same function in the browser that the server runs before anything reaches AWS.

export interface ProfileBound {
  min?: number;
  max?: number;
  allowedValues?: (string | number)[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  /** The environment has no value for it: whoever deploys must give one (e.g. a certificate in production). */
  required?: boolean;
}

export type ParameterValues = Record<string, string>;
export type ParameterErrors = Record<string, string>;

const LIST_TYPES = new Set(["CommaDelimitedList", "List<Number>"]);

/** A parameter's value as CloudFormation receives it (always a string on the wire). */
export function asParameterString(value: unknown): string {
  return Array.isArray(value) ? value.join(",") : String(value);
}

export interface CheckOptions {
  /** Off for "what would it cost" estimates, where a required value (a certificate ARN) changes nothing. */
  enforceRequired?: boolean;
}

export function checkParameter(name: string, spec: ParameterSpec, raw: string | undefined, bound?: ProfileBound, options: CheckOptions = {}): string | null {
  if (bound?.required && options.enforceRequired !== false && !raw?.trim()) return `Parameter '${name}' is required in this environment`;
  const value = raw ?? (spec.Default !== undefined ? asParameterString(spec.Default) : undefined);
  if (value === undefined) return `Parameters: [${name}] must have values`;
  const items = LIST_TYPES.has(spec.Type) || spec.Type.startsWith("List<") ? value.split(",").map((v) => v.trim()) : [value];
  const constraint = (text: string) => `Parameter '${name}' ${spec.ConstraintDescription ?? text}`;
  for (const item of items) {
    const numeric = spec.Type === "Number" || spec.Type === "List<Number>";
    if (numeric && (item.trim() === "" || !Number.isFinite(Number(item)))) return `Parameter '${name}' must be a number`;
    if (spec.AllowedValues && !spec.AllowedValues.map(String).includes(item)) return `Parameter '${name}' must be one of AllowedValues`;
    if (spec.AllowedPattern && !new RegExp(`^(?:${spec.AllowedPattern})$`).test(item)) return constraint(`must match pattern ${spec.AllowedPattern}`);
    if (spec.MinLength !== undefined && item.length < Number(spec.MinLength)) return constraint(`must contain at least ${spec.MinLength} characters`);
    if (spec.MaxLength !== undefined && item.length > Number(spec.MaxLength)) return constraint(`must contain at most ${spec.MaxLength} characters`);
    if (spec.MinValue !== undefined && Number(item) < Number(spec.MinValue)) return constraint(`must be a number not less than ${spec.MinValue}`);
    if (spec.MaxValue !== undefined && Number(item) > Number(spec.MaxValue)) return constraint(`must be a number not greater than ${spec.MaxValue}`);
  }
  return bound ? checkBound(name, value, bound) : null;
}

/** The environment profile's own, narrower limits (e.g. production backups 7–30 days). */
function checkBound(name: string, value: string, bound: ProfileBound): string | null {
  if (bound.allowedValues && !bound.allowedValues.map(String).includes(value)) {
    return `Parameter '${name}' must be one of ${bound.allowedValues.join(", ")} in this environment`;
  }
  const n = Number(value);
  if (bound.min !== undefined && !(n >= bound.min)) return `Parameter '${name}' must be at least ${bound.min} in this environment`;
  if (bound.max !== undefined && !(n <= bound.max)) return `Parameter '${name}' must be at most ${bound.max} in this environment`;
  if (value === "") return null; // an optional value left empty: only `required` (checked above) refuses that
  if (bound.pattern && !new RegExp(bound.pattern).test(value)) return `Parameter '${name}' must match pattern ${bound.pattern} in this environment`;
  if (bound.minLength !== undefined && value.length < bound.minLength) return `Parameter '${name}' must contain at least ${bound.minLength} characters in this environment`;
  if (bound.maxLength !== undefined && value.length > bound.maxLength) return `Parameter '${name}' must contain at most ${bound.maxLength} characters in this environment`;
  return null;
}

/** Every parameter of a template checked; unknown names are refused too (CloudFormation refuses them). */
export function checkParameters(
  specs: Record<string, ParameterSpec>,
  values: ParameterValues,
  bounds: Record<string, ProfileBound> = {},
  options: CheckOptions = {},
): ParameterErrors {
  const errors: ParameterErrors = {};
  for (const [name, spec] of Object.entries(specs)) {
    const error = checkParameter(name, spec, values[name], bounds[name], options);
    if (error) errors[name] = error;
  }
  for (const name of Object.keys(values)) {
    if (!(name in specs)) errors[name] = `Parameters: [${name}] do not exist in the template`;
  }
  return errors;
}

/**
 * An example value for a parameter, from its ConstraintDescription ("must be owner/name, e.g. acme/app." →
 * "acme/app"), so a required field shows what to type before the first submit.
 */
export function exampleValue(spec: ParameterSpec): string | null {
  const text = spec.ConstraintDescription ?? "";
  const eg = /\be\.g\.,?\s+(\S+?)[.,;)]?(?:\s|$)/.exec(text);
  if (eg) return eg[1]!;
  const shape = /\(([^()\s]*[:/][^()\s]*)\)/.exec(text);
  return shape ? shape[1]! : null;
}
