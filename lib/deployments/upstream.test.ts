import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/client.ts";
import { makeActor, testDb } from "../testing/fixtures.ts";
import { syncTemplateCatalog } from "../templates/sync.ts";
import { TEMPLATES_DIR } from "../templates/source-files.ts";
import type { EnvironmentSummary } from "../environments/queries.ts";
import { startChange } from "./start.ts";
import { checkUpstream, upstreamError } from "./upstream.ts";

// The real catalog (infra-templates/) in an environment of its own: what each template imports, which stacks
// must exist first and in which order, and the refusal a preview gets before any change set is made.

let db: Db;
let env: EnvironmentSummary;
const key = `up${randomBytes(3).toString("hex")}`;

async function stack(template: string, status: string, exports: string[] = []) {
  const environmentId = env.id;
  await db.stack.create({
    data: { name: `${key}-${template}`, templateName: template, environmentId, region: "us-east-1", status, outputs: exports.map((e) => ({ key: e, value: "x", description: null, exportName: `${key}-${e}` })) },
  });
}

beforeAll(async () => {
  db = await testDb();
  await syncTemplateCatalog(db, TEMPLATES_DIR);
  env = await db.environment.create({ data: { key, name: `Env ${key}`, sortOrder: 50 }, select: { id: true, key: true, name: true, requiresApproval: true } });
});

describe("upstream stacks", () => {
  it("a database needs network and security: both missing, network first, named with the exports it imports", async () => {
    const check = await checkUpstream(db, { environment: env, template: "database" });
    expect(check.upstream.map((s) => [s.stackName, s.state])).toEqual([[`${key}-network`, "missing"], [`${key}-security`, "missing"]]);
    expect(check.upstream[0]!.exports).toContain(`${key}-network-PrivateSubnetIds`);
    expect(check.chain.map((s) => s.template)).toEqual(["network", "security"]);
    const error = upstreamError("database", check)!;
    expect(error).toMatchObject({ code: "validation_failed", message: `Create ${key}-network and ${key}-security first: database needs them in this environment.` });
    expect(error.fieldErrors!.upstream![0]).toMatch(new RegExp(`^${key}-network does not exist yet \\(exports .*${key}-network-PrivateSubnetIds`));
  });

  it("the service needs the whole platform, in an order where each stack comes after what it imports", async () => {
    const chain = (await checkUpstream(db, { environment: env, template: "service" })).chain.map((s) => s.template);
    expect(chain.sort()).toEqual(["cache", "database", "iam", "load-balancer", "network", "security"]);
    const ordered = (await checkUpstream(db, { environment: env, template: "service" })).chain.map((s) => s.template);
    for (const [first, then] of [["network", "security"], ["security", "database"], ["security", "cache"], ["security", "load-balancer"]]) {
      expect(ordered.indexOf(first!), `${first} before ${then}`).toBeLessThan(ordered.indexOf(then!));
    }
    expect(await checkUpstream(db, { environment: env, template: "network" })).toEqual({ upstream: [], chain: [] });
  });

  it("tells a stack still being created, and one that failed, from one that is ready", async () => {
    await stack("network", "CREATE_IN_PROGRESS");
    expect((await checkUpstream(db, { environment: env, template: "security" })).upstream).toEqual([expect.objectContaining({ state: "in_progress" })]);
    await db.stack.update({ where: { name: `${key}-network` }, data: { status: "ROLLBACK_COMPLETE" } });
    expect((await checkUpstream(db, { environment: env, template: "security" })).upstream).toEqual([expect.objectContaining({ state: "unusable", status: "ROLLBACK_COMPLETE" })]);
    await db.stack.update({
      where: { name: `${key}-network` },
      data: { status: "CREATE_COMPLETE", outputs: ["VpcId", "VpcCidr", "PublicSubnetIds", "PrivateSubnetIds"].map((o) => ({ key: o, value: "x", description: null, exportName: `${key}-network-${o}` })) },
    });
    const database = await checkUpstream(db, { environment: env, template: "database" });
    expect(database.upstream.map((s) => s.state)).toEqual(["ready", "missing"]);
    expect(database.chain.map((s) => s.template)).toEqual(["security"]);
  });

  it("refuses the preview before any change set, after the permission check", async () => {
    const deployer = await makeActor("deployer", key);
    const viewer = await makeActor("viewer", key);
    const input = { environment: key, template: "cache", action: "create" as const, parameters: {} };
    await expect(startChange(db, { actor: viewer, input })).rejects.toMatchObject({ code: "forbidden" });
    await expect(startChange(db, { actor: deployer, input })).rejects.toMatchObject({
      code: "validation_failed", message: `Create ${key}-security first: cache needs it in this environment.`,
    });
    expect(await db.deployment.count({ where: { stack: { environmentId: env.id } } })).toBe(0);
  });
});
