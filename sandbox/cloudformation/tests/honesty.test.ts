// Where the sandbox used to be kinder than AWS: functions it did not know passed through as literal objects,
// Fn::Equals compared anything as text, resources that never ran went unreported, metrics had data nobody wrote.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateStackCommand, DeleteStackCommand, DescribeStacksCommand, ValidateTemplateCommand } from "@aws-sdk/client-cloudformation";
import { GetMetricDataCommand, ListMetricsCommand } from "@aws-sdk/client-cloudwatch";
import { startTestSandbox, type TestSandbox } from "../../testing/harness.ts";
import { waitForStack } from "../testing/helpers.ts";
import { runInDependencyOrder } from "../engine/graph.ts";

let sandbox: TestSandbox;
beforeAll(async () => void (sandbox = await startTestSandbox({ speed: 0.0005 })));
afterAll(() => sandbox.close());

const validate = (body: string) => sandbox.cfn.send(new ValidateTemplateCommand({ TemplateBody: body })).then(() => "valid", (e: Error) => `${e.name}: ${e.message}`);
const param = (value: string) => `Resources:\n  P:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Type: String\n      Value:\n${value}\nOutputs:\n  Value: { Value: !GetAtt P.Value }\n`;

async function outputOf(name: string, body: string): Promise<string> {
  await sandbox.cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: body, Parameters: [{ ParameterKey: "Count", ParameterValue: "1" }].filter(() => body.includes("Count:")) }));
  expect(await waitForStack(sandbox.cfn, name)).toBe("CREATE_COMPLETE");
  const { Stacks } = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: name }));
  return Stacks![0]!.Outputs!.find((o) => o.OutputKey === "Value")!.OutputValue!;
}

const SUPPORTED = "Supported functions are: [Fn::Base64, Fn::GetAtt, Fn::GetAZs, Fn::ImportValue, Fn::Join, Fn::Split, Fn::FindInMap, Fn::Select, Ref, Fn::Equals, Fn::If, Fn::Not, Condition, Fn::And, Fn::Or, Fn::Contains, Fn::EachMemberEquals, Fn::EachMemberIn, Fn::ValueOf, Fn::ValueOfAll, Fn::RefAll, Fn::Sub, Fn::Cidr]";

describe("intrinsic functions and transforms", () => {
  it("refuses functions CloudFormation does not know, with CloudFormation's wording", async () => {
    expect(await validate(param("        Fn::Length: [a, b]"))).toBe(`ValidationError: Template error: Encountered unsupported function: Fn::Length ${SUPPORTED}`);
    expect(await validate(param("        Fn::ToJsonString: { a: b }"))).toContain("Encountered unsupported function: Fn::ToJsonString");
    expect(await validate(param("        fn::GetAtt: [X, Y]"))).toContain("Encountered unsupported function: fn::GetAtt");
  });

  it("evaluates Fn::Length and Fn::ToJsonString under the AWS::LanguageExtensions transform", async () => {
    const extended = (value: string) => `Transform: AWS::LanguageExtensions\n${param(value)}`;
    expect(await outputOf("length", extended("        Fn::Join: ['', ['n=', { Fn::Length: [a, b, c] }]]"))).toBe("n=3");
    expect(await outputOf("json", extended("        Fn::ToJsonString: { key1: value1, key2: { Ref: AWS::Region }, list: [1, 2] }"))).toBe('{"key1":"value1","key2":"us-east-1","list":[1,2]}');
  });

  it("refuses the transforms and Fn::ForEach it does not run", async () => {
    expect(await validate(`Transform: MyMacro\n${param("        x")}`)).toBe("ValidationError: No transform named 000000000000::MyMacro found.");
    expect(await validate(`Transform: AWS::Serverless-2016-10-31\n${param("        x")}`)).toBe("ValidationError: No transform named AWS::Serverless-2016-10-31 found.");
    const forEach = `Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Topics:\n    - Name\n    - [A, B]\n    - Topic\${Name}: { Type: AWS::SNS::Topic }\n`;
    expect(await validate(forEach)).toContain("Encountered unsupported function: Fn::ForEach");
  });

  it("Fn::Equals compares two strings as CloudFormation does (numbers as text), and refuses a list", async () => {
    const condition = (equals: string) => `Parameters:\n  Count: { Type: Number }\nConditions:\n  Same: ${equals}\n${param("        !If [Same, equal, different]")}`;
    expect(await outputOf("eq-number", condition("!Equals [!Ref Count, 1]"))).toBe("equal");
    expect(await outputOf("eq-text", condition('!Equals [!Ref Count, "1.0"]'))).toBe("different");
    const list = await sandbox.cfn.send(new CreateStackCommand({ StackName: "eq-list", TemplateBody: condition("!Equals [[a, b], 'a,b']"), Parameters: [{ ParameterKey: "Count", ParameterValue: "1" }] }))
      .then(() => "created", (e: Error) => e.message);
    expect(list).toBe("Template error: every Fn::Equals object requires a list of 2 string parameters.");
  });
});

describe("the dependency runner", () => {
  it("reports resources that never ran as failed when nothing else failed", async () => {
    const ran: string[] = [];
    // A and B wait for each other (a cycle the runner can never start), C runs.
    const result = await runInDependencyOrder(["A", "B", "C"], new Map([["A", new Set(["B"])], ["B", new Set(["A"])], ["C", new Set<string>()]]), async (id) => {
      ran.push(id);
      return true;
    });
    expect(ran).toEqual(["C"]);
    expect(result).toEqual({ failed: ["A", "B"], notRun: ["A", "B"] });
  });

  it("after a real failure lists the resources it did not start, without calling them failed", async () => {
    const result = await runInDependencyOrder(["A", "B"], new Map([["B", new Set(["A"])]]), async (id) => id !== "A");
    expect(result).toEqual({ failed: ["A"], notRun: ["B"] });
  });
});

describe("metrics of the resources a stack creates", () => {
  const cpu = (db: string) => ({ Namespace: "AWS/RDS", MetricName: "CPUUtilization", Dimensions: [{ Name: "DBInstanceIdentifier", Value: db }] });
  const read = (db: string, start: Date) => sandbox.cw.send(new GetMetricDataCommand({
    StartTime: start, EndTime: new Date(Date.now() + 60_000), MetricDataQueries: [{ Id: "cpu", MetricStat: { Metric: cpu(db), Period: 60, Stat: "Average" } }],
  })).then((r) => r.MetricDataResults![0]!);

  it("exist from the minute an RDS instance is created, not before, and only for instances that exist", async () => {
    const before = new Date(Date.now() - 3_600_000);
    expect((await read("honest-db", before)).Values).toEqual([]);
    const body = "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties: { DBInstanceIdentifier: honest-db, Engine: postgres, DBInstanceClass: db.t3.micro, AllocatedStorage: 20 }\n";
    await sandbox.cfn.send(new CreateStackCommand({ StackName: "honest-db", TemplateBody: body }));
    expect(await waitForStack(sandbox.cfn, "honest-db")).toBe("CREATE_COMPLETE");
    const created = await read("honest-db", before);
    expect(created.Values!.length).toBeGreaterThanOrEqual(1);
    expect(created.Values!.length).toBeLessThanOrEqual(2); // the minute it was created in (and the next, at a boundary)
    expect((await read("never-created-db", before)).Values).toEqual([]);
    const listed = await sandbox.cw.send(new ListMetricsCommand({ Namespace: "AWS/RDS", Dimensions: [{ Name: "DBInstanceIdentifier", Value: "honest-db" }] }));
    expect(listed.Metrics?.map((m) => m.MetricName)).toContain("CPUUtilization");
    await sandbox.cfn.send(new DeleteStackCommand({ StackName: "honest-db" }));
  });
});
