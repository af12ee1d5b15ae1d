import { describe, expect, it } from "vitest";
import { testDb, uniqueEmail } from "../../lib/testing/fixtures.ts";
import { authenticateToken } from "../../lib/tokens/queries.ts";
import { runCli } from "./main.ts";

async function run(argv: string[], stdin?: string) {
  const out: string[] = [];
  const err: string[] = [];
  if (stdin !== undefined) {
    const { Readable } = await import("node:stream");
    Object.defineProperty(process, "stdin", { value: Readable.from([stdin]), configurable: true });
  }
  const code = await runCli(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("npx stackdeck", () => {
  it("creates a user from a password on stdin, grants, issues a token the API accepts, and disables", async () => {
    const db = await testDb();
    const email = uniqueEmail("cli");
    const created = await run(["user", "create", "--email", email, "--name", "Cli User", "--password-stdin", "--role", "viewer", "--environment", "staging"], "a long enough password\n");
    expect(created).toEqual({ code: 0, out: `created ${email} with viewer (staging)`, err: "" });
    expect((await run(["user", "grant", "--email", email, "--role", "deployer", "--environment", "production"])).code).toBe(0);

    const token = await run(["token", "create", "--email", email, "--name", "ci", "--expires-in-days", "30"]);
    expect(token.code).toBe(0);
    expect(token.out).toMatch(/^sdk_[\w-]+$/); // only the token, so scripts can capture it
    const actor = await authenticateToken(db, token.out);
    expect(actor?.grants).toEqual(expect.arrayContaining([{ role: "viewer", environment: "staging" }, { role: "deployer", environment: "production" }]));

    expect((await run(["user", "disable", "--email", email])).code).toBe(0);
    expect(await authenticateToken(db, token.out)).toBeNull();
    const audited = await db.auditEvent.findMany({ where: { targetId: email }, orderBy: { seq: "asc" }, select: { action: true, actorType: true } });
    expect(audited.map((a) => a.action)).toEqual(["user.created", "role.granted", "role.granted", "user.disabled"]);
    expect(audited.every((a) => a.actorType === "system")).toBe(true);
  });

  it("reports an intact audit chain", async () => {
    const result = await run(["audit", "verify"]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^audit log ok: \d+ entries verified, held against the checkpoint of .+ \(\d+ entries\)$|^audit log ok: \d+ entries verified, no checkpoint to hold it against$/);
  });

  it("exits non-zero with a clear message for bad arguments", async () => {
    expect(await run(["user", "frobnicate"])).toMatchObject({ code: 2, err: expect.stringContaining("usage: stackdeck <command>") });
    expect(await run(["user", "grant", "--email", "x@example.com", "--role", "emperor"])).toMatchObject({ code: 2, err: expect.stringContaining("role:") });
    expect(await run(["user", "grant", "--email"])).toMatchObject({ code: 2, err: expect.stringContaining("--email needs a value") });
    expect(await run(["token", "create", "--email", uniqueEmail("ghost")])).toMatchObject({ code: 1, err: expect.stringContaining("was not found") });
    expect(await run(["user", "create", "--email", uniqueEmail("p"), "--name", "P"])).toMatchObject({ code: 2, err: expect.stringContaining("--password-stdin is required") });
    expect(await run(["token", "create", "--email", "admin@example.com", "--expires-in-days", "9999"])).toMatchObject({ code: 2 });
  });
});

describe("npx stackdeck estimate", () => {
  it("prints the platform estimate as JSON in the documented shape, near the seed's figures", async () => {
    const staging = await run(["estimate", "--all", "--env", "staging", "--json"]);
    expect(staging.code).toBe(0);
    const json = JSON.parse(staging.out);
    expect(json).toMatchObject({ currency: "USD", region: "us-east-1", environment: "staging" });
    expect(json.lines[0]).toEqual(expect.objectContaining({ stack: expect.stringMatching(/^staging-/), logicalId: expect.any(String), type: expect.any(String), description: expect.any(String), quantity: expect.any(Number), unit: expect.any(String), unitPrice: expect.any(Number), monthly: expect.any(Number) }));
    expect(json.fixed + json.usage).toBeCloseTo(json.monthlyTotal, 6);
    expect(json.monthlyTotal).toBeGreaterThan(110); // seed: ~$125–155 for staging
    expect(json.monthlyTotal).toBeLessThan(160);
    const production = JSON.parse((await run(["estimate", "--all", "--env", "production", "--json"])).out);
    expect(production.monthlyTotal).toBeGreaterThan(340); // seed: ~$390 for production
    expect(production.monthlyTotal).toBeLessThan(420);
  });

  it("prints one template as a table, and refuses unknown templates and missing options", async () => {
    const table = await run(["estimate", "--template", "database", "--env", "production"]);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/production-database\/Database/);
    expect(table.out).toMatch(/Total\s+\$\d+\.\d\d/);
    expect(await run(["estimate", "--template", "nope", "--env", "staging"])).toMatchObject({ code: 1, err: expect.stringContaining("Unknown template(s): nope") });
    expect(await run(["estimate", "--all"])).toMatchObject({ code: 2, err: expect.stringContaining("--env is required") });
    expect(await run(["prices", "refresh", "--region", "us-east-1"])).toMatchObject({ code: 1, err: expect.stringContaining("real AWS Price List API") });
  });
});
