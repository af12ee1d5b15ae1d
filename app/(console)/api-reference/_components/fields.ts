// Turns a JSON schema (from z.toJSONSchema) into rows a person can read: dotted names for nested fields, a short
// type, the constraints, and the description.

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  additionalProperties?: Schema | boolean;
};

export interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  notes: string[];
  description: string | null;
}

const MAX_DEPTH = 3;

export function fieldRows(schema: Schema, prefix = "", depth = 0): FieldRow[] {
  const object = unwrapNull(schema);
  if (!object.properties) return [];
  return Object.entries(object.properties).flatMap(([key, raw]) => {
    const name = prefix ? `${prefix}.${key}` : key;
    const row: FieldRow = { name, type: typeOf(raw), required: object.required?.includes(key) ?? false, notes: notesOf(raw), description: raw.description ?? null };
    if (depth >= MAX_DEPTH) return [row];
    const inner = unwrapNull(raw);
    const items = inner.items ? unwrapNull(inner.items) : null;
    const nested = inner.properties ? fieldRows(inner, name, depth + 1) : items?.properties ? fieldRows(items, `${name}[]`, depth + 1) : [];
    return [row, ...nested];
  });
}

function unwrapNull(schema: Schema): Schema {
  const options = schema.anyOf?.filter((s) => s.type !== "null");
  return options?.length === 1 ? options[0]! : schema;
}

export function typeOf(schema: Schema): string {
  const nullable = schema.anyOf?.some((s) => s.type === "null") || (Array.isArray(schema.type) && schema.type.includes("null"));
  const inner = unwrapNull(schema);
  let text: string;
  if (inner.enum) text = inner.enum.map((v) => JSON.stringify(v)).join(" | ");
  else if (inner.const !== undefined) text = JSON.stringify(inner.const);
  else if (inner.anyOf) text = inner.anyOf.map(typeOf).join(" | ");
  else if (inner.type === "array") text = `${inner.items ? typeOf(inner.items) : "any"}[]`;
  else if (inner.type === "object" && !inner.properties && inner.additionalProperties && typeof inner.additionalProperties === "object") text = `map of ${typeOf(inner.additionalProperties)}`;
  else if (inner.format) text = `${inner.type ?? "string"} (${inner.format})`;
  else text = Array.isArray(inner.type) ? inner.type.join(" | ") : (inner.type ?? "any");
  return nullable ? `${text} | null` : text;
}

function notesOf(schema: Schema): string[] {
  const s = unwrapNull(schema);
  const notes: string[] = [];
  if (s.default !== undefined) notes.push(`default ${JSON.stringify(s.default)}`);
  if (s.minLength !== undefined && s.minLength > 0) notes.push(`min ${s.minLength} chars`);
  if (s.maxLength !== undefined) notes.push(`max ${s.maxLength} chars`);
  if (s.minimum !== undefined) notes.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined) notes.push(`≤ ${s.maximum}`);
  if (s.pattern && s.format !== "uuid" && s.format !== "date-time") notes.push(`pattern ${s.pattern}`);
  return notes;
}
