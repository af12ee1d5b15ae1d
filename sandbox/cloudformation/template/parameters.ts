// Resolves the values of a template's parameters from the caller's input, previous values and defaults, and checks
// them against the declared type and constraints with AWS's error messages.
import { AwsError } from "../../core/contracts.ts";
import type { ParameterDefinition, Template } from "./types.ts";

export interface ParameterInput {
  ParameterKey: string;
  ParameterValue?: string;
  UsePreviousValue?: boolean;
}

export interface ResolvedParameter {
  key: string;
  /** The value as given (for SSM types: the parameter name). */
  value: string;
  /** For AWS::SSM::Parameter::Value<...> types: the value read from Parameter Store. */
  resolvedValue?: string;
  noEcho: boolean;
}

export interface ParameterContext {
  previous?: Record<string, string>;
  /** Parameter Store lookup for SSM parameter types; undefined when no such parameter exists. */
  readSsmParameter(name: string): string | undefined;
}

const SSM_TYPE = /^AWS::SSM::Parameter::Value<(.+)>$/;

export function isNoEcho(definition: ParameterDefinition): boolean {
  return definition.NoEcho === true || String(definition.NoEcho).toLowerCase() === "true";
}

export function resolveParameters(template: Template, inputs: ParameterInput[], ctx: ParameterContext): ResolvedParameter[] {
  const declared = template.Parameters ?? {};
  const unknown = inputs.map((p) => p.ParameterKey).filter((key) => !(key in declared));
  if (unknown.length > 0) throw new AwsError("ValidationError", `Parameters: [${unknown.join(", ")}] do not exist in the template`);
  const byKey = new Map(inputs.map((p) => [p.ParameterKey, p]));
  const missing: string[] = [];
  const resolved: ResolvedParameter[] = [];
  for (const [key, definition] of Object.entries(declared)) {
    const value = chooseValue(key, definition, byKey.get(key), ctx);
    if (value === undefined) {
      missing.push(key);
      continue;
    }
    checkConstraints(key, definition, value);
    resolved.push({ key, value, noEcho: isNoEcho(definition), resolvedValue: readSsmValue(definition, value, ctx) });
  }
  if (missing.length > 0) throw new AwsError("ValidationError", `Parameters: [${missing.join(", ")}] must have values`);
  return resolved;
}

function chooseValue(key: string, definition: ParameterDefinition, input: ParameterInput | undefined, ctx: ParameterContext) {
  if (input?.UsePreviousValue) {
    const previous = ctx.previous?.[key];
    if (previous === undefined) {
      throw new AwsError("ValidationError", `Invalid input for parameter key ${key}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`);
    }
    return previous;
  }
  if (input?.ParameterValue !== undefined) return input.ParameterValue;
  if (definition.Default === undefined) return undefined;
  return Array.isArray(definition.Default) ? definition.Default.join(",") : String(definition.Default);
}

function readSsmValue(definition: ParameterDefinition, name: string, ctx: ParameterContext): string | undefined {
  if (!SSM_TYPE.test(definition.Type)) return undefined;
  const value = ctx.readSsmParameter(name);
  if (value === undefined) throw new AwsError("ValidationError", `Unable to fetch parameters [${name}] from parameter store for this account.`);
  return value;
}

function violation(key: string, definition: ParameterDefinition, detail: string): AwsError {
  return new AwsError("ValidationError", `Parameter '${key}' ${definition.ConstraintDescription ?? detail}`);
}

function checkConstraints(key: string, definition: ParameterDefinition, value: string): void {
  const type = definition.Type;
  const isNumber = type === "Number";
  const items = type.startsWith("List<") || type === "CommaDelimitedList" ? value.split(",").map((v) => v.trim()) : [value];
  if (isNumber || type === "List<Number>") {
    if (items.some((item) => item === "" || Number.isNaN(Number(item)))) {
      throw new AwsError("ValidationError", `Parameter '${key}' must be a number.`);
    }
  }
  for (const item of items) {
    if (definition.AllowedValues && !definition.AllowedValues.map(String).includes(item)) {
      throw new AwsError("ValidationError", `Parameter '${key}' must be one of AllowedValues`);
    }
    if (definition.AllowedPattern !== undefined && !new RegExp(`^(?:${definition.AllowedPattern})$`).test(item)) {
      throw violation(key, definition, `must match pattern ${definition.AllowedPattern}`);
    }
    if (definition.MinLength !== undefined && item.length < Number(definition.MinLength)) {
      throw violation(key, definition, `must contain at least ${definition.MinLength} characters`);
    }
    if (definition.MaxLength !== undefined && item.length > Number(definition.MaxLength)) {
      throw violation(key, definition, `must contain at most ${definition.MaxLength} characters`);
    }
    if (definition.MinValue !== undefined && Number(item) < Number(definition.MinValue)) {
      throw violation(key, definition, `must be a number not less than ${definition.MinValue}`);
    }
    if (definition.MaxValue !== undefined && Number(item) > Number(definition.MaxValue)) {
      throw violation(key, definition, `must be a number not greater than ${definition.MaxValue}`);
    }
  }
}

/** The value a `Ref` to the parameter yields: lists become arrays, everything else a string. */
export function parameterRefValue(definition: ParameterDefinition, parameter: ResolvedParameter): string | string[] {
  const value = parameter.resolvedValue ?? parameter.value;
  const isList = definition.Type === "CommaDelimitedList" || definition.Type.startsWith("List<") ||
    /^AWS::SSM::Parameter::Value<(List<.+>|CommaDelimitedList)>$/.test(definition.Type);
  return isList ? (value === "" ? [] : value.split(",").map((v) => v.trim())) : value;
}
