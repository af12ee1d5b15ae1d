import type { TemplateDocument } from "./types.ts";
import { asParameterString } from "./parameters.ts";
import type { ResolvedResource } from "../cost/types.ts";

// Evaluates a template for given parameter values the way CloudFormation would before provisioning: conditions,
// Fn::If, Ref to parameters, Join/Sub/Select/Split/FindInMap/GetAZs. What only AWS knows (GetAtt, ImportValue,
// physical ids) stays symbolic. The cost estimator and the change preview read resources through this.

export type { ResolvedResource };

export interface ResolveContext {
  region: string;
  stackName: string;
  accountId?: string;
}

const NO_VALUE = Symbol("AWS::NoValue");

export interface Evaluator {
  evaluate: (value: unknown) => unknown;
  condition: (name: string) => boolean;
}

/** Evaluates values of `doc` (properties, outputs, export names) for the given parameter values. */
export function makeEvaluator(doc: TemplateDocument, values: Record<string, string>, ctx: ResolveContext): Evaluator {
  const params = parameterValues(doc, values);
  const conditionCache = new Map<string, boolean>();
  const condition = (name: string): boolean => {
    if (!conditionCache.has(name)) conditionCache.set(name, Boolean(evaluate(doc.Conditions?.[name])));
    return conditionCache.get(name)!;
  };

  function evaluate(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(evaluate).filter((v) => v !== NO_VALUE);
    if (!value || typeof value !== "object") return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
      const [key, arg] = entries[0]!;
      const fn = FUNCTIONS[key];
      if (fn) return fn(arg, evaluate, { params, condition, ctx, doc });
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      const resolved = evaluate(v);
      if (resolved !== NO_VALUE) out[k] = resolved;
    }
    return out;
  }
  return { evaluate, condition };
}

export function resolveTemplate(doc: TemplateDocument, values: Record<string, string>, ctx: ResolveContext): ResolvedResource[] {
  const { evaluate, condition } = makeEvaluator(doc, values, ctx);
  return Object.entries(doc.Resources)
    .filter(([, r]) => !r.Condition || condition(r.Condition))
    .map(([logicalId, r]) => ({ logicalId, type: r.Type, properties: (evaluate(r.Properties ?? {}) as Record<string, unknown>) ?? {} }));
}

function parameterValues(doc: TemplateDocument, values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(doc.Parameters ?? {})) {
    const raw = values[name] ?? (spec.Default !== undefined ? asParameterString(spec.Default) : undefined);
    if (raw === undefined) continue;
    out[name] = spec.Type === "Number" ? Number(raw) : spec.Type.includes("List") ? raw.split(",").map((s) => s.trim()) : raw;
  }
  return out;
}

interface Scope {
  params: Record<string, unknown>;
  condition: (name: string) => boolean;
  ctx: ResolveContext;
  doc: TemplateDocument;
}
type Fn = (arg: unknown, evaluate: (v: unknown) => unknown, scope: Scope) => unknown;

const args = (arg: unknown) => (Array.isArray(arg) ? arg : [arg]);

const FUNCTIONS: Record<string, Fn> = {
  Ref: (name, _e, { params, ctx, doc }) => {
    const n = String(name);
    if (n === "AWS::NoValue") return NO_VALUE;
    if (n in params) return params[n];
    const pseudo: Record<string, string> = { "AWS::Region": ctx.region, "AWS::StackName": ctx.stackName, "AWS::AccountId": ctx.accountId ?? "000000000000", "AWS::Partition": "aws", "AWS::URLSuffix": "amazonaws.com" };
    if (n in pseudo) return pseudo[n];
    return n in doc.Resources ? { Ref: n } : undefined;
  },
  Condition: (name, _e, { condition }) => condition(String(name)),
  "Fn::If": (arg, e, { condition }) => {
    const [name, whenTrue, whenFalse] = args(arg);
    return e(condition(String(name)) ? whenTrue : whenFalse);
  },
  "Fn::Equals": (arg, e) => {
    const [a, b] = args(arg).map(e);
    return asParameterString(a) === asParameterString(b);
  },
  "Fn::And": (arg, e) => args(arg).every((c) => Boolean(e(c))),
  "Fn::Or": (arg, e) => args(arg).some((c) => Boolean(e(c))),
  "Fn::Not": (arg, e) => !e(args(arg)[0]),
  "Fn::Join": (arg, e) => {
    const [sep, list] = args(arg);
    const items = e(list);
    return Array.isArray(items) && items.every((i) => typeof i !== "object") ? items.join(String(sep)) : { "Fn::Join": [sep, items] };
  },
  "Fn::Select": (arg, e) => {
    const [index, list] = args(arg).map(e);
    return Array.isArray(list) ? list[Number(index)] : { "Fn::Select": [index, list] };
  },
  "Fn::Split": (arg, e) => {
    const [sep, text] = args(arg).map(e);
    return typeof text === "string" ? text.split(String(sep)) : { "Fn::Split": [sep, text] };
  },
  "Fn::FindInMap": (arg, e, { doc }) => {
    const [map, top, second] = args(arg).map(e);
    return doc.Mappings?.[String(map)]?.[String(top)]?.[String(second)];
  },
  "Fn::GetAZs": (_arg, _e, { ctx }) => ["a", "b", "c"].map((z) => `${ctx.region}${z}`),
  "Fn::Sub": (arg, e, scope) => {
    const [text, vars] = Array.isArray(arg) ? [arg[0], e(arg[1]) as Record<string, unknown>] : [arg, {}];
    let symbolic = false;
    const out = String(text).replace(/\$\{([^!}][^}]*)\}/g, (whole, name: string) => {
      const value = name in (vars ?? {}) ? vars[name] : FUNCTIONS.Ref!(name, e, scope);
      if (value === undefined || typeof value === "object") {
        symbolic = true;
        return whole;
      }
      return asParameterString(value);
    });
    return symbolic ? { "Fn::Sub": out } : out.replace(/\$\{!/g, "${");
  },
  "Fn::Base64": (arg, e) => e(arg),
  // Rule functions (only valid in a template's Rules section).
  "Fn::Contains": (arg, e) => {
    const [list, value] = args(arg).map(e);
    return Array.isArray(list) && list.map(asParameterString).includes(asParameterString(value));
  },
  "Fn::EachMemberEquals": (arg, e) => {
    const [list, value] = args(arg).map(e);
    return Array.isArray(list) && list.every((v) => asParameterString(v) === asParameterString(value));
  },
  "Fn::EachMemberIn": (arg, e) => {
    const [list, allowed] = args(arg).map(e);
    return Array.isArray(list) && Array.isArray(allowed) && list.every((v) => allowed.map(asParameterString).includes(asParameterString(v)));
  },
  "Fn::GetAtt": (arg) => ({ "Fn::GetAtt": arg }),
  "Fn::ImportValue": (arg, e) => ({ "Fn::ImportValue": e(arg) }),
  "Fn::Cidr": (arg, e) => ({ "Fn::Cidr": e(arg) }),
};
