import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createDb, type Db } from "./client.ts";
import { migrate } from "./migrator.ts";
import { createScratchDatabase } from "../testing/scratch-database.ts";
import { readPrismaSchema, type FieldSpec, type ModelSpec } from "../testing/prisma-schema.ts";

// schema.prisma and the hand-written SQL migrations must describe the same database (FACTS.md: Prisma's migrate
// engine cannot run here). This compares them column by column, then round-trips every field of every model.
const schema = readPrismaSchema();
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let client: pg.Client;
let db: Db;

beforeAll(async () => {
  scratch = await createScratchDatabase(process.env.STACKDECK_TEST_SERVER_URL!, "stackdeck_conformance");
  await migrate(scratch.url);
  client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  db = createDb(scratch.url);
});

afterAll(async () => {
  await client.end();
  await db.$disconnect();
  await scratch.drop();
});

function expectedSqlType(field: FieldSpec): string {
  const native = field.nativeType;
  if (schema.enums.has(field.type)) return field.type;
  const size = native ? /\((\d+)\)/.exec(native)?.[1] : undefined;
  if (native?.startsWith("VarChar")) return `character varying(${size})`;
  if (native?.startsWith("Char")) return `character(${size})`;
  if (native === "Uuid") return "uuid";
  if (native?.startsWith("Timestamptz")) return `timestamp(${size ?? 6}) with time zone`;
  const defaults: Record<string, string> = {
    String: "text",
    Int: "integer",
    BigInt: "bigint",
    Boolean: "boolean",
    DateTime: "timestamp(3) without time zone",
    Json: "jsonb",
    Float: "double precision",
  };
  return defaults[field.type]!;
}

async function columnsOf(table: string) {
  const { rows } = await client.query<{ column_name: string; sql_type: string; not_null: boolean }>(
    `SELECT a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS sql_type, a.attnotnull AS not_null
     FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
    [`"${table}"`],
  );
  return new Map(rows.map((r) => [r.column_name, r]));
}

async function indexesOf(table: string) {
  const { rows } = await client.query<{ columns: string[]; is_unique: boolean; is_primary: boolean }>(
    `SELECT array_agg(a.attname::text ORDER BY k.ord) AS columns, i.indisunique AS is_unique, i.indisprimary AS is_primary
     FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
     WHERE i.indrelid = $1::regclass GROUP BY i.indexrelid, i.indisunique, i.indisprimary`,
    [`"${table}"`],
  );
  return rows;
}

describe.each(schema.models.map((m) => [m.name, m] as const))("model %s", (_name, model: ModelSpec) => {
  it("has exactly the columns, types and nullability of schema.prisma", async () => {
    const columns = await columnsOf(model.table);
    expect([...columns.keys()].sort()).toEqual(model.fields.map((f) => f.column).sort());
    for (const field of model.fields) {
      const column = columns.get(field.column)!;
      expect({ field: field.name, type: column.sql_type.replaceAll('"', ""), nullable: !column.not_null }).toEqual({
        field: field.name,
        type: expectedSqlType(field),
        nullable: field.optional,
      });
    }
  });

  it("has its primary key, unique constraints, indexes and foreign keys", async () => {
    const indexes = await indexesOf(model.table);
    const has = (cols: string[], pred: (i: (typeof indexes)[number]) => boolean) =>
      indexes.some((i) => pred(i) && i.columns.join(",") === cols.join(","));
    expect(has(model.fields.filter((f) => f.isId).map((f) => f.column), (i) => i.is_primary)).toBe(true);
    for (const unique of model.uniques) expect(has(unique, (i) => i.is_unique), `unique ${unique}`).toBe(true);
    for (const index of model.indexes) expect(has(index, (i) => !i.is_unique), `index ${index}`).toBe(true);
    const { rows: fks } = await client.query<{ columns: string[]; target: string }>(
      `SELECT array_agg(a.attname::text ORDER BY k.ord) AS columns, c.confrelid::regclass::text AS target
       FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
       WHERE c.conrelid = $1::regclass AND c.contype = 'f' GROUP BY c.oid, c.confrelid`,
      [`"${model.table}"`],
    );
    const expected = model.relations.map((r) => ({ columns: r.fields, target: schema.models.find((m) => m.name === r.model)!.table }));
    expect(fks.map((f) => ({ ...f, target: f.target.replaceAll('"', "") }))).toEqual(expect.arrayContaining(expected));
    expect(fks).toHaveLength(expected.length);
  });
});

it("has the enums of schema.prisma with the same values", async () => {
  for (const [name, values] of schema.enums) {
    const { rows } = await client.query<{ v: string }>(
      `SELECT e.enumlabel AS v FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = $1 ORDER BY e.enumsortorder`,
      [name],
    );
    expect(rows.map((r) => r.v)).toEqual(values);
  }
});

it("round-trips every field of every model through the Prisma client", async () => {
  const created = new Map<string, Record<string, unknown>>();
  const pending = [...schema.models];
  while (pending.length) {
    // Create referenced rows first; in a cycle (templates <-> versions) start where the reference is optional.
    const ready = (m: ModelSpec) => m.relations.every((r) => r.model === m.name || created.has(r.model));
    const optional = (m: ModelSpec) => m.relations.every((r) => created.has(r.model) || r.fields.every((c) => m.fields.find((f) => f.column === c)!.optional));
    const index = pending.findIndex(ready) >= 0 ? pending.findIndex(ready) : pending.findIndex(optional);
    expect(index, "models whose required references form a cycle cannot be created").toBeGreaterThanOrEqual(0);
    const [model] = pending.splice(index, 1);
    const data: Record<string, unknown> = {};
    for (const field of model!.fields) {
      const relation = model!.relations.find((r) => r.fields.includes(field.column));
      data[field.name] = relation
        ? (created.get(relation.model)?.[relation.references[0]!] ?? null)
        : sampleValue(field);
    }
    const delegate = (db as unknown as Record<string, { create: Function; findUniqueOrThrow: Function }>)[lowerFirst(model!.name)]!;
    const idField = model!.fields.find((f) => f.isId)!;
    await delegate.create({ data });
    const back = await delegate.findUniqueOrThrow({ where: { [idField.name]: data[idField.name] } });
    expect(back).toEqual(data);
    created.set(model!.name, data);
  }
});

const lowerFirst = (s: string) => s[0]!.toLowerCase() + s.slice(1);

function sampleValue(field: FieldSpec): unknown {
  const enumValues = schema.enums.get(field.type);
  if (enumValues) return enumValues.at(-1);
  const size = Number(/\((\d+)\)/.exec(field.nativeType ?? "")?.[1] ?? 0);
  switch (field.type) {
    case "String":
      if (field.nativeType === "Uuid") return randomUUID();
      return field.nativeType?.startsWith("Char") ? "c".repeat(size) : `v-${randomUUID()}`.slice(0, size || 64);
    case "Int":
      return 42;
    case "Float":
      return 0.125; // exact in binary, so it round-trips unchanged
    case "BigInt":
      return 9_007_199_254_740_993n; // beyond Number's exact range
    case "Boolean":
      return true;
    case "DateTime":
      return new Date("2026-01-02T03:04:05.678Z");
    case "Json":
      return { nested: { list: [1, "two", null] }, unicode: "é✓" };
    default:
      throw new Error(`no sample for ${field.type}`);
  }
}
