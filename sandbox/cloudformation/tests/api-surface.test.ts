// Template reads, idempotent retries, termination protection and AWS's validation messages through the SDK.
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  CreateStackCommand, DeleteStackCommand, GetTemplateCommand, GetTemplateSummaryCommand, ListStacksCommand,
  UpdateTerminationProtectionCommand, ValidateTemplateCommand,
} from "@aws-sdk/client-cloudformation";
import { startTestSandbox, type TestSandbox } from "../../testing/harness.ts";
import { waitForStack } from "../testing/helpers.ts";

let sandbox: TestSandbox;
beforeAll(async () => void (sandbox = await startTestSandbox()));
afterAll(() => sandbox.close());

const body = `Description: Roles
Parameters:
  Env: { Type: String, Default: dev, AllowedValues: [dev, prod], Description: Stage }
  Token: { Type: String, NoEcho: true }
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties: { AssumeRolePolicyDocument: {} }
`;

it("validates templates and summarises them", async () => {
  const validated = await sandbox.cfn.send(new ValidateTemplateCommand({ TemplateBody: body }));
  expect(validated.Parameters).toEqual([
    { ParameterKey: "Env", DefaultValue: "dev", NoEcho: false, Description: "Stage" },
    { ParameterKey: "Token", NoEcho: true },
  ]);
  expect([validated.Description, validated.Capabilities, validated.CapabilitiesReason])
    .toEqual(["Roles", ["CAPABILITY_IAM"], "The following resource(s) require capabilities: [AWS::IAM::Role]"]);
  const summary = await sandbox.cfn.send(new GetTemplateSummaryCommand({ TemplateBody: body }));
  expect(summary.ResourceTypes).toEqual(["AWS::IAM::Role"]);
  expect(summary.Parameters?.[0]?.ParameterConstraints?.AllowedValues).toEqual(["dev", "prod"]);
  await expect(sandbox.cfn.send(new ValidateTemplateCommand({ TemplateBody: `Resources:\n  A: { Type: AWS::Fake::Thing }\n` })))
    .rejects.toMatchObject({ name: "ValidationError", message: "Template format error: Unrecognized resource types: [AWS::Fake::Thing]" });
});

it("requires IAM capabilities, answers retries idempotently and honours termination protection", async () => {
  const input = { StackName: "roles", TemplateBody: body, Parameters: [{ ParameterKey: "Token", ParameterValue: "x" }] };
  await expect(sandbox.cfn.send(new CreateStackCommand(input)))
    .rejects.toMatchObject({ name: "InsufficientCapabilitiesException", message: "Requires capabilities : [CAPABILITY_IAM]" });
  const first = await sandbox.cfn.send(new CreateStackCommand({ ...input, Capabilities: ["CAPABILITY_IAM"], ClientRequestToken: "t-1", EnableTerminationProtection: true }));
  const retry = await sandbox.cfn.send(new CreateStackCommand({ ...input, Capabilities: ["CAPABILITY_IAM"], ClientRequestToken: "t-1" }));
  expect(retry.StackId).toBe(first.StackId);
  expect(await waitForStack(sandbox.cfn, "roles")).toBe("CREATE_COMPLETE");
  expect((await sandbox.cfn.send(new GetTemplateCommand({ StackName: "roles" }))).TemplateBody).toBe(body);
  await expect(sandbox.cfn.send(new DeleteStackCommand({ StackName: "roles" })))
    .rejects.toMatchObject({ message: "Stack [roles] cannot be deleted while TerminationProtection is enabled" });
  await sandbox.cfn.send(new UpdateTerminationProtectionCommand({ StackName: "roles", EnableTerminationProtection: false }));
  await sandbox.cfn.send(new DeleteStackCommand({ StackName: "roles" }));
  expect(await waitForStack(sandbox.cfn, first.StackId!)).toBe("DELETE_COMPLETE");
  const { StackSummaries } = await sandbox.cfn.send(new ListStacksCommand({ StackStatusFilter: ["DELETE_COMPLETE"] }));
  expect(StackSummaries?.map((s) => s.StackId)).toContain(first.StackId);
});

it("checks parameters with AWS's messages", async () => {
  await expect(sandbox.cfn.send(new CreateStackCommand({ StackName: "p", TemplateBody: body, Capabilities: ["CAPABILITY_IAM"] })))
    .rejects.toMatchObject({ message: "Parameters: [Token] must have values" });
  await expect(sandbox.cfn.send(new CreateStackCommand({
    StackName: "p", TemplateBody: body, Capabilities: ["CAPABILITY_IAM"],
    Parameters: [{ ParameterKey: "Token", ParameterValue: "x" }, { ParameterKey: "Env", ParameterValue: "qa" }],
  }))).rejects.toMatchObject({ message: "Parameter 'Env' must be one of AllowedValues" });
});
