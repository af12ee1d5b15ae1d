import { TEMPLATE_DIR, WATCHED, writeWatchedTemplate } from "./test-support.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DescribeChangeSetCommand } from "@aws-sdk/client-cloudformation";
import { SetAlarmStateCommand } from "@aws-sdk/client-cloudwatch";
import type { TestSandbox } from "../../sandbox/testing/harness.ts";
import type { Db } from "../db/client.ts";
import type { Actor } from "../auth/guard.ts";
import { makeActor, testDb } from "../testing/fixtures.ts";
import { startSandboxForApp, useOwnDatabase } from "../deployments/tracker/testing.ts";
import { syncTemplateCatalog } from "../templates/sync.ts";
import { requestChange } from "../deployments/request-change.ts";
import { resultSentence } from "../deployments/apply-tracked-status.ts";
import { finishPreview, track } from "../deployments/test-support/flow.ts";
import { executeChangeSet } from "../aws/cloudformation.ts";
import { withDeploymentTarget } from "../environments/aws-target.ts";
import { refreshEnvironmentAlarms } from "./refresh/refresh.ts";
import { alarmFromRollbackReason } from "./rollback-triggers.ts";

let sandbox: TestSandbox;
let dropDatabase: () => Promise<void>;
let db: Db;
let admin: Actor;

beforeAll(async () => {
  dropDatabase = await useOwnDatabase("alarm_rollback");
  sandbox = await startSandboxForApp();
  await sandbox.config({ speed: 0.01 });
  db = await testDb();
  admin = await makeActor("admin");
  writeWatchedTemplate();
  await syncTemplateCatalog(db, TEMPLATE_DIR);
});
afterAll(async () => {
  await sandbox?.close();
  await dropDatabase?.();
});

/** What executeDeployment does once approved (the approval flow is tested on its own): execute and mark deploying. */
async function executeApproved(deploymentId: string) {
  const d = await db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, select: { changeSetId: true, stack: { select: { name: true, region: true } } } });
  await db.deployment.update({ where: { id: deploymentId }, data: { status: "deploying", startedAt: new Date(), executedById: admin.userId }, select: { id: true } });
  await withDeploymentTarget(db, deploymentId, admin, () =>
    executeChangeSet(d.stack.region, { changeSetId: d.changeSetId!, stackName: d.stack.name, clientRequestToken: deploymentId }));
}

describe("rollback triggers", () => {
  it("finds the alarm in CloudFormation's rollback reason", () => {
    expect(alarmFromRollbackReason("Stack operation rolled back: alarm arn:aws:cloudwatch:us-east-1:000000000000:alarm:prod-db-cpu is in ALARM state")).toBe("prod-db-cpu");
    expect(alarmFromRollbackReason("The following alarm(s) were in ALARM state: arn:aws:cloudwatch:eu-west-1:123456789012:alarm:api-5xx.")).toBe("api-5xx");
    expect(alarmFromRollbackReason("Resource update cancelled")).toBeNull();
    expect(resultSentence({ status: "rolled_back", action: "update", stackStatus: "UPDATE_ROLLBACK_COMPLETE", stackName: "s", failure: null, statusReason: null, recovery: false, alarm: "prod-db-cpu" }))
      .toBe("Rolled back by CloudFormation because alarm prod-db-cpu went into ALARM during the update.");
  });

  it("a production update carries the stack's alarms as rollback triggers, and an alarm going off rolls it back", async () => {
    const stackName = `production-${WATCHED}`;
    const created = await requestChange(db, { actor: admin, input: { environment: "production", template: WATCHED, action: "create", parameters: { Message: "one" } } });
    await finishPreview(db, created.id);
    await executeApproved(created.id);
    expect(await track(db, created.id)).toBe("succeeded");
    await refreshEnvironmentAlarms(db, "production");

    const update = await requestChange(db, { actor: admin, input: { environment: "production", template: WATCHED, action: "update", parameters: { Message: "two" } } });
    await finishPreview(db, update.id);
    const { changeSetId } = await db.deployment.findUniqueOrThrow({ where: { id: update.id }, select: { changeSetId: true } });
    const described = await sandbox.cfn.send(new DescribeChangeSetCommand({ ChangeSetName: changeSetId!, StackName: stackName }));
    expect(described.RollbackConfiguration?.MonitoringTimeInMinutes).toBe(1);
    expect(described.RollbackConfiguration?.RollbackTriggers?.map((t) => t.Arn?.split(":alarm:")[1]).sort()).toEqual([`${stackName}-a1`, `${stackName}-cpu`]);

    // The forced state lasts one alarm period in the sandbox: keep forcing while the update runs.
    let forcing = true;
    const force = (async () => {
      while (forcing) {
        await sandbox.cw.send(new SetAlarmStateCommand({ AlarmName: `${stackName}-cpu`, StateValue: "ALARM", StateReason: "CPU above 90%" }));
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    try {
      await executeApproved(update.id);
      expect(await track(db, update.id)).toBe("rolled_back");
    } finally {
      forcing = false;
      await force;
    }
    const result = await db.deployment.findUniqueOrThrow({ where: { id: update.id }, select: { resultReason: true } });
    expect(result.resultReason).toBe(`Rolled back by CloudFormation because alarm ${stackName}-cpu went into ALARM during the update.`);
  }, 90_000);
});
