// How a change of resource properties is carried out: in place or by replacement, from AWS's resource
// specification (causesReplacement per property).
import { requiresRecreation, type RequiresRecreation } from "../spec.ts";

/** Template values are compared the way CloudFormation does: 5 and "5" are the same value. */
export function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, normalize((value as Record<string, unknown>)[key])]));
  }
  return value === undefined || value === null ? value : String(value);
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}

/** Top-level property names whose values differ. */
export function changedPropertyNames(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => !sameValue(before[name], after[name])).sort();
}

// Properties the specification marks "maybe": the sandbox replaces only for these, where AWS replaces for the
// common cases (an RDS engine change, e.g. mysql to postgres); other conditional changes are made in place.
const CONDITIONAL_REPLACEMENTS: Record<string, string[]> = {
  "AWS::RDS::DBInstance": ["Engine", "DBSnapshotIdentifier", "SourceDBInstanceIdentifier"],
};

export type UpdateMethod = "none" | "in-place" | "replace";

export function updateMethod(type: string, before: Record<string, unknown>, after: Record<string, unknown>): UpdateMethod {
  const changed = changedPropertyNames(before, after);
  if (changed.length === 0) return "none";
  const behaviours = changed.map((name) => ({ name, recreation: requiresRecreation(type, name) }));
  if (behaviours.some((b) => b.recreation === "Always")) return "replace";
  const conditional = CONDITIONAL_REPLACEMENTS[type] ?? [];
  if (behaviours.some((b) => b.recreation === "Conditionally" && conditional.includes(b.name))) return "replace";
  return "in-place";
}

/** A resource's Replacement from its details: the most impactful RequiresRecreation wins. */
export function replacementOf(details: { requiresRecreation?: RequiresRecreation; evaluation: "Static" | "Dynamic" }[]): "True" | "False" | "Conditional" {
  let result: "True" | "False" | "Conditional" = "False";
  for (const detail of details) {
    if (detail.requiresRecreation === "Always" && detail.evaluation === "Static") return "True";
    if (detail.requiresRecreation === "Always" || detail.requiresRecreation === "Conditionally") result = "Conditional";
  }
  return result;
}
