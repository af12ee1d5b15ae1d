import { readFileSync } from "node:fs";
import path from "node:path";

// A small reader for our schema.prisma, enough for the conformance test to compare it with the migrated
// database: models, scalar fields (type, optional, column name, native type), enums, ids, uniques, indexes, FKs.

export interface FieldSpec {
  name: string;
  column: string;
  type: string; // Prisma scalar type or enum name
  optional: boolean;
  nativeType: string | null; // e.g. "VarChar(320)", "Uuid", "Timestamptz(3)"
  isId: boolean;
  isUnique: boolean;
  hasDefault: boolean;
  isUpdatedAt: boolean;
}

export interface RelationSpec {
  fields: string[];
  references: string[];
  model: string;
}

export interface ModelSpec {
  name: string;
  table: string;
  fields: FieldSpec[];
  relations: RelationSpec[];
  uniques: string[][]; // column lists
  indexes: string[][];
}

export interface SchemaSpec {
  models: ModelSpec[];
  enums: Map<string, string[]>;
}

export const SCHEMA_PATH = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");

export function readPrismaSchema(file = SCHEMA_PATH): SchemaSpec {
  const text = readFileSync(file, "utf8").replace(/\/\/.*$/gm, "");
  const enums = new Map<string, string[]>();
  for (const [, name, body] of text.matchAll(/enum\s+(\w+)\s*\{([^}]*)\}/g)) {
    enums.set(name!, body!.split(/\s+/).filter(Boolean));
  }
  const blocks = [...text.matchAll(/model\s+(\w+)\s*\{([\s\S]*?)\n\}/g)].map(([, name, body]) => ({ name: name!, body: body! }));
  const modelNames = new Set(blocks.map((b) => b.name));
  const models = blocks.map(({ name, body }) => parseModel(name, body, modelNames));
  return { models, enums };
}

function parseModel(name: string, body: string, modelNames: Set<string>): ModelSpec {
  const lines = body.split("\n").map((l) => l.trim()).filter(Boolean);
  const fields: FieldSpec[] = [];
  const relations: RelationSpec[] = [];
  const blockAttrs = lines.filter((l) => l.startsWith("@@"));
  for (const line of lines.filter((l) => !l.startsWith("@@"))) {
    const [fieldName, rawType, ...rest] = line.split(/\s+/);
    const attrs = rest.join(" ");
    const baseType = rawType!.replace(/[?[\]]/g, "");
    if (modelNames.has(baseType)) {
      const rel = /fields:\s*\[([^\]]*)\].*references:\s*\[([^\]]*)\]/.exec(attrs);
      if (rel) relations.push({ fields: list(rel[1]!), references: list(rel[2]!), model: baseType });
      continue;
    }
    fields.push({
      name: fieldName!,
      column: /@map\("([^"]+)"\)/.exec(attrs)?.[1] ?? fieldName!,
      type: baseType,
      optional: rawType!.endsWith("?"),
      nativeType: /@db\.(\w+(?:\([^)]*\))?)/.exec(attrs)?.[1] ?? null,
      isId: /@id\b/.test(attrs),
      isUnique: /@unique\b/.test(attrs),
      hasDefault: /@default\(/.test(attrs),
      isUpdatedAt: /@updatedAt\b/.test(attrs),
    });
  }
  const column = (f: string) => fields.find((x) => x.name === f)?.column ?? f;
  const blockList = (kind: string) =>
    blockAttrs.filter((l) => l.startsWith(`@@${kind}(`)).map((l) => list(/\[([^\]]*)\]/.exec(l)![1]!).map(column));
  return {
    name,
    table: /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? name,
    fields,
    relations: relations.map((r) => ({ ...r, fields: r.fields.map(column) })),
    uniques: [...fields.filter((f) => f.isUnique).map((f) => [f.column]), ...blockList("unique")],
    indexes: blockList("index"),
  };
}

const list = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);
