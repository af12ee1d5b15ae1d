import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// "One owner per piece of state": the state machine is the only code that writes deployments.status. This reads
// every source file (app, lib, scripts, e2e, bench, test support; not the *.test.ts files, which may set up rows
// as they like) and lists each Prisma write whose `data` sets `status`, and each raw SQL write of the column.

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCANNED = ["app", "lib", "scripts", "e2e", "bench", "components"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" || entry.name === "node_modules" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/** The text of the balanced (...) or {...} starting at `open`. */
function balanced(text: string, open: number): string {
  const pairs: Record<string, string> = { "(": ")", "{": "}" };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (pairs[c]) stack.push(pairs[c]!);
    else if (c === stack.at(-1)) {
      stack.pop();
      if (!stack.length) return text.slice(open, i + 1);
    }
  }
  return text.slice(open);
}

/** Prisma writes to the deployment model whose data object has a `status` key, and raw SQL writes of it. */
export function statusWrites(source: string): string[] {
  const found: string[] = [];
  for (const call of source.matchAll(/\.deployment\.(create|createMany|update|updateMany|upsert)\(/g)) {
    const args = balanced(source, call.index! + call[0].length - 1);
    for (const data of args.matchAll(/\b(data|create|update):\s*\{/g)) {
      const body = balanced(args, data.index! + data[0].length - 1);
      if (/[{,\s]status\s*[:,}]/.test(body)) found.push(`${call[1]}: ${body.slice(0, 80).replace(/\s+/g, " ")}`);
    }
  }
  for (const sql of source.matchAll(/UPDATE\s+"?deployments"?\s+(?:\w+\s+)?SET\b([\s\S]*?)(?:\bWHERE\b|\bFROM\b|`|;)/gi)) {
    if (/(^|[\s,"])status"?\s*=/.test(sql[1]!)) found.push(`sql: ${sql[0].slice(0, 80)}`);
  }
  for (const sql of source.matchAll(/INSERT\s+INTO\s+"?deployments"?/gi)) found.push(`sql: ${sql[0]}`);
  return found;
}

describe("deployment status writers", () => {
  const writers = SCANNED.flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
    .map((file) => ({ file: path.relative(ROOT, file), writes: statusWrites(readFileSync(file, "utf8")) }))
    .filter((f) => f.writes.length > 0);

  it("are all in lib/deployments/state-machine.ts", () => {
    expect(writers.map((w) => w.file)).toEqual(["lib/deployments/state-machine.ts"]);
  });

  it("finds the writes it looks for (the state machine's update and insert; SQL; not a status in a where clause)", () => {
    expect(writers[0]?.writes).toHaveLength(2);
    expect(statusWrites("tx.deployment.updateMany({ where: { id, status: \"ready\" }, data: { changeSetId } })")).toEqual([]);
    expect(statusWrites("db.deployment.update({ where: { id }, data: { status: \"failed\" } })")).toHaveLength(1);
    expect(statusWrites("db.deployment.upsert({ where: { id }, create: { x: 1, status }, update: {} })")).toHaveLength(1);
    expect(statusWrites("tx.$executeRaw`UPDATE deployments SET resources_done = 1, status = 'failed' WHERE id = 1`")).toHaveLength(1);
    expect(statusWrites("tx.$executeRaw`UPDATE deployments d SET resources_done = 1 FROM p WHERE d.status = 'x'`")).toEqual([]);
  });
});
