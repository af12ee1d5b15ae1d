import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./document";
import { API_OPERATIONS } from "./operations";

// The document cannot drift from the routes: every route file's methods are in it, every example body is one the
// route's own schema accepts, and it is a valid OpenAPI 3.1 document.

const V1 = path.resolve(import.meta.dirname, "..");

/** Every route.ts under app/api/v1 with the HTTP methods it exports, as OpenAPI paths (`[id]` → `{id}`). */
function routeFiles(dir = V1): { path: string; method: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    if (entry.name !== "route.ts") return [];
    const apiPath = `/api/v1${path.dirname(full).slice(V1.length).replace(/\[(\w+)\]/g, "{$1}")}`;
    const methods = [...readFileSync(full, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!.toLowerCase());
    return methods.map((method) => ({ path: apiPath, method }));
  });
}

describe("GET /api/v1/openapi.json", () => {
  const document = buildOpenApiDocument();

  it("documents every route file under app/api/v1, and nothing that is not served", () => {
    const served = routeFiles().map((r) => `${r.method} ${r.path}`).sort();
    expect(served.length).toBeGreaterThan(15);
    const documented = Object.entries(document.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)).sort();
    expect(documented).toEqual(served);
  });

  it("every documented request body example is accepted by the schema the route parses", () => {
    const examples = API_OPERATIONS.flatMap((op) => Object.entries(op.body?.examples ?? {}).map(([name, e]) => ({ op, name, value: e.value })));
    expect(examples.length).toBeGreaterThanOrEqual(10);
    for (const { op, name, value } of examples) {
      const result = op.body!.schema.safeParse(value);
      expect(result.success, `${op.method} ${op.path} example "${name}": ${result.error?.message}`).toBe(true);
    }
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe("3.1.0");
  });

  it("describes bodies and parameters as the route schemas do", () => {
    const create = document.paths["/api/v1/deployments"]!.post as { requestBody: { content: { "application/json": { schema: { required: string[]; properties: Record<string, { enum?: string[] }> } } } } };
    const schema = create.requestBody.content["application/json"].schema;
    expect(schema.required).toEqual(["environment", "template", "action"]);
    expect(schema.properties.action!.enum).toEqual(["create", "update", "rollback", "delete"]);
    const list = document.paths["/api/v1/alarms"]!.get as { parameters: { name: string; required: boolean }[] };
    expect(list.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: "environment", required: true }), expect.objectContaining({ name: "state", required: false })]));
    const approve = document.paths["/api/v1/deployments/{id}/approve"]!.post as { responses: Record<string, unknown> };
    expect(Object.keys(approve.responses).sort()).toEqual(["200", "400", "401", "403", "404", "409"]);
  });
});
