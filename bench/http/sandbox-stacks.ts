// The AWS side of the HTTP bench: the real platform (our seven templates, with each environment's profile) in
// staging and production, plus "worker" stacks (SSM parameters and CloudWatch alarms) up to the requested count,
// all created through the SDK in the sandbox the app will talk to. Pages that ask AWS get real answers.
import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  CloudFormationClient, CreateStackCommand, DescribeStacksCommand, type Output, type Parameter,
} from "@aws-sdk/client-cloudformation";
import { parseTemplate } from "../../lib/templates/parse.ts";
import { loadProfile } from "../../lib/templates/profiles.ts";
import { environmentParameterValues } from "../../lib/templates/estimate.ts";
import { REQUIRED_CAPABILITIES } from "../../lib/aws/cloudformation-types.ts";
import { sandboxClientConfig } from "../../sandbox/testing/client-config.ts";

export const ENVIRONMENTS = ["staging", "production"] as const;
/** Dependency order of the platform (each template's Metadata.Stackdeck.DependsOn). */
export const PLATFORM = ["network", "security", "iam", "database", "cache", "load-balancer", "service"] as const;
const ROOT = path.resolve(import.meta.dirname, "../..");
/** What a user types where the profile asks for a value (iam: the repository whose CI may deploy). */
const USER_VALUES: Record<string, Record<string, string>> = {
  iam: { GitHubRepository: "acme/stackdeck-app" },
  "load-balancer": { CertificateArn: "arn:aws:acm:us-east-1:000000000000:certificate/1b2c3d4e-0000-4000-8000-00000000b3c4" },
};

export interface CreatedStack {
  name: string;
  environment: string;
  template: string;
  stackId: string;
  status: string;
  parameters: Record<string, string>;
  outputs: { key: string; value: string; description: string | null; exportName: string | null }[];
  alarms: number;
}

/** N worker stacks' alarms: alarm 0 of every 10th stack breaches (threshold 1), the rest never do. */
export function workerTemplate(alarms: number, breaching: boolean): string {
  const alarm = (i: number) => `  Alarm${i}:
    Type: AWS::CloudWatch::Alarm
    Properties: { AlarmName: !Sub "\${AWS::StackName}-age-${i}", Namespace: AWS/SQS, MetricName: ApproximateAgeOfOldestMessage, Statistic: Maximum,
      Dimensions: [{ Name: QueueName, Value: !Sub "\${AWS::StackName}-q${i}" }], Period: 60, EvaluationPeriods: 1,
      Threshold: ${breaching && i === 0 ? 0 : 100000000}, ComparisonOperator: GreaterThanThreshold, TreatMissingData: notBreaching }`;
  const parameters = Array.from({ length: 3 }, (_, i) => `  Setting${i}:
    Type: AWS::SSM::Parameter
    Properties: { Type: String, Name: !Sub "/\${AWS::StackName}/setting-${i}", Value: !Ref Message }`);
  return `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Message: { Type: String, Default: "v1" }
Resources:
${[...parameters, ...Array.from({ length: alarms }, (_, i) => alarm(i))].join("\n")}
Outputs:
  SettingName: { Value: !Ref Setting0 }
`;
}

// Production refuses HTTP only; staging keeps the profile's HTTP-only listener.
const userValues = (template: string, environment: string) =>
  template === "load-balancer" && environment === "staging" ? {} : USER_VALUES[template] ?? {};

async function platformStack(cfn: CloudFormationClient, environment: string, template: string): Promise<Omit<CreatedStack, "status" | "outputs" | "stackId">> {
  const body = await readFile(path.join(ROOT, "infra-templates", `${template}.yaml`), "utf8");
  const doc = parseTemplate(body).document;
  const profile = await loadProfile(environment, path.join(ROOT, "infra-templates", "environments"));
  const parameters = environmentParameterValues(doc, template, environment, profile, userValues(template, environment));
  const name = `${environment}-${template}`;
  await create(cfn, name, body, parameters);
  const alarms = Object.values(doc.Resources).filter((r) => r.Type === "AWS::CloudWatch::Alarm").length;
  return { name, environment, template, parameters, alarms };
}

async function create(cfn: CloudFormationClient, name: string, body: string, parameters: Record<string, string>): Promise<void> {
  const Parameters: Parameter[] = Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }));
  await cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: body, Parameters, Capabilities: [...REQUIRED_CAPABILITIES] }));
}

async function waitAll(cfn: CloudFormationClient, names: string[]): Promise<Map<string, { stackId: string; status: string; outputs: Output[] }>> {
  const done = new Map<string, { stackId: string; status: string; outputs: Output[] }>();
  const deadline = Date.now() + 300_000;
  while (done.size < names.length) {
    for (const name of names.filter((n) => !done.has(n))) {
      const stack = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
      const status = stack?.StackStatus ?? "";
      if (status.endsWith("_IN_PROGRESS")) continue;
      if (status !== "CREATE_COMPLETE") throw new Error(`${name} ended ${status}: ${stack?.StackStatusReason ?? ""}`);
      done.set(name, { stackId: stack!.StackId!, status, outputs: stack!.Outputs ?? [] });
    }
    if (Date.now() > deadline) throw new Error(`stacks still in progress: ${names.filter((n) => !done.has(n)).join(", ")}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return done;
}

/** Creates the platform in both environments, then worker stacks until `total` stacks hold `alarms` alarms. */
export async function createBenchStacks(sandboxUrl: string, total: number, alarms: number): Promise<CreatedStack[]> {
  const cfn = new CloudFormationClient(sandboxClientConfig(sandboxUrl, { maxAttempts: 5 }));
  try {
    const specs: Omit<CreatedStack, "status" | "outputs" | "stackId">[] = [];
    // One template at a time in both environments: each imports the exports of the ones before it.
    for (const template of PLATFORM) {
      const created = await Promise.all(ENVIRONMENTS.map((env) => platformStack(cfn, env, template)));
      await waitAll(cfn, created.map((c) => c.name));
      specs.push(...created);
    }
    const workers = total - specs.length;
    const remaining = alarms - specs.reduce((sum, s) => sum + s.alarms, 0);
    for (let i = 0; i < workers; i++) {
      const environment = ENVIRONMENTS[i % 2]!;
      const count = Math.floor(remaining / workers) + (i < remaining % workers ? 1 : 0);
      const name = `${environment}-worker-${String(i).padStart(3, "0")}`;
      const parameters = { Message: `v${i}` };
      await create(cfn, name, workerTemplate(count, i % 10 === 0), parameters);
      specs.push({ name, environment, template: "worker", parameters, alarms: count });
    }
    const states = await waitAll(cfn, specs.map((s) => s.name));
    return specs.map((s) => {
      const state = states.get(s.name)!;
      const outputs = state.outputs.map((o) => ({ key: o.OutputKey ?? "", value: o.OutputValue ?? "", description: o.Description ?? null, exportName: o.ExportName ?? null }));
      return { ...s, stackId: state.stackId, status: state.status, outputs };
    });
  } finally {
    cfn.destroy();
  }
}
