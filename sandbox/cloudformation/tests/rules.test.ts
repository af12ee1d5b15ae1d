// The template's Rules section, checked against the user guide's "CloudFormation template Rules syntax" (rules
// "validate parameter values before CloudFormation creates or updates any resources"; no RuleCondition = always) and
// the template reference's "Rule functions" (Fn::Contains, Fn::EachMemberEquals, Fn::EachMemberIn, Fn::RefAll,
// Fn::ValueOf, Fn::ValueOfAll; Supported attributes VpcId and Tags.<key>). A failed assertion refuses CreateStack,
// UpdateStack and CreateChangeSet with its AssertDescription, leaving nothing behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateChangeSetCommand, CreateStackCommand, DescribeStacksCommand, UpdateStackCommand, type Parameter } from "@aws-sdk/client-cloudformation";
import { startTestSandbox, type TestSandbox } from "../../testing/harness.ts";
import { waitForStack } from "../testing/helpers.ts";

let sandbox: TestSandbox;
beforeAll(async () => void (sandbox = await startTestSandbox()));
afterAll(() => sandbox.close());

const environment = `
Parameters:
  Env: { Type: String, AllowedValues: [staging, production] }
  Cert: { Type: String, Default: "" }
  Sizes: { Type: CommaDelimitedList, Default: "small,medium" }
Conditions:
  IsProduction: !Equals [!Ref Env, production]
Rules:
  HttpsOutsideStaging:
    RuleCondition: !Not [!Equals [!Ref Env, staging]]
    Assertions:
      - Assert: !Not [!Equals [!Ref Cert, ""]]
        AssertDescription: HTTPS is required outside staging - set Cert.
  KnownSizes:
    Assertions:
      - Assert: !EachMemberIn [!Ref Sizes, [small, medium, large]]
        AssertDescription: Sizes must be small, medium or large.
      - Assert: !Or [!EachMemberEquals [!Ref Sizes, small], !Contains [!Ref Sizes, medium]]
        AssertDescription: Sizes must be all small or include medium.
      - Assert: { "Fn::Contains": [[us-east-1, eu-west-1], { Ref: "AWS::Region" }] }
        AssertDescription: Only us-east-1 and eu-west-1.
  NoSmallInProduction:
    Assertions:
      - Assert: !And [!If [IsProduction, !Not [!Contains [!Ref Sizes, small]], true], !Not [!Equals [!Ref Env, ""]]]
        AssertDescription: Production must not use small.
Resources:
  Group: { Type: AWS::Logs::LogGroup }
`;

const params = (values: Record<string, string>): Parameter[] =>
  Object.entries(values).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }));

async function refusal(call: Promise<unknown>): Promise<unknown> {
  return call.then(() => "accepted", (e: Error) => ({ name: e.name, message: e.message }));
}

async function exists(stackName: string): Promise<boolean> {
  return sandbox.cfn.send(new DescribeStacksCommand({ StackName: stackName })).then(() => true, () => false);
}

describe("template Rules", () => {
  it("refuses CreateStack with the failed assertion's AssertDescription and creates nothing", async () => {
    const create = (StackName: string, values: Record<string, string>) =>
      sandbox.cfn.send(new CreateStackCommand({ StackName, TemplateBody: environment, Parameters: params(values) }));
    expect(await refusal(create("prod", { Env: "production" })))
      .toEqual({ name: "ValidationError", message: "HTTPS is required outside staging - set Cert." });
    expect(await exists("prod")).toBe(false);
    expect(await refusal(create("prod", { Env: "production", Cert: "arn:cert", Sizes: "small,huge" })))
      .toEqual({ name: "ValidationError", message: "Sizes must be small, medium or large." });
    expect(await refusal(create("prod", { Env: "production", Cert: "arn:cert", Sizes: "small,large" })))
      .toEqual({ name: "ValidationError", message: "Sizes must be all small or include medium." });
    expect(await refusal(create("prod", { Env: "production", Cert: "arn:cert" })))
      .toEqual({ name: "ValidationError", message: "Production must not use small." });
    // Parameter constraints are checked first, rules after them.
    expect(await refusal(create("prod", { Env: "qa" })))
      .toEqual({ name: "ValidationError", message: "Parameter 'Env' must be one of AllowedValues" });
    // A false RuleCondition skips the rule's assertions.
    await create("stage", { Env: "staging" });
    expect(await waitForStack(sandbox.cfn, "stage")).toBe("CREATE_COMPLETE");
    await create("prod", { Env: "production", Cert: "arn:cert", Sizes: "medium,large" });
    expect(await waitForStack(sandbox.cfn, "prod")).toBe("CREATE_COMPLETE");
  });

  it("refuses UpdateStack and CreateChangeSet the same way", async () => {
    const update = sandbox.cfn.send(new UpdateStackCommand({ StackName: "stage", UsePreviousTemplate: true, Parameters: params({ Env: "production" }) }));
    expect(await refusal(update)).toEqual({ name: "ValidationError", message: "HTTPS is required outside staging - set Cert." });
    const changeSet = (StackName: string, ChangeSetType: "CREATE" | "UPDATE") => sandbox.cfn.send(new CreateChangeSetCommand({
      StackName, ChangeSetName: "prod-change", ChangeSetType, TemplateBody: environment, Parameters: params({ Env: "production" }),
    }));
    expect(await refusal(changeSet("stage", "UPDATE"))).toEqual({ name: "ValidationError", message: "HTTPS is required outside staging - set Cert." });
    expect(await refusal(changeSet("new-prod", "CREATE"))).toEqual({ name: "ValidationError", message: "HTTPS is required outside staging - set Cert." });
    expect(await exists("new-prod")).toBe(false);
  });

  it("evaluates Fn::RefAll, Fn::ValueOf and Fn::ValueOfAll against the region's VPCs and subnets", async () => {
    await sandbox.cfn.send(new CreateStackCommand({ StackName: "vpcs", TemplateBody: `
Resources:
  CoreVpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.1.0.0/16, Tags: [{ Key: Team, Value: core }] } }
  OtherVpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.2.0.0/16, Tags: [{ Key: Team, Value: other }] } }
  CoreSubnet: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref CoreVpc, CidrBlock: 10.1.0.0/24 } }
  OtherSubnet: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref OtherVpc, CidrBlock: 10.2.0.0/24 } }
Outputs:
  CoreVpc: { Value: !Ref CoreVpc }
  OtherVpc: { Value: !Ref OtherVpc }
  CoreSubnet: { Value: !Ref CoreSubnet }
  OtherSubnet: { Value: !Ref OtherSubnet }
` }));
    expect(await waitForStack(sandbox.cfn, "vpcs")).toBe("CREATE_COMPLETE");
    const { Stacks } = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "vpcs" }));
    const id = Object.fromEntries(Stacks![0].Outputs!.map((o) => [o.OutputKey!, o.OutputValue!]));
    const consumer = `
Parameters:
  Vpc: { Type: AWS::EC2::VPC::Id }
  Subnets: { Type: List<AWS::EC2::Subnet::Id> }
Rules:
  Placement:
    Assertions:
      - Assert: !EachMemberEquals [!ValueOf [Subnets, VpcId], !Ref Vpc]
        AssertDescription: The subnets must be in the VPC.
      - Assert: !Equals [!ValueOf [Vpc, Tags.Team], core]
        AssertDescription: The VPC must belong to the core team.
      - Assert: !EachMemberIn [!ValueOfAll [AWS::EC2::Subnet::Id, VpcId], !RefAll AWS::EC2::VPC::Id]
        AssertDescription: The subnets must be in a VPC of this region.
Resources:
  Group: { Type: AWS::Logs::LogGroup }
`;
    const create = (StackName: string, Vpc: string, Subnets: string) =>
      sandbox.cfn.send(new CreateStackCommand({ StackName, TemplateBody: consumer, Parameters: params({ Vpc, Subnets }) }));
    expect(await refusal(create("misplaced", id.CoreVpc, `${id.CoreSubnet},${id.OtherSubnet}`)))
      .toEqual({ name: "ValidationError", message: "The subnets must be in the VPC." });
    expect(await refusal(create("other-team", id.OtherVpc, id.OtherSubnet)))
      .toEqual({ name: "ValidationError", message: "The VPC must belong to the core team." });
    await create("placed", id.CoreVpc, id.CoreSubnet);
    expect(await waitForStack(sandbox.cfn, "placed")).toBe("CREATE_COMPLETE");
    // Ids the sandbox does not know cannot be looked up: those assertions are skipped, not failed.
    await create("elsewhere", "vpc-0123456789abcdef0", "subnet-0123456789abcdef0");
    expect(await waitForStack(sandbox.cfn, "elsewhere")).toBe("CREATE_COMPLETE");
  });
});
