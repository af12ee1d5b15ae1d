// Create, update (in place and by replacement), change sets and delete, through the real SDK client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateChangeSetCommand, CreateStackCommand, DeleteStackCommand, DescribeChangeSetCommand, DescribeStacksCommand,
  ExecuteChangeSetCommand, ListChangeSetsCommand, UpdateStackCommand, DescribeStackResourcesCommand,
} from "@aws-sdk/client-cloudformation";
import { startTestSandbox, type TestSandbox } from "../../testing/harness.ts";
import { resourceStatuses, stackStatuses, waitForStack } from "../testing/helpers.ts";

let sandbox: TestSandbox;
beforeAll(async () => void (sandbox = await startTestSandbox()));
afterAll(() => sandbox.close());

const template = (logGroupName: string, retention: number) => `
Parameters:
  Env: { Type: String, AllowedValues: [dev, prod], Default: dev }
  DbPassword: { Type: String, NoEcho: true }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Mappings:
  Sizes: { dev: { Class: db.t3.micro }, prod: { Class: db.t3.large } }
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: !Select [0, !Cidr [!GetAtt Vpc.CidrBlock, 2, 8]]
      AvailabilityZone: !Select [0, !GetAZs ""]
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: ${logGroupName}
      RetentionInDays: ${retention}
  Param:
    Type: AWS::SSM::Parameter
    DependsOn: Logs
    Properties:
      Type: String
      Value: !Join ["|", [!Sub "\${AWS::Region}-\${Env}", !FindInMap [Sizes, !Ref Env, Class], !If [IsProd, big, !Ref "AWS::NoValue"]]]
Outputs:
  SubnetCidr: { Value: !GetAtt Subnet.CidrBlock }
  LogArn: { Value: !GetAtt Logs.Arn, Export: { Name: !Sub "\${AWS::StackName}-logs" } }
  ParamValue: { Value: !GetAtt Param.Value }
`;

async function outputs(name: string): Promise<Record<string, string>> {
  const { Stacks } = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: name }));
  return Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
}

describe("stack lifecycle", () => {
  it("creates resources in dependency order with resolved intrinsics and masks NoEcho values", async () => {
    await sandbox.cfn.send(new CreateStackCommand({
      StackName: "life", TemplateBody: template("/app/logs", 7), Parameters: [{ ParameterKey: "DbPassword", ParameterValue: "s3cret" }],
    }));
    expect(await waitForStack(sandbox.cfn, "life")).toBe("CREATE_COMPLETE");
    expect(await stackStatuses(sandbox.cfn, "life")).toEqual(["CREATE_IN_PROGRESS", "CREATE_COMPLETE"]);
    const vpcEvents = await resourceStatuses(sandbox.cfn, "life", "Vpc");
    expect(vpcEvents).toEqual(["CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS: Resource creation Initiated", "CREATE_COMPLETE"]);
    expect(await outputs("life")).toEqual({
      SubnetCidr: "10.0.0.0/24",
      LogArn: "arn:aws:logs:us-east-1:000000000000:log-group:/app/logs:*",
      ParamValue: "us-east-1-dev|db.t3.micro",
    });
    const { Stacks } = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "life" }));
    expect(Stacks?.[0]?.Parameters).toContainEqual({ ParameterKey: "DbPassword", ParameterValue: "****" });
    await expect(sandbox.cfn.send(new CreateStackCommand({ StackName: "life", TemplateBody: template("/x", 1) })))
      .rejects.toMatchObject({ name: "AlreadyExistsException", message: "Stack [life] already exists" });
  });

  it("describes an in-place update and a replacement in change sets exactly", async () => {
    const params = [{ ParameterKey: "DbPassword", UsePreviousValue: true }];
    await sandbox.cfn.send(new CreateChangeSetCommand({ StackName: "life", ChangeSetName: "retention", TemplateBody: template("/app/logs", 14), Parameters: params }));
    await sandbox.cfn.send(new CreateChangeSetCommand({ StackName: "life", ChangeSetName: "rename", TemplateBody: template("/app/logs-v2", 7), Parameters: params }));
    await sandbox.cfn.send(new CreateChangeSetCommand({ StackName: "life", ChangeSetName: "same", TemplateBody: template("/app/logs", 7), Parameters: params }));
    const describe = async (name: string) => {
      for (;;) {
        const result = await sandbox.cfn.send(new DescribeChangeSetCommand({ StackName: "life", ChangeSetName: name }));
        if (!result.Status?.endsWith("PENDING") && !result.Status?.endsWith("IN_PROGRESS")) return result;
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    const retention = await describe("retention");
    expect(retention.Changes).toEqual([{ Type: "Resource", ResourceChange: {
      Action: "Modify", LogicalResourceId: "Logs", PhysicalResourceId: "/app/logs", ResourceType: "AWS::Logs::LogGroup",
      Replacement: "False", Scope: ["Properties"],
      Details: [{ Target: { Attribute: "Properties", Name: "RetentionInDays", RequiresRecreation: "Never" }, Evaluation: "Static", ChangeSource: "DirectModification" }],
    } }]);
    const rename = await describe("rename");
    expect(rename.Changes?.map((c) => c.ResourceChange)).toEqual([
      { Action: "Modify", LogicalResourceId: "Logs", PhysicalResourceId: "/app/logs", ResourceType: "AWS::Logs::LogGroup", Replacement: "True", Scope: ["Properties"],
        Details: [{ Target: { Attribute: "Properties", Name: "LogGroupName", RequiresRecreation: "Always" }, Evaluation: "Static", ChangeSource: "DirectModification" }] },
    ]);
    expect(rename.Parameters).toContainEqual({ ParameterKey: "DbPassword", ParameterValue: "****" });
    const same = await describe("same");
    expect([same.Status, same.ExecutionStatus, same.StatusReason]).toEqual(["FAILED", "UNAVAILABLE",
      "The submitted information didn't contain changes. Submit different information to create a change set."]);

    await sandbox.cfn.send(new ExecuteChangeSetCommand({ StackName: "life", ChangeSetName: "rename" }));
    expect(await waitForStack(sandbox.cfn, "life")).toBe("UPDATE_COMPLETE");
    const { Summaries } = await sandbox.cfn.send(new ListChangeSetsCommand({ StackName: "life" }));
    expect(Object.fromEntries(Summaries!.map((s) => [s.ChangeSetName, s.ExecutionStatus])))
      .toEqual({ retention: "OBSOLETE", rename: "EXECUTE_COMPLETE", same: "OBSOLETE" });
    expect((await stackStatuses(sandbox.cfn, "life")).slice(2)).toEqual(["UPDATE_IN_PROGRESS", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_COMPLETE"]);
    expect((await resourceStatuses(sandbox.cfn, "life", "Logs")).slice(3)).toEqual([
      "UPDATE_IN_PROGRESS: Requested update requires the creation of a new physical resource; hence creating one.",
      "UPDATE_IN_PROGRESS: Resource creation Initiated",
      "UPDATE_COMPLETE",
      "DELETE_IN_PROGRESS",
      "DELETE_COMPLETE",
    ]);
    expect((await outputs("life")).LogArn).toBe("arn:aws:logs:us-east-1:000000000000:log-group:/app/logs-v2:*");
  });

  it("updates in place without touching the physical id and refuses an update without changes", async () => {
    const params = [{ ParameterKey: "DbPassword", UsePreviousValue: true }];
    await sandbox.cfn.send(new UpdateStackCommand({ StackName: "life", TemplateBody: template("/app/logs-v2", 30), Parameters: params }));
    expect(await waitForStack(sandbox.cfn, "life")).toBe("UPDATE_COMPLETE");
    expect((await resourceStatuses(sandbox.cfn, "life", "Logs")).slice(-2)).toEqual(["UPDATE_IN_PROGRESS", "UPDATE_COMPLETE"]);
    await expect(sandbox.cfn.send(new UpdateStackCommand({ StackName: "life", TemplateBody: template("/app/logs-v2", 30), Parameters: params })))
      .rejects.toMatchObject({ name: "ValidationError", message: "No updates are to be performed." });
  });

  it("deletes the stack and keeps it visible by id only", async () => {
    const { Stacks } = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "life" }));
    const stackId = Stacks![0].StackId!;
    await sandbox.cfn.send(new DeleteStackCommand({ StackName: "life" }));
    expect(await waitForStack(sandbox.cfn, stackId)).toBe("DELETE_COMPLETE");
    await expect(sandbox.cfn.send(new DescribeStacksCommand({ StackName: "life" })))
      .rejects.toMatchObject({ name: "ValidationError", message: "Stack with id life does not exist" });
    const { StackResources } = await sandbox.cfn.send(new DescribeStackResourcesCommand({ StackName: stackId }));
    expect(StackResources?.every((r) => r.ResourceStatus === "DELETE_COMPLETE")).toBe(true);
  });
});
