// NoEcho parameters, checked against the template reference ("Parameters": NoEcho masks the value "to prevent it
// from being displayed in the console, command line tools, or API"; Outputs are not masked) and the UpdateStack
// API reference (Parameter.UsePreviousValue): the real value stays in use while every read answers `****`.
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  CreateChangeSetCommand, CreateStackCommand, DescribeChangeSetCommand, DescribeStacksCommand, GetTemplateSummaryCommand,
  UpdateStackCommand, ValidateTemplateCommand, waitUntilChangeSetCreateComplete, type Parameter,
} from "@aws-sdk/client-cloudformation";
import { startTestSandbox, type TestSandbox } from "../../testing/harness.ts";
import { waitForStack } from "../testing/helpers.ts";

let sandbox: TestSandbox;
beforeAll(async () => void (sandbox = await startTestSandbox()));
afterAll(() => sandbox.close());

const body = `Parameters:
  DbPassword: { Type: String, NoEcho: true, MinLength: 8 }
  ApiKey: { Type: String, NoEcho: "true", Default: default-api-key }
  Stage: { Type: String, Default: blue }
Resources:
  Settings:
    Type: AWS::SSM::Parameter
    Properties: { Type: String, Value: !Sub "\${DbPassword}|\${ApiKey}|\${Stage}" }
Outputs:
  Settings: { Value: !GetAtt Settings.Value }
`;

const masked = (stage: string) => [
  { ParameterKey: "DbPassword", ParameterValue: "****" },
  { ParameterKey: "ApiKey", ParameterValue: "****" },
  { ParameterKey: "Stage", ParameterValue: stage },
];

async function describe(): Promise<{ parameters: Parameter[] | undefined; settings: string | undefined }> {
  const { Stacks } = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "secrets" }));
  return { parameters: Stacks?.[0]?.Parameters, settings: Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === "Settings")?.OutputValue };
}

it("masks NoEcho values in DescribeStacks, DescribeChangeSet, GetTemplateSummary and ValidateTemplate", async () => {
  await sandbox.cfn.send(new CreateStackCommand({ StackName: "secrets", TemplateBody: body, Parameters: [{ ParameterKey: "DbPassword", ParameterValue: "s3cret-pw" }] }));
  expect(await waitForStack(sandbox.cfn, "secrets")).toBe("CREATE_COMPLETE");
  // The resource got the real values; AWS does not mask outputs.
  expect(await describe()).toEqual({ parameters: masked("blue"), settings: "s3cret-pw|default-api-key|blue" });

  const summary = await sandbox.cfn.send(new GetTemplateSummaryCommand({ StackName: "secrets" }));
  expect(summary.Parameters?.map((p) => [p.ParameterKey, p.NoEcho, p.DefaultValue])).toEqual([
    ["DbPassword", true, undefined], ["ApiKey", true, "****"], ["Stage", false, "blue"],
  ]);
  const validated = await sandbox.cfn.send(new ValidateTemplateCommand({ TemplateBody: body }));
  expect(validated.Parameters?.map((p) => [p.ParameterKey, p.NoEcho, p.DefaultValue])).toEqual([
    ["DbPassword", true, undefined], ["ApiKey", true, "****"], ["Stage", false, "blue"],
  ]);

  await sandbox.cfn.send(new CreateChangeSetCommand({
    StackName: "secrets", ChangeSetName: "green", TemplateBody: body,
    Parameters: [{ ParameterKey: "DbPassword", UsePreviousValue: true }, { ParameterKey: "ApiKey", ParameterValue: "new-api-key" }, { ParameterKey: "Stage", ParameterValue: "green" }],
  }));
  await waitUntilChangeSetCreateComplete({ client: sandbox.cfn, maxWaitTime: 10, minDelay: 1 }, { StackName: "secrets", ChangeSetName: "green" });
  const changeSet = await sandbox.cfn.send(new DescribeChangeSetCommand({ StackName: "secrets", ChangeSetName: "green" }));
  expect(changeSet.Parameters).toEqual(masked("green"));
});

it("keeps the real value with UsePreviousValue while reads stay masked", async () => {
  await sandbox.cfn.send(new UpdateStackCommand({
    StackName: "secrets", UsePreviousTemplate: true,
    Parameters: [{ ParameterKey: "DbPassword", UsePreviousValue: true }, { ParameterKey: "ApiKey", UsePreviousValue: true }, { ParameterKey: "Stage", ParameterValue: "red" }],
  }));
  expect(await waitForStack(sandbox.cfn, "secrets")).toBe("UPDATE_COMPLETE");
  expect(await describe()).toEqual({ parameters: masked("red"), settings: "s3cret-pw|default-api-key|red" });
  // The mask is only a mask: sending it back as a value would set the password to "****" (here: too short).
  await expect(sandbox.cfn.send(new UpdateStackCommand({
    StackName: "secrets", UsePreviousTemplate: true, Parameters: [{ ParameterKey: "DbPassword", ParameterValue: "****" }],
  }))).rejects.toMatchObject({ name: "ValidationError", message: "Parameter 'DbPassword' must contain at least 8 characters" });
  // Omitted, a NoEcho parameter without a default has no value (AWS does not reuse the previous one silently).
  await expect(sandbox.cfn.send(new UpdateStackCommand({ StackName: "secrets", UsePreviousTemplate: true, Parameters: [{ ParameterKey: "Stage", ParameterValue: "red" }] })))
    .rejects.toMatchObject({ name: "ValidationError", message: "Parameters: [DbPassword] must have values" });
  expect(await describe()).toEqual({ parameters: masked("red"), settings: "s3cret-pw|default-api-key|red" });
});
