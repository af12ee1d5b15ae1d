// Issue 14: accounts. STS AssumeRole hands out credentials that address the role's account; each account has its
// own stacks; the service role passed on a change set is the stack's RoleARN.
import {
  CloudFormationClient, CreateChangeSetCommand, DescribeStacksCommand, ExecuteChangeSetCommand, ListStacksCommand,
} from "@aws-sdk/client-cloudformation";
import { CreateClusterCommand, ListClustersCommand } from "@aws-sdk/client-ecs";
import { DescribeAlarmsCommand, PutMetricAlarmCommand } from "@aws-sdk/client-cloudwatch";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "../testing/harness.ts";
import { waitForStack } from "../cloudformation/testing/helpers.ts";

let sandbox: TestSandbox;
let sts: STSClient;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  sts = new STSClient(sandbox.clientConfig());
});
afterAll(async () => {
  sts.destroy();
  await sandbox.close();
});

const TEMPLATE = `Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n`;
const PRODUCTION_ROLE = "arn:aws:iam::222222222222:role/stackdeck-console";

async function assume(roleArn: string, extra: Partial<{ DurationSeconds: number; SourceIdentity: string }> = {}) {
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "alice@example.com", ...extra }));
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken!, expiration: c.Expiration! , arn: out.AssumedRoleUser!.Arn! };
}

function cfnWith(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) {
  return new CloudFormationClient({ ...sandbox.clientConfig(), credentials });
}

async function createStack(cfn: CloudFormationClient, name: string, roleArn?: string) {
  const { Id } = await cfn.send(new CreateChangeSetCommand({ StackName: name, ChangeSetName: "c1", ChangeSetType: "CREATE", TemplateBody: TEMPLATE, RoleARN: roleArn }));
  for (let i = 0; i < 200; i++) {
    try {
      await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: Id }));
      break;
    } catch (error) {
      if (!(error as Error).name.startsWith("InvalidChangeSetStatus")) throw error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  return waitForStack(cfn, name);
}

describe("STS", () => {
  it("GetCallerIdentity of plain keys is the default account; of an assumed role, the role's session", async () => {
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe("000000000000");
    const session = await assume(PRODUCTION_ROLE, { SourceIdentity: "alice@example.com" });
    expect(session.arn).toBe("arn:aws:sts::222222222222:assumed-role/stackdeck-console/alice@example.com");
    expect(session.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    const assumed = new STSClient({ ...sandbox.clientConfig(), credentials: session });
    const identity = await assumed.send(new GetCallerIdentityCommand({}));
    assumed.destroy();
    expect(identity).toMatchObject({ Account: "222222222222", Arn: session.arn });
    expect(identity.UserId).toMatch(/^AROA[A-Z0-9]{17}:alice@example.com$/);
  });

  it("refuses what AWS refuses: malformed role ARNs, durations outside 900..43200, bad session names, chained sessions over an hour", async () => {
    const refused = (p: Promise<unknown>) => p.then(() => "accepted", (e: Error) => `${e.name}: ${e.message}`);
    expect(await refused(assume("arn:aws:iam::2222:role/x-and-more"))).toBe("ValidationError: arn:aws:iam::2222:role/x-and-more is invalid");
    expect(await refused(assume("not-an-arn"))).toMatch(/^ValidationError: .*'roleArn'.*length greater than or equal to 20/);
    expect(await refused(assume(PRODUCTION_ROLE, { DurationSeconds: 899 }))).toMatch(/greater than or equal to 900/);
    expect(await refused(assume(PRODUCTION_ROLE, { DurationSeconds: 43201 }))).toMatch(/less than or equal to 43200/);
    expect(await refused(sts.send(new AssumeRoleCommand({ RoleArn: PRODUCTION_ROLE, RoleSessionName: "alice smith" })))).toMatch(/roleSessionName.*regular expression/);
    const session = await assume(PRODUCTION_ROLE);
    const chained = new STSClient({ ...sandbox.clientConfig(), credentials: session });
    const answer = await refused(chained.send(new AssumeRoleCommand({ RoleArn: PRODUCTION_ROLE, RoleSessionName: "again", DurationSeconds: 7200 })));
    chained.destroy();
    expect(answer).toMatch(/1 hour session limit for roles assumed by role chaining/);
  });

  it("session credentials expire, and unknown session keys are invalid", async () => {
    const session = await assume(PRODUCTION_ROLE, { DurationSeconds: 900 });
    expect(session.expiration.getTime() - Date.now()).toBeGreaterThan(890_000);
    expect(session.expiration.getTime() - Date.now()).toBeLessThanOrEqual(900_000);
    const forged = cfnWith({ accessKeyId: "ASIAAAAAAAAAAAAAAAAA", secretAccessKey: "x", sessionToken: "y" });
    const error = await forged.send(new ListStacksCommand({})).catch((e: Error) => e);
    forged.destroy();
    expect(error).toMatchObject({ name: "InvalidClientTokenId" });
  });
});

describe("accounts", () => {
  it("keeps stacks per account: production's stack is invisible to the default account and vice versa", async () => {
    const session = await assume(PRODUCTION_ROLE);
    const production = cfnWith(session);
    expect(await createStack(production, "prod-topic", "arn:aws:iam::222222222222:role/stackdeck-cloudformation")).toBe("CREATE_COMPLETE");
    expect(await createStack(sandbox.cfn, "staging-topic")).toBe("CREATE_COMPLETE");

    const [stack] = (await production.send(new DescribeStacksCommand({ StackName: "prod-topic" }))).Stacks!;
    expect(stack.StackId).toMatch(/^arn:aws:cloudformation:us-east-1:222222222222:stack\/prod-topic\//);
    expect(stack.RoleARN).toBe("arn:aws:iam::222222222222:role/stackdeck-cloudformation");
    const missing = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "prod-topic" })).catch((e: Error) => e);
    expect(missing).toMatchObject({ name: "ValidationError", message: "Stack with id prod-topic does not exist" });
    const names = (c: CloudFormationClient) => c.send(new ListStacksCommand({})).then((o) => o.StackSummaries!.map((s) => s.StackName));
    expect(await names(production)).toEqual(["prod-topic"]);
    expect(await names(sandbox.cfn)).not.toContain("prod-topic");
    production.destroy();
  });

  it("refuses a service role of another account as AWS refuses a role it cannot assume", async () => {
    const error = await sandbox.cfn.send(new CreateChangeSetCommand({
      StackName: "cross", ChangeSetName: "c1", ChangeSetType: "CREATE", TemplateBody: TEMPLATE,
      RoleARN: "arn:aws:iam::222222222222:role/stackdeck-cloudformation",
    })).catch((e: Error) => e);
    expect(error).toMatchObject({ name: "ValidationError", message: "Role arn:aws:iam::222222222222:role/stackdeck-cloudformation is invalid or cannot be assumed" });
  });

  it("names the calling account in the ARNs of ECS and CloudWatch objects", async () => {
    const other = sandbox.inAccount("333333333333");
    const { cluster } = await other.ecs.send(new CreateClusterCommand({ clusterName: "apps" }));
    expect(cluster?.clusterArn).toBe("arn:aws:ecs:us-east-1:333333333333:cluster/apps");
    await other.cw.send(new PutMetricAlarmCommand({ AlarmName: "cpu", Namespace: "AWS/ECS", MetricName: "CPUUtilization", Statistic: "Average", Period: 60, EvaluationPeriods: 1, Threshold: 90, ComparisonOperator: "GreaterThanThreshold" }));
    const { MetricAlarms } = await other.cw.send(new DescribeAlarmsCommand({ AlarmNames: ["cpu"] }));
    expect(MetricAlarms?.[0]?.AlarmArn).toBe("arn:aws:cloudwatch:us-east-1:333333333333:alarm:cpu");
    expect((await sandbox.ecs.send(new ListClustersCommand({}))).clusterArns).not.toContain("arn:aws:ecs:us-east-1:333333333333:cluster/apps");
  });
});
