import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACCESS_TABLE, expectedAnswer } from "./access-table.ts";
import { ACCESS_DOC, renderAccessTable } from "../../scripts/docs/access-table.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

function files(dir: string, match: (name: string) => boolean): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && match(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

/** Every method every /api/v1 route file exports, as "GET /api/v1/deployments/{id}". */
function apiRoutes(): string[] {
  return files("app/api/v1", (n) => n === "route.ts").flatMap((file) => {
    const route = `/${path.dirname(file).replace(/^app\//, "").replace(/\[(\w+)\]/g, "{$1}")}`;
    return [...readFileSync(path.join(ROOT, file), "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE) =/g)].map((m) => `${m[1]} ${route}`);
  });
}

/** Every server action: the exports of "use server" files. */
function serverActions(): string[] {
  return files("app", (n) => n.endsWith(".ts")).flatMap((file) => {
    const source = readFileSync(path.join(ROOT, file), "utf8");
    return source.startsWith('"use server"') ? [...source.matchAll(/export const (\w+Action) =/g)].map((m) => m[1]!) : [];
  });
}

const base = (operation: string) => operation.replace(/ \(.*\)$/, "");

describe("the access table", () => {
  it("has a row for every /api/v1 route and every server action, and none for things that do not exist", () => {
    const listed = new Set(ACCESS_TABLE.map((r) => base(r.operation)));
    const existing = [...apiRoutes(), ...serverActions()];
    expect(existing.filter((op) => !listed.has(op))).toEqual([]);
    expect([...listed].filter((op) => !existing.includes(op))).toEqual([]);
  });

  it("is what docs/access.md says (run `npx tsx scripts/docs/access-table.ts` after changing it)", () => {
    expect(readFileSync(ACCESS_DOC, "utf8")).toBe(renderAccessTable());
  });

  it("refuses dead credentials everywhere and scopes grants to their environment", () => {
    const row = ACCESS_TABLE.find((r) => r.operation === "POST /api/v1/deployments")!;
    expect(expectedAnswer(row, { dead: "revoked token" }, "staging")).toBe(401);
    expect(expectedAnswer(row, { role: "deployer", grant: "staging" }, "staging")).toBe("allowed");
    expect(expectedAnswer(row, { role: "deployer", grant: "staging" }, "production")).toBe(403);
    expect(expectedAnswer(row, { role: "viewer", grant: "*" }, "staging")).toBe(403);
    const audit = ACCESS_TABLE.find((r) => r.operation === "GET /api/v1/audit")!;
    expect(expectedAnswer(audit, { role: "admin", grant: "staging" }, "staging")).toBe(403);
  });
});
