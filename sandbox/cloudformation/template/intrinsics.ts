// Evaluates intrinsic functions, condition functions and pseudo parameters against a stack's context.
import { AwsError } from "../../core/contracts.ts";
import { getAttArguments } from "./references.ts";
import { cidrBlocks } from "./cidr.ts";
import { availabilityZones, pseudoParameter } from "./pseudo.ts";

/** Marks a property removed by `Ref: AWS::NoValue` (typically inside Fn::If). */
export const NO_VALUE = Symbol("AWS::NoValue");
/** Prefix of placeholder strings for values only known once a resource is (re)created (change set previews). */
export const DYNAMIC_PREFIX = "{{sandbox:dynamic:";

export interface ResourceView {
  ref: string;
  attributes: Record<string, unknown>;
}

export interface EvaluationContext {
  region: string;
  accountId: string;
  stackName: string;
  stackId: string;
  notificationArns: string[];
  parameters: Map<string, string | string[]>;
  mappings: Record<string, Record<string, Record<string, unknown>>>;
  conditions: Record<string, boolean>;
  /** undefined: the resource's values are not known yet (a placeholder is used when `allowDynamic`). */
  resource(logicalId: string): ResourceView | undefined;
  importValue(exportName: string): string | undefined;
  allowDynamic?: boolean;
}

function templateError(message: string): AwsError {
  return new AwsError("ValidationError", `Template error: ${message}`);
}

function refValue(name: string, ctx: EvaluationContext): unknown {
  if (name.startsWith("AWS::")) return pseudoParameter(name, ctx);
  const parameter = ctx.parameters.get(name);
  if (parameter !== undefined) return parameter;
  const resource = ctx.resource(name);
  if (resource) return resource.ref;
  if (ctx.allowDynamic) return `${DYNAMIC_PREFIX}Ref:${name}}}`;
  throw templateError(`Unresolved resource dependencies [${name}] in the Resources block of the template`);
}

function getAttValue(logicalId: string, attribute: string, ctx: EvaluationContext): unknown {
  const resource = ctx.resource(logicalId);
  if (!resource) {
    if (ctx.allowDynamic) return `${DYNAMIC_PREFIX}GetAtt:${logicalId}.${attribute}}}`;
    throw templateError(`instance of Fn::GetAtt references undefined resource ${logicalId}`);
  }
  const value = resource.attributes[attribute];
  if (value === undefined) throw templateError(`resource ${logicalId} does not support attribute type ${attribute} in Fn::GetAtt`);
  return value;
}

function asString(value: unknown, fn: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw templateError(`every value in ${fn} must be a string`);
}

function asList(value: unknown, fn: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw templateError(`${fn} requires a list`);
}

function substitute(arg: unknown, ctx: EvaluationContext): string {
  const [text, variables] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
  const local = variables && typeof variables === "object" ? (resolveValue(variables, ctx) as Record<string, unknown>) : {};
  return asString(text, "Fn::Sub").replace(/\$\{([^}]*)\}/g, (whole, rawName: string) => {
    const name = rawName.trim();
    if (name.startsWith("!")) return `\${${name.slice(1)}}`;
    if (name in local) return asString(local[name], "Fn::Sub");
    const dot = name.indexOf(".");
    const value = dot < 0 || name.startsWith("AWS::") ? refValue(name, ctx) : getAttValue(name.slice(0, dot), name.slice(dot + 1), ctx);
    return Array.isArray(value) ? value.join(",") : asString(value, "Fn::Sub");
  });
}

/**
 * CloudFormation compares two strings: numbers and booleans count as their text (YAML `1` equals a Number
 * parameter's "1"), and anything else (a list, an object) is refused with its own message, as CloudFormation does.
 */
function equals(args: unknown): boolean {
  const scalar = (v: unknown) => typeof v === "string" || typeof v === "number" || typeof v === "boolean";
  if (!Array.isArray(args) || args.length !== 2 || !args.every(scalar)) throw templateError("every Fn::Equals object requires a list of 2 string parameters.");
  return String(args[0]) === String(args[1]);
}

function findInMap(arg: unknown, ctx: EvaluationContext): unknown {
  const [map, top, second] = asList(resolveValue(arg, ctx), "Fn::FindInMap").map((v) => asString(v, "Fn::FindInMap"));
  const value = ctx.mappings[map]?.[top]?.[second];
  if (value === undefined) throw templateError(`Unable to get mapping for ${map}::${top}::${second}`);
  return value;
}

export function evaluateCondition(name: string, ctx: EvaluationContext): boolean {
  const value = ctx.conditions[name];
  if (value === undefined) throw templateError(`unresolved condition dependency ${name} in Fn::If`);
  return value;
}

function callFunction(fn: string, arg: unknown, ctx: EvaluationContext): unknown {
  switch (fn) {
    case "Ref": return refValue(asString(arg, "Ref"), ctx);
    case "Condition": return evaluateCondition(asString(arg, "Condition"), ctx);
    case "Fn::GetAtt": {
      const [resource, attribute] = getAttArguments(Array.isArray(arg) ? [arg[0], resolveValue(arg[1], ctx)] : arg);
      if (!resource || !attribute) throw templateError("every Fn::GetAtt object requires two non-empty parameters");
      return getAttValue(resource, attribute, ctx);
    }
    case "Fn::Sub": return substitute(arg, ctx);
    case "Fn::Join": {
      const [delimiter, items] = asList(arg, "Fn::Join");
      const list = asList(resolveValue(items, ctx), "Fn::Join").filter((item) => item !== NO_VALUE);
      return list.map((item) => asString(item, "Fn::Join")).join(asString(delimiter, "Fn::Join"));
    }
    case "Fn::Select": {
      const [index, items] = asList(arg, "Fn::Select");
      const list = asList(resolveValue(items, ctx), "Fn::Select");
      const position = Number(resolveValue(index, ctx));
      if (!(position >= 0 && position < list.length)) throw templateError("Fn::Select  cannot select nonexistent value at index " + position);
      return list[position];
    }
    case "Fn::Split": {
      const [delimiter, source] = asList(arg, "Fn::Split");
      return asString(resolveValue(source, ctx), "Fn::Split").split(asString(delimiter, "Fn::Split"));
    }
    case "Fn::GetAZs": {
      const region = asString(resolveValue(arg, ctx) ?? "", "Fn::GetAZs");
      return availabilityZones(region === "" ? ctx.region : region);
    }
    case "Fn::If": {
      const [condition, whenTrue, whenFalse] = asList(arg, "Fn::If");
      return resolveValue(evaluateCondition(asString(condition, "Fn::If"), ctx) ? whenTrue : whenFalse, ctx);
    }
    case "Fn::Equals": return equals(resolveValue(arg, ctx));
    case "Fn::And": return asList(resolveValue(arg, ctx), "Fn::And").every((v) => v === true);
    case "Fn::Or": return asList(resolveValue(arg, ctx), "Fn::Or").some((v) => v === true);
    case "Fn::Not": return asList(resolveValue(arg, ctx), "Fn::Not")[0] !== true;
    case "Fn::FindInMap": return findInMap(arg, ctx);
    case "Fn::Base64": return Buffer.from(asString(resolveValue(arg, ctx), "Fn::Base64")).toString("base64");
    case "Fn::Cidr": {
      const [block, count, bits] = asList(resolveValue(arg, ctx), "Fn::Cidr");
      return cidrBlocks(asString(block, "Fn::Cidr"), Number(count), Number(bits));
    }
    case "Fn::ImportValue": {
      const name = asString(resolveValue(arg, ctx), "Fn::ImportValue");
      const value = ctx.importValue(name);
      if (value === undefined) throw new AwsError("ValidationError", `No export named ${name} found`);
      return value;
    }
    // AWS::LanguageExtensions (functions.ts refuses both without the transform).
    case "Fn::Length": return asList(resolveValue(arg, ctx), "Fn::Length").length;
    case "Fn::ToJsonString": {
      const value = resolveValue(arg, ctx);
      if (!value || typeof value !== "object") throw templateError("Fn::ToJsonString requires an object or a list");
      return JSON.stringify(value);
    }
    default: return undefined;
  }
}

const FUNCTIONS = new Set([
  "Ref", "Condition", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::GetAZs", "Fn::If",
  "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Fn::FindInMap", "Fn::Base64", "Fn::Cidr", "Fn::ImportValue", "Fn::Length", "Fn::ToJsonString",
]);

/** Resolves every intrinsic in `value`; properties and list items that resolve to AWS::NoValue are dropped. */
export function resolveValue(value: unknown, ctx: EvaluationContext): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, ctx)).filter((item) => item !== NO_VALUE);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1 && FUNCTIONS.has(entries[0][0])) {
    // `Condition` is a function only inside condition expressions; elsewhere it is an ordinary key.
    if (entries[0][0] !== "Condition" || typeof entries[0][1] === "string") return callFunction(entries[0][0], entries[0][1], ctx);
  }
  const result: Record<string, unknown> = {};
  for (const [key, child] of entries) {
    const resolved = resolveValue(child, ctx);
    if (resolved !== NO_VALUE) result[key] = resolved;
  }
  return result;
}

/** Evaluates the Conditions section; conditions may refer to each other with `Condition: Name`. */
export function evaluateConditions(definitions: Record<string, unknown>, ctx: Omit<EvaluationContext, "conditions">): Record<string, boolean> {
  const results: Record<string, boolean> = {};
  const evaluating = new Set<string>();
  const conditions = new Proxy(results, {
    get(target, name: string) {
      if (name in target || !(name in definitions)) return target[name];
      if (evaluating.has(name)) throw templateError(`circular condition dependency on ${name}`);
      evaluating.add(name);
      target[name] = resolveValue(definitions[name], { ...ctx, conditions }) === true;
      evaluating.delete(name);
      return target[name];
    },
  });
  for (const name of Object.keys(definitions)) void conditions[name];
  return results;
}
