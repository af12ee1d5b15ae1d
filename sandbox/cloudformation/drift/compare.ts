// Drift of one resource: its expected properties (the template's, with parameters resolved) against what it really
// has. As AWS documents: only properties the template sets are checked ("Only resource properties explicitly
// defined in the stack template are checked for drift"); list elements beyond the expected ones are ADD, a property
// the resource lost is REMOVE, any other difference NOT_EQUAL. Values are compared as text, so 7 and "7" agree.
import type { ResourceDriftRecord } from "../state/types.ts";

type Difference = ResourceDriftRecord["differences"][number];
type Json = unknown;

/** The resource's real properties: the expected ones with what was changed out of band applied (null removes). */
export function actualProperties(expected: Record<string, Json>, outOfBand: Record<string, Json> | undefined): Record<string, Json> {
  const actual = structuredClone(expected);
  for (const [key, value] of Object.entries(outOfBand ?? {})) {
    if (value === null) delete actual[key];
    else actual[key] = structuredClone(value);
  }
  return actual;
}

export function propertyDifferences(expected: Record<string, Json>, actual: Record<string, Json>): Difference[] {
  const out: Difference[] = [];
  for (const key of Object.keys(expected)) compare(`/${escapePointer(key)}`, expected[key], key in actual ? actual[key] : undefined, out);
  return out;
}

function compare(path: string, expected: Json, actual: Json, out: Difference[]): void {
  if (actual === undefined) {
    out.push({ path, expected: text(expected), actual: "null", type: "REMOVE" });
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    expected.forEach((item, i) => compare(`${path}/${i}`, item, i < actual.length ? actual[i] : undefined, out));
    for (let i = expected.length; i < actual.length; i++) out.push({ path: `${path}/${i}`, expected: "null", actual: text(actual[i]), type: "ADD" });
    return;
  }
  if (isObject(expected) && isObject(actual)) {
    for (const key of Object.keys(expected)) compare(`${path}/${escapePointer(key)}`, expected[key], key in actual ? actual[key] : undefined, out);
    return;
  }
  if (text(expected) !== text(actual)) out.push({ path, expected: text(expected), actual: text(actual), type: "NOT_EQUAL" });
}

const isObject = (value: Json): value is Record<string, Json> => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: Json) => (typeof value === "string" ? value : JSON.stringify(value));
/** JSON Pointer escaping (RFC 6901), as AWS's PropertyPath uses. */
const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");
