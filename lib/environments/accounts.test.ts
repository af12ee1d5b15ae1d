import { ACCOUNTS, APP, TEMPLATE_DIR, consoleRole, serviceRole } from "./test-support.ts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DescribeChangeSetCommand, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import type { TestSandbox } from "../../sandbox/testing/harness.ts";
import type { Db } from "../db/client.ts";
import type { Actor } from "../auth/guard.ts";
import { makeActor, testDb } from "../testing/fixtures.ts";
import { startSandboxForApp, useOwnDatabase } from "../deployments/tracker/testing.ts";
import { syncTemplateCatalog } from "../templates/sync.ts";
import { requestChange } from "../deployments/request-change.ts";
import { executeDeployment } from "../deployments/execute-deployment.ts";
import { finishPreview, track } from "../deployments/test-support/flow.ts";
import { describeStack } from "../aws/cloudformation.ts";
import { withAwsTarget } from "../aws/target-context.ts";
import { awsTargetOf, withEnvironmentTarget } from "./aws-target.ts";
import { getEnvironmentTarget } from "./targets.ts";

// Issue 14: environments are AWS accounts. Staging and production in two sandbox accounts, each change set with the
// environment's service role, a staging credential blind to production, assumed-role credentials refreshed in time.

let sandbox: TestSandbox;
let dropDatabase: () => Promise<void>;
let db: Db;
let admin: Actor;

beforeAll(async () => {
  dropDatabase = await useOwnDatabase("env_accounts");
  sandbox = await startSandboxForApp();
  await sandbox.config({ speed: 0.005 });
  db = await testDb();
  admin = await makeActor("admin");
  await syncTemplateCatalog(db, TEMPLATE_DIR);
});
afterAll(async () => {
  vi.useRealTimers();
  await sandbox?.close();
  await dropDatabase?.();
});

async function deploy(environment: "staging" | "production") {
  const started = await requestChange(db, { actor: admin, input: { environment, template: APP, action: "create", parameters: { Message: environment } } });
  expect(await finishPreview(db, started.id)).toBe("ready");
  const input = environment === "production" ? { deploymentId: started.id, breakGlass: true, reason: "integration test of accounts" } : { deploymentId: started.id };
  await executeDeployment(db, { actor: admin, input });
  expect(await track(db, started.id)).toBe("succeeded");
  return started;
}

const assumeRoleCalls = async () => {
  const stats = (await sandbox.stats()) as { calls: Record<string, Record<string, number>> };
  return stats.calls.sts?.AssumeRole ?? 0;
};

describe("environments in AWS accounts", () => {
  it("puts staging and production in different accounts, each stack created with its environment's service role", async () => {
    const [staging, production] = await Promise.all([getEnvironmentTarget(db, "staging"), getEnvironmentTarget(db, "production")]);
    expect(staging).toMatchObject({ accountId: ACCOUNTS.staging, roleArn: consoleRole("staging"), serviceRoleArn: serviceRole("staging") });
    expect(production).toMatchObject({ accountId: ACCOUNTS.production, roleArn: consoleRole("production"), serviceRoleArn: serviceRole("production") });

    await deploy("staging");
    const prod = await deploy("production");
    const inProduction = sandbox.inAccount(ACCOUNTS.production);
    const [prodStack] = (await inProduction.cfn.send(new DescribeStacksCommand({ StackName: `production-${APP}` }))).Stacks!;
    expect(prodStack.StackId).toContain(`:${ACCOUNTS.production}:stack/production-${APP}/`);
    expect(prodStack.RoleARN).toBe(serviceRole("production"));
    const [stagingStack] = (await sandbox.cfn.send(new DescribeStacksCommand({ StackName: `staging-${APP}` }))).Stacks!;
    expect(stagingStack.RoleARN).toBe(serviceRole("staging"));
    // The production change set was made in production's account: the default account does not know it.
    const { changeSetId } = await db.deployment.findUniqueOrThrow({ where: { id: prod.id }, select: { changeSetId: true } });
    expect(changeSetId).toContain(`:${ACCOUNTS.production}:changeSet/`);
    await expect(sandbox.cfn.send(new DescribeChangeSetCommand({ ChangeSetName: changeSetId! }))).rejects.toMatchObject({ name: "ChangeSetNotFoundException" });
  }, 60_000);

  it("a staging credential cannot reach production's stacks; production's can", async () => {
    const stagingView = await withEnvironmentTarget(db, "staging", admin, () => describeStack("us-east-1", `production-${APP}`));
    expect(stagingView).toBeNull();
    const productionView = await withEnvironmentTarget(db, "production", admin, () => describeStack("us-east-1", `production-${APP}`));
    expect(productionView?.status).toBe("CREATE_COMPLETE");
  });

  it("names the person in the assumed role's session", async () => {
    const { GetCallerIdentityCommand } = await import("@aws-sdk/client-sts");
    const { stsClient } = await import("../aws/clients.ts");
    const identity = await withEnvironmentTarget(db, "production", { email: "Ada Lovelace <ada@example.com>" }, () => stsClient("us-east-1").send(new GetCallerIdentityCommand({})));
    expect(identity).toMatchObject({ Account: ACCOUNTS.production, Arn: "arn:aws:sts::222222222222:assumed-role/stackdeck-console/Ada-Lovelace--ada@example.com-" });
  });

  it("refreshes assumed-role credentials before they expire (900 s sessions)", async () => {
    const target = { ...awsTargetOf(await getEnvironmentTarget(db, "production"), { email: "refresh@example.com" }) };
    const call = () => withAwsTarget(target, () => describeStack("us-east-1", `production-${APP}`));
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    try {
      const before = await assumeRoleCalls();
      expect((await call())?.status).toBe("CREATE_COMPLETE");
      expect(await assumeRoleCalls()).toBe(before + 1);
      vi.setSystemTime(start + 5 * 60_000); // 10 minutes left: still fresh, no new session
      await call();
      expect(await assumeRoleCalls()).toBe(before + 1);
      vi.setSystemTime(start + 11 * 60_000); // 4 minutes left: a new session before the old one expires
      expect((await call())?.status).toBe("CREATE_COMPLETE");
      expect(await assumeRoleCalls()).toBe(before + 2);
      vi.setSystemTime(start + 16 * 60_000); // the first session has expired; calls go on with the second
      expect((await call())?.status).toBe("CREATE_COMPLETE");
    } finally {
      vi.useRealTimers();
    }
  });
});
