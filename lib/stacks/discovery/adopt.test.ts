import { ACCOUNTS, APP, TEMPLATE_DIR, appTemplate } from "../../environments/test-support.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateStackCommand } from "@aws-sdk/client-cloudformation";
import type { TestSandbox } from "../../../sandbox/testing/harness.ts";
import { waitForStack } from "../../../sandbox/cloudformation/testing/helpers.ts";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../auth/guard.ts";
import { makeActor, testDb } from "../../testing/fixtures.ts";
import { startSandboxForApp, useOwnDatabase } from "../../deployments/tracker/testing.ts";
import { syncTemplateCatalog } from "../../templates/sync.ts";
import { getStackDetail, listStacks } from "../../deployments/stack-queries.ts";
import { discoverEnvironmentStacks } from "./discover.ts";
import { adoptStack } from "./adopt.ts";

// Issue 14: stacks the console did not create. Discovery finds them in the environment's own account only; an admin
// adopts one whose resources match a catalog template; a mismatched one is refused with the reason.

let sandbox: TestSandbox;
let dropDatabase: () => Promise<void>;
let db: Db;
let admin: Actor;
let deployer: Actor;
const existing = `production-${APP}`;
const odd = `production-${APP}-odd`;

beforeAll(async () => {
  dropDatabase = await useOwnDatabase("env_adopt");
  sandbox = await startSandboxForApp();
  db = await testDb();
  admin = await makeActor("admin");
  deployer = await makeActor("deployer");
  await syncTemplateCatalog(db, TEMPLATE_DIR);
  // Created outside the console, in production's account: one as the catalog template, one with an extra resource.
  const production = sandbox.inAccount(ACCOUNTS.production);
  const create = (name: string, body: string) => production.cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: body, Parameters: [{ ParameterKey: "EnvironmentName", ParameterValue: "production" }, { ParameterKey: "Message", ParameterValue: "hand-made" }] }));
  await create(existing, appTemplate());
  await create(odd, appTemplate("  Extra:\n    Type: AWS::SNS::Topic\n"));
  expect(await waitForStack(production.cfn, existing)).toBe("CREATE_COMPLETE");
  expect(await waitForStack(production.cfn, odd)).toBe("CREATE_COMPLETE");
}, 60_000);
afterAll(async () => {
  await sandbox?.close();
  await dropDatabase?.();
});

describe("unmanaged stacks", () => {
  it("discovery lists them in their environment only, read-only with status, resources, outputs and events", async () => {
    expect(await discoverEnvironmentStacks(db, "staging")).toMatchObject({ unmanaged: 0 });
    expect(await discoverEnvironmentStacks(db, "production")).toMatchObject({ listed: 2, unmanaged: 2, detailsRead: 2 });
    // A second run reads nothing again: the stacks did not change.
    expect(await discoverEnvironmentStacks(db, "production")).toMatchObject({ unmanaged: 2, detailsRead: 0, removed: 0 });

    const page = await listStacks(db, deployer, "production", { managed: false });
    expect(page.items.map((s) => [s.name, s.managed, s.accountId, s.templateName])).toEqual([[existing, false, ACCOUNTS.production, null], [odd, false, ACCOUNTS.production, null]]);
    expect(page.items[0]!.stackId).toMatch(new RegExp(`^arn:aws:cloudformation:us-east-1:${ACCOUNTS.production}:stack/${existing}/`));
    expect((await listStacks(db, deployer, "staging", { managed: false })).items).toEqual([]);

    const detail = await getStackDetail(db, deployer, existing);
    expect(detail).toMatchObject({ managed: false, status: "CREATE_COMPLETE", allowedActions: [], parameters: { Message: "hand-made" } });
    expect(detail.resources?.map((r) => r.logicalId).sort()).toEqual(["Group", "Param"]);
    expect(detail.outputs.map((o) => o.key)).toEqual(["ParamName"]);
    expect(detail.events.some((e) => e.logicalId === existing && e.status === "CREATE_COMPLETE")).toBe(true);
  });

  it("refuses adoption to anyone but an admin, and a stack whose resources differ, saying why", async () => {
    await expect(adoptStack(db, { actor: deployer, input: { stackName: existing, template: APP } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(adoptStack(db, { actor: admin, input: { stackName: odd, template: APP } })).rejects.toMatchObject({
      code: "conflict",
      message: `${odd} cannot be adopted as ${APP}. Its resources do not match the ${APP} template: it has Extra that ${APP} does not.`,
    });
  });

  it("adopts a matching stack: managed, its current parameters as the first version, audited", async () => {
    const adopted = await adoptStack(db, { actor: admin, input: { stackName: existing, template: APP } });
    expect(adopted).toMatchObject({ managed: true, templateName: APP, accountId: ACCOUNTS.production, status: "CREATE_COMPLETE", parameters: { Message: "hand-made" } });
    expect(adopted.deployments).toEqual([expect.objectContaining({ action: "create", status: "succeeded" })]);
    expect(adopted.allowedActions).toContain("update");
    const audit = await db.auditEvent.findFirst({ where: { action: "stack.adopted", targetId: existing }, select: { actorUserId: true, environment: true } });
    expect(audit).toEqual({ actorUserId: admin.userId, environment: "production" });
    // No longer unmanaged, and the next discovery leaves it to the console.
    expect((await listStacks(db, deployer, "production", { managed: false })).items.map((s) => s.name)).toEqual([odd]);
    expect(await discoverEnvironmentStacks(db, "production")).toMatchObject({ unmanaged: 1 });
  });
});
