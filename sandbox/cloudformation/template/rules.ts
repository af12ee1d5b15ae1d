// The template's Rules section: after the parameters are resolved, every rule whose RuleCondition holds (or that has
// none) must have all its Assertions true, else the call is refused with the assertion's AssertDescription. See the
// user guide's "CloudFormation template Rules syntax" and the template reference's "Rule functions".
import { AwsError } from "../../core/contracts.ts";
import { evaluateCondition, type EvaluationContext } from "./intrinsics.ts";
import { pseudoParameter } from "./pseudo.ts";
import type { ParameterDefinition, Template } from "./types.ts";

/** What the rule functions that read the account (Fn::RefAll, Fn::ValueOf, Fn::ValueOfAll) may look up. */
export interface RuleLookups {
  /** Every value of an AWS-specific parameter type in the region (e.g. all VPC ids); undefined when unknown. */
  refAll(parameterType: string): string[] | undefined;
  /** An attribute (VpcId, AvailabilityZone, Tags.<key>, ...) of the resource a parameter value names. */
  valueOf(parameterType: string, id: string, attribute: string): string | undefined;
}

export interface RuleContext {
  evaluation: EvaluationContext;
  parameters: Record<string, ParameterDefinition>;
  lookups: RuleLookups;
}

/** Thrown while evaluating an assertion that needs something the sandbox cannot know: the assertion is skipped. */
class Unevaluable extends Error {}

/** Used when an assertion has no AssertDescription (AWS's wording for that case is not documented). */
export const DEFAULT_ASSERT_DESCRIPTION = "Template assertion failed";

function formatError(message: string): AwsError {
  return new AwsError("ValidationError", `Template format error: ${message}`);
}

function list(value: unknown, fn: string): unknown[] {
  if (!Array.isArray(value)) throw formatError(`${fn} requires a list argument`);
  return value;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b) || String(a) === String(b);

function parameterValues(name: string, ctx: RuleContext): string[] {
  const value = ctx.evaluation.parameters.get(name);
  if (value === undefined) throw formatError(`Unresolved parameter ${name} in the Rules block of the template`);
  return Array.isArray(value) ? value : [value];
}

function lookup(type: string, ids: string[], attribute: string, ctx: RuleContext): string[] {
  const base = type.replace(/^List<(.+)>$/, "$1");
  return ids.map((id) => {
    const value = ctx.lookups.valueOf(base, id, attribute);
    if (value === undefined) throw new Unevaluable();
    return value;
  });
}

function call(fn: string, arg: unknown, ctx: RuleContext): unknown {
  switch (fn) {
    case "Ref": {
      const name = String(arg);
      if (name.startsWith("AWS::")) return pseudoParameter(name, ctx.evaluation);
      const value = ctx.evaluation.parameters.get(name);
      if (value === undefined) throw formatError(`Unresolved parameter ${name} in the Rules block of the template`);
      return value;
    }
    case "Condition": return evaluateCondition(String(arg), ctx.evaluation);
    case "Fn::Equals": {
      const [a, b] = list(evaluate(arg, ctx), fn);
      return same(a, b);
    }
    case "Fn::And": return list(evaluate(arg, ctx), fn).every((v) => v === true);
    case "Fn::Or": return list(evaluate(arg, ctx), fn).some((v) => v === true);
    case "Fn::Not": return list(evaluate(arg, ctx), fn)[0] !== true;
    case "Fn::If": {
      const [condition, whenTrue, whenFalse] = list(arg, fn);
      return evaluate(evaluateCondition(String(condition), ctx.evaluation) ? whenTrue : whenFalse, ctx);
    }
    case "Fn::Contains": {
      const [candidates, value] = list(evaluate(arg, ctx), fn);
      return list(candidates, fn).some((c) => same(c, value));
    }
    case "Fn::EachMemberEquals": {
      const [members, value] = list(evaluate(arg, ctx), fn);
      return list(members, fn).every((m) => same(m, value));
    }
    case "Fn::EachMemberIn": {
      const [toCheck, toMatch] = list(evaluate(arg, ctx), fn).map((l) => list(l, fn));
      return toCheck.every((m) => toMatch.some((c) => same(c, m)));
    }
    case "Fn::RefAll": {
      const values = ctx.lookups.refAll(String(arg));
      if (values === undefined) throw new Unevaluable();
      return values;
    }
    // "You cannot use another function within the Fn::ValueOf and Fn::ValueOfAll functions": plain strings only.
    case "Fn::ValueOf": {
      const [name, attribute] = list(arg, fn).map(String);
      const definition = ctx.parameters[name];
      if (!definition) throw formatError(`Unresolved parameter ${name} in the Rules block of the template`);
      const values = lookup(definition.Type, parameterValues(name, ctx), attribute, ctx);
      return /^List<|CommaDelimitedList/.test(definition.Type) ? values : values[0];
    }
    case "Fn::ValueOfAll": {
      const [type, attribute] = list(arg, fn).map(String);
      const names = Object.entries(ctx.parameters).filter(([, d]) => d.Type === type || d.Type === `List<${type}>`).map(([n]) => n);
      return names.flatMap((name) => lookup(type, parameterValues(name, ctx), attribute, ctx));
    }
    default: throw formatError(`Unsupported function ${fn} in the Rules block of the template`);
  }
}

function evaluate(node: unknown, ctx: RuleContext): unknown {
  if (Array.isArray(node)) return node.map((item) => evaluate(item, ctx));
  if (node === null || typeof node !== "object") return node;
  const entries = Object.entries(node as Record<string, unknown>);
  if (entries.length === 1 && (entries[0][0] === "Ref" || entries[0][0] === "Condition" || entries[0][0].startsWith("Fn::"))) {
    return call(entries[0][0], entries[0][1], ctx);
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, evaluate(v, ctx)]));
}

interface Assertion {
  Assert?: unknown;
  AssertDescription?: unknown;
}

/** Refuses the operation with the first failed assertion's AssertDescription. */
export function checkRules(template: Template, ctx: RuleContext): void {
  const rules = (template.Rules ?? {}) as Record<string, { RuleCondition?: unknown; Assertions?: unknown }>;
  for (const [name, rule] of Object.entries(rules)) {
    if (!rule || typeof rule !== "object" || !Array.isArray(rule.Assertions)) {
      throw formatError(`Every Rules member must contain an Assertions member (rule ${name})`);
    }
    try {
      if (rule.RuleCondition !== undefined && evaluate(rule.RuleCondition, ctx) !== true) continue;
    } catch (error) {
      if (error instanceof Unevaluable) continue;
      throw error;
    }
    for (const assertion of rule.Assertions as Assertion[]) {
      let holds: boolean;
      try {
        holds = evaluate(assertion?.Assert, ctx) === true;
      } catch (error) {
        if (error instanceof Unevaluable) continue;
        throw error;
      }
      if (!holds) {
        const description = assertion.AssertDescription;
        throw new AwsError("ValidationError", typeof description === "string" ? description : DEFAULT_ASSERT_DESCRIPTION);
      }
    }
  }
}
