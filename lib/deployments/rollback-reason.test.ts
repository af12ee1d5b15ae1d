import { TEMPLATE_DIR, consumerTemplate, names, writeTemplate } from "./test-support/env.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "../../sandbox/testing/harness.ts";
import type { Db } from "../db/client.ts";
import type { Actor } from "../auth/guard.ts";
import { makeActor, testDb } from "../testing/fixtures.ts";
import { syncTemplateCatalog } from "../templates/sync.ts";
import { executeDeployment, requestChange } from "./commands.ts";
import { getDeployment } from "./queries.ts";
import { finishPreview, track } from "./test-support/flow.ts";

// An update that fails without any resource failing: CloudFormation refuses to change an export another stack
// imports, and says so only on the stack's own UPDATE_ROLLBACK_IN_PROGRESS event. The result names that reason.

let sandbox: TestSandbox;
let db: Db;
let deployer: Actor;

/** Exports the Message itself, so changing it changes the export. */
const exporter = () => `AWSTemplateFormatVersion: "2010-09-09"
Metadata:
  Stackdeck: { Title: Exporter, Description: test template, Category: data, DependsOn: [], UserParameters: [Message] }
Parameters:
  EnvironmentName: { Type: String, AllowedValues: [staging, production] }
  Message: { Type: String, Default: one }
Resources:
  Param:
    Type: AWS::SSM::Parameter
    Properties: { Type: String, Value: !Ref Message }
Outputs:
  Value:
    Value: !Ref Message
    Export: { Name: !Sub "\${EnvironmentName}-${names.app}-param" }
`;

beforeAll(async () => {
  sandbox = await startTestSandbox({ speed: 0.0005 });
  Object.assign(process.env, { AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" });
  db = await testDb();
  deployer = await makeActor("deployer");
  writeTemplate(names.app, exporter());
  writeTemplate(names.consumer, consumerTemplate());
  await syncTemplateCatalog(db, TEMPLATE_DIR);
});
afterAll(() => sandbox?.close());

async function deploy(template: string, action: "create" | "update", parameters: Record<string, string> = {}) {
  const started = await requestChange(db, { actor: deployer, input: { environment: "staging", template, action, parameters } });
  expect(await finishPreview(db, started.id)).toBe("ready");
  await executeDeployment(db, { actor: deployer, input: { deploymentId: started.id } });
  return { id: started.id, status: await track(db, started.id) };
}

describe("a rollback no resource caused", () => {
  it("says why from the stack's rollback event: the export is in use", async () => {
    expect((await deploy(names.app, "create")).status).toBe("succeeded");
    expect((await deploy(names.consumer, "create")).status).toBe("succeeded");
    const { id, status } = await deploy(names.app, "update", { Message: "two" });
    expect(status).toBe("rolled_back");
    expect((await getDeployment(db, deployer, id)).resultReason).toBe(
      `Rolled back: Export staging-${names.app}-param cannot be updated as it is in use by staging-${names.consumer}.`,
    );
  });
});
