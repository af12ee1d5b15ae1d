import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CloudFormationServiceException, CreateStackCommand } from "@aws-sdk/client-cloudformation";

vi.hoisted(() => {
  // One attempt, so a throttled call surfaces at once instead of after the SDK's backoff.
  process.env.AWS_MAX_ATTEMPTS = "1";
});

import { startTestSandbox, type TestSandbox } from "../../sandbox/testing/harness.ts";
import { AppError } from "../errors.ts";
import { inBaseAccount } from "./testing.ts";
import {
  AwsThrottledError, createChangeSet, describeChangeSet, describeStack, describeStackEvents, listImports, mapCloudFormationError,
} from "./cloudformation.ts";

const sdkError = (name: string, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new CloudFormationServiceException({ name, $fault: "client", $metadata: { httpStatusCode: 400 }, message }), extra);

describe("mapCloudFormationError", () => {
  it.each([
    ["ValidationError", "Stack with id prod-network does not exist", "not_found"],
    ["ValidationError", "Stack:arn:aws:cloudformation:us-east-1:000000000000:stack/x/1 is in UPDATE_IN_PROGRESS state and can not be updated.", "conflict"],
    ["ValidationError", "Stack [x] is in ROLLBACK_COMPLETE state and can not be updated.", "conflict"],
    ["ValidationError", "CancelUpdateStack cannot be called from current stack status", "conflict"],
    ["ValidationError", "Parameter 'Size' must be one of AllowedValues", "validation_failed"],
    ["ValidationError", "Template format error: Unresolved resource dependencies [Vpc] in the Resources block of the template", "validation_failed"],
    ["ValidationError", "Parameters: [Missing] do not exist in the template", "validation_failed"],
    ["ChangeSetNotFoundException", "ChangeSet [x] does not exist", "not_found"],
    ["InvalidChangeSetStatusException", "ChangeSet [x] cannot be executed in its current execution status of [OBSOLETE]", "conflict"],
    ["AlreadyExistsException", "Stack [x] already exists", "conflict"],
    ["InsufficientCapabilitiesException", "Requires capabilities : [CAPABILITY_IAM]", "validation_failed"],
  ])("%s %s -> %s, keeping AWS's message", (name, message, code) => {
    const mapped = mapCloudFormationError(sdkError(name, message), "Op");
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped).toMatchObject({ code, message });
  });

  it("turns throttling into AwsThrottledError, by name or by the SDK's retryable flag", () => {
    for (const e of [sdkError("Throttling", "Rate exceeded"), sdkError("ThrottlingException", "Rate exceeded"), sdkError("Whatever", "slow down", { $retryable: { throttling: true } })]) {
      const mapped = mapCloudFormationError(e, "DescribeStackEvents");
      expect(mapped).toBeInstanceOf(AwsThrottledError);
      expect(mapped).toMatchObject({ operation: "DescribeStackEvents" });
    }
  });

  it("hides anything else behind an internal error and logs the cause", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const mapped = mapCloudFormationError(sdkError("InternalFailure", "secret internals"), "CreateChangeSet");
    expect(mapped).toMatchObject({ code: "internal" });
    expect(mapped.message).not.toContain("secret internals");
    expect(log).toHaveBeenCalledWith("CloudFormation CreateChangeSet failed", expect.objectContaining({ message: "secret internals" }));
    log.mockRestore();
  });
});

describe("the adapter against the sandbox", () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    Object.assign(process.env, { AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" });
  });
  afterAll(() => sandbox?.close());

  it("answers null for a stack that does not exist and not_found for an unknown change set", inBaseAccount(async () => {
    expect(await describeStack("us-east-1", "adapter-missing")).toBeNull();
    await expect(describeChangeSet("us-east-1", { changeSetId: "nope", stackName: "adapter-missing" })).rejects.toMatchObject({ code: "not_found" });
  }));

  it("creates a change set and reads its changes with the data-store flag", inBaseAccount(async () => {
    const body = "Resources:\n  Bucket: { Type: AWS::S3::Bucket }\n  Group: { Type: AWS::Logs::LogGroup }\n";
    const { changeSetId } = await createChangeSet("us-east-1", { stackName: "adapter-cs", type: "CREATE", templateBody: body, parameters: [], changeSetName: "stackdeck-test", clientToken: "t1" });
    let described = await describeChangeSet("us-east-1", { changeSetId }, { allChanges: true });
    for (let i = 0; i < 200 && described.status !== "CREATE_COMPLETE"; i++) {
      await new Promise((r) => setTimeout(r, 10));
      described = await describeChangeSet("us-east-1", { changeSetId }, { allChanges: true });
    }
    expect(described).toMatchObject({ status: "CREATE_COMPLETE", executionStatus: "AVAILABLE" });
    expect(described.changes.map((c) => [c.logicalId, c.action, c.dataStore]).sort()).toEqual([["Bucket", "Add", true], ["Group", "Add", false]]);
    expect((await describeStack("us-east-1", "adapter-cs"))?.status).toBe("REVIEW_IN_PROGRESS");
  }));

  it("maps a wrong-status call to conflict and throttling to AwsThrottledError", inBaseAccount(async () => {
    await expect(createChangeSet("us-east-1", { stackName: "adapter-missing", type: "UPDATE", templateBody: "Resources: {}", parameters: [], changeSetName: "x", clientToken: "t2" }))
      .rejects.toBeInstanceOf(AppError);
    await sandbox.config({ throttleRate: 1 });
    try {
      await expect(describeStackEvents("us-east-1", "adapter-cs")).rejects.toBeInstanceOf(AwsThrottledError);
    } finally {
      await sandbox.config({ throttleRate: 0 });
    }
  }));

  it("lists the stacks importing an export, and none (AWS's ValidationError) when nobody imports it", inBaseAccount(async () => {
    const exporter = "Resources:\n  P: { Type: AWS::SSM::Parameter, Properties: { Type: String, Value: v } }\nOutputs:\n  N: { Value: !Ref P, Export: { Name: adapter-export } }\n";
    const importer = "Resources:\n  Q: { Type: AWS::SSM::Parameter, Properties: { Type: String, Value: !ImportValue adapter-export } }\n";
    await sandbox.cfn.send(new CreateStackCommand({ StackName: "adapter-exporter", TemplateBody: exporter }));
    await waitFor("adapter-exporter");
    expect(await listImports("us-east-1", "adapter-export")).toEqual([]);
    await sandbox.cfn.send(new CreateStackCommand({ StackName: "adapter-importer", TemplateBody: importer }));
    await waitFor("adapter-importer");
    expect(await listImports("us-east-1", "adapter-export")).toEqual(["adapter-importer"]);
  }));
});

async function waitFor(stackName: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if ((await describeStack("us-east-1", stackName))?.status === "CREATE_COMPLETE") return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${stackName} not created`);
}
