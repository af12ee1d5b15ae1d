// The stored templates and environment profiles, checked statically and then deployed for real through the AWS SDK
// against the sandbox: both environments side by side, every stack in dependency order, then deleted in reverse.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, type Tags } from "yaml";
import {
  CreateStackCommand, DeleteStackCommand, DescribeStackResourcesCommand, DescribeStacksCommand, ListExportsCommand,
  UpdateStackCommand, ValidateTemplateCommand, type Parameter, type Stack,
} from "@aws-sdk/client-cloudformation";
import { DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeServicesCommand, ListServicesCommand } from "@aws-sdk/client-ecs";
import { startTestSandbox, type TestSandbox } from "../sandbox/testing/harness.ts";

const dir = new URL("./", import.meta.url);
const ENVIRONMENTS = ["staging", "production"] as const;
type Environment = (typeof ENVIRONMENTS)[number];
const SUPPORTED_TYPES = new Set([
  ...["VPC", "Subnet", "RouteTable", "Route", "SubnetRouteTableAssociation", "InternetGateway", "VPCGatewayAttachment", "NatGateway", "EIP",
    "VPCEndpoint", "FlowLog", "SecurityGroup", "SecurityGroupIngress", "SecurityGroupEgress"].map((t) => `AWS::EC2::${t}`),
  "AWS::KMS::Key", "AWS::KMS::Alias", "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::OIDCProvider",
  "AWS::SecretsManager::Secret", "AWS::RDS::DBInstance", "AWS::RDS::DBSubnetGroup", "AWS::RDS::DBParameterGroup",
  "AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::SubnetGroup", "AWS::ElastiCache::ParameterGroup", "AWS::Logs::LogGroup",
  ...["LoadBalancer", "Listener", "ListenerRule", "TargetGroup"].map((t) => `AWS::ElasticLoadBalancingV2::${t}`),
  "AWS::CertificateManager::Certificate", "AWS::ECS::Cluster", "AWS::ECS::TaskDefinition", "AWS::ECS::Service",
  "AWS::ApplicationAutoScaling::ScalableTarget", "AWS::ApplicationAutoScaling::ScalingPolicy", "AWS::CloudWatch::Alarm",
  "AWS::S3::Bucket", "AWS::SSM::Parameter",
]);
// Values a user must supply (`required: true` in a profile); these stand in for them.
const USER_INPUT: Record<string, Record<string, string>> = {
  iam: { GitHubRepository: "stackdeck-test/app" },
  "load-balancer": { CertificateArn: "arn:aws:acm:us-east-1:000000000000:certificate/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d" },
};

// CloudFormation's short-form tags, read into the long form (`!Ref X` -> { Ref: X }, `!GetAtt A.B` -> { "Fn::GetAtt": [A, B] }).
const cfnTags: Tags = ["Ref", "Condition", ...["Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join", "Select", "Split",
  "Sub", "If", "Equals", "And", "Or", "Not"].map((f) => `Fn::${f}`)].flatMap((name) => {
  const tag = `!${name.replace("Fn::", "")}`;
  const wrap = (value: unknown) => ({ [name]: name === "Fn::GetAtt" && typeof value === "string" ? value.split(/\.(.*)/s, 2) : value });
  return (["scalar", "seq", "map"] as const).map((kind) => ({
    tag, ...(kind === "scalar" ? {} : { collection: kind }), resolve: (v: unknown) => wrap(typeof v === "object" && v && "toJSON" in v ? (v as { toJSON(): unknown }).toJSON() : v),
  })) as Tags;
});

interface Template {
  Metadata: { Stackdeck: { Title: string; Description: string; Category: string; DependsOn: string[]; UserParameters: string[] } };
  Parameters: Record<string, { Type: string; Description?: string; Default?: unknown; AllowedValues?: unknown[] }>;
  Resources: Record<string, { Type: string; Condition?: string }>;
  Outputs: Record<string, { Export?: { Name: { "Fn::Sub": string } } }>;
}
interface Rule { allowedValues?: unknown[]; min?: number; max?: number; pattern?: string; minLength?: number; maxLength?: number; required?: boolean }
interface Profile {
  name: string; region: string; requiresApproval: boolean; costAssumptions: Record<string, number>;
  stacks: Record<string, { parameters: Record<string, unknown>; overridable: Record<string, Rule> }>;
}

const read = (file: string) => readFileSync(new URL(file, dir), "utf8");
const bodies = Object.fromEntries(["network", "security", "database", "cache", "iam", "load-balancer", "service"].map((n) => [n, read(`${n}.yaml`)]));
const templates: Record<string, Template> = Object.fromEntries(Object.entries(bodies).map(([n, b]) => [n, parse(b, { customTags: cfnTags })]));
const profiles = Object.fromEntries(ENVIRONMENTS.map((e) => [e, parse(read(`environments/${e}.yaml`)) as Profile])) as Record<Environment, Profile>;

/** Template names in an order where every template comes after the ones its Metadata says it depends on. */
function deployOrder(): string[] {
  const order: string[] = [];
  const visit = (name: string) => {
    if (order.includes(name)) return;
    templates[name].Metadata.Stackdeck.DependsOn.forEach(visit);
    order.push(name);
  };
  Object.keys(templates).forEach(visit);
  return order;
}

function stackParameters(environment: Environment, template: string, overrides: Record<string, string> = {}): Parameter[] {
  const { parameters, overridable } = profiles[environment].stacks[template];
  const userInput = Object.fromEntries(Object.keys(overridable).filter((k) => overridable[k].required).map((k) => [k, USER_INPUT[template]?.[k]]));
  const values = { ...parameters, ...userInput, ...overrides, EnvironmentName: environment };
  return Object.entries(values).filter(([key]) => key in templates[template].Parameters).map(([ParameterKey, v]) => ({ ParameterKey, ParameterValue: String(v) }));
}

let sandbox: TestSandbox;
beforeAll(async () => void (sandbox = await startTestSandbox({ speed: 0.0005 })));
afterAll(() => sandbox?.close());

async function describeStack(stackName: string): Promise<Stack> {
  return (await sandbox.cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks![0];
}

async function waitForStack(stackName: string): Promise<Stack> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const stack = await describeStack(stackName);
    if (!/_IN_PROGRESS$/.test(stack.StackStatus ?? "")) return stack;
    if (Date.now() > deadline) throw new Error(`${stackName} still ${stack.StackStatus}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function exportNames(): Promise<string[]> {
  const names: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await sandbox.cfn.send(new ListExportsCommand({ NextToken }));
    names.push(...(page.Exports ?? []).map((e) => e.Name!));
    NextToken = page.NextToken;
  } while (NextToken);
  return names;
}

async function resourceTypes(stackName: string): Promise<string[]> {
  const { StackResources } = await sandbox.cfn.send(new DescribeStackResourcesCommand({ StackName: stackName }));
  return (StackResources ?? []).map((r) => r.ResourceType!);
}

describe("templates", () => {
  it.each(Object.keys(templates))("%s has the catalog's metadata, documented parameters and supported types only", (name) => {
    const template = templates[name];
    expect(Buffer.byteLength(bodies[name])).toBeLessThan(51_200);
    const meta = template.Metadata.Stackdeck;
    expect(Object.keys(meta).sort()).toEqual(["Category", "DependsOn", "Description", "Title", "UserParameters"]);
    expect(["networking", "security", "data", "identity", "traffic", "compute"]).toContain(meta.Category);
    meta.DependsOn.forEach((dependency) => expect(Object.keys(templates)).toContain(dependency));
    meta.UserParameters.forEach((parameter) => expect(Object.keys(template.Parameters)).toContain(parameter));
    expect(template.Parameters.EnvironmentName.AllowedValues).toEqual(["staging", "production"]);
    for (const [key, parameter] of Object.entries(template.Parameters)) expect(parameter.Description, key).toBeTruthy();
    for (const resource of Object.values(template.Resources)) expect(SUPPORTED_TYPES, resource.Type).toContain(resource.Type);
    for (const [key, output] of Object.entries(template.Outputs)) {
      if (output.Export) expect(output.Export.Name["Fn::Sub"]).toBe(`\${EnvironmentName}-${name}-${key}`);
    }
  });

  it("imports exactly from the templates each one declares it depends on", () => {
    const exported = (name: string) => Object.entries(templates[name].Outputs).filter(([, o]) => o.Export).map(([key]) => `\${EnvironmentName}-${name}-${key}`);
    for (const [name, template] of Object.entries(templates)) {
      const imports = [...JSON.stringify(template.Resources).matchAll(/"Fn::ImportValue":\{"Fn::Sub":"([^"]+)"\}/g)].map((m) => m[1]);
      const available = template.Metadata.Stackdeck.DependsOn.flatMap(exported);
      expect(imports.filter((i) => !available.includes(i)), name).toEqual([]);
      const importedFrom = new Set(imports.map((i) => /^\$\{EnvironmentName\}-(.+)-[A-Za-z]+$/.exec(i)![1]));
      expect([...importedFrom].sort(), name).toEqual([...template.Metadata.Stackdeck.DependsOn].sort());
    }
  });

  it.each(Object.keys(templates))("%s passes ValidateTemplate, which reports its parameters", async (name) => {
    const result = await sandbox.cfn.send(new ValidateTemplateCommand({ TemplateBody: bodies[name] }));
    expect(result.Parameters!.map((p) => p.ParameterKey).sort()).toEqual(Object.keys(templates[name].Parameters).sort());
  });
});

describe.each(ENVIRONMENTS)("the %s profile", (environment) => {
  const profile = profiles[environment];

  it("sets only declared parameters and lets users change only console parameters, within the profile's bounds", () => {
    expect(profile.name).toBe(environment);
    expect(profile.region).toBe("us-east-1");
    expect(Object.keys(profile.stacks).sort()).toEqual(Object.keys(templates).sort());
    for (const [name, { parameters, overridable }] of Object.entries(profile.stacks)) {
      const declared = templates[name].Parameters;
      expect(Object.keys(parameters).filter((key) => !(key in declared) || key === "EnvironmentName"), name).toEqual([]);
      for (const [key, rule] of Object.entries(overridable)) {
        expect(templates[name].Metadata.Stackdeck.UserParameters, `${name}.${key}`).toContain(key);
        const value = parameters[key] ?? declared[key].Default;
        if (rule.required) {
          expect(parameters[key], `${name}.${key} is supplied by the user`).toBeUndefined();
          expect(USER_INPUT[name]?.[key], `test input for ${name}.${key}`).toBeDefined();
          continue;
        }
        if (rule.allowedValues) expect(rule.allowedValues.map(String), `${name}.${key}`).toContain(String(value));
        if (rule.min !== undefined) expect(Number(value), `${name}.${key}`).toBeGreaterThanOrEqual(rule.min);
        if (rule.max !== undefined) expect(Number(value), `${name}.${key}`).toBeLessThanOrEqual(rule.max);
        if (rule.pattern) expect(String(value), `${name}.${key}`).toMatch(new RegExp(rule.pattern));
      }
    }
    for (const amount of Object.values(profile.costAssumptions)) expect(amount).toBeGreaterThanOrEqual(0);
  });

  it("carries the seed's policies for the environment", () => {
    const p = (stack: string, key: string) => String(profile.stacks[stack].parameters[key]);
    const seed = environment === "staging"
      ? { nat: "single", multiAz: "false", db: "db.t3.micro", cache: "cache.t3.micro", nodes: "1", tasks: "1", backups: "3", protect: "false", scaling: "false", approval: false }
      : { nat: "per-az", multiAz: "true", db: "db.t3.small", cache: "cache.t3.small", nodes: "2", tasks: "2", backups: "7", protect: "true", scaling: "true", approval: true };
    expect({
      nat: p("network", "NatGatewayMode"), multiAz: p("database", "MultiAZ"), db: p("database", "DBInstanceClass"), cache: p("cache", "CacheNodeType"),
      nodes: p("cache", "NumCacheClusters"), tasks: p("service", "DesiredCount"), backups: p("database", "BackupRetentionPeriod"),
      protect: p("database", "DeletionProtection"), scaling: p("service", "EnableAutoScaling"), approval: profile.requiresApproval,
    }).toEqual(seed);
    if (environment === "production") {
      expect(profile.stacks.database.overridable.BackupRetentionPeriod).toEqual({ min: 7, max: 30 });
      expect([p("service", "MinCapacity"), p("service", "MaxCapacity")]).toEqual(["2", "10"]);
      expect(profile.stacks["load-balancer"].overridable.CertificateArn.required).toBe(true);
    }
  });
});

describe("deployment in the sandbox", () => {
  const order = deployOrder();

  // Runs before production exists, and removes whatever the sandbox created, so it cannot disturb the real
  // production stacks.
  it("refuses an HTTP-only load balancer in production (the template's Rules)", async () => {
    const StackName = "production-load-balancer-http-only";
    try {
      const create = sandbox.cfn.send(new CreateStackCommand({
        StackName, TemplateBody: bodies["load-balancer"], Parameters: stackParameters("production", "load-balancer", { CertificateArn: "" }),
      }));
      await expect(create).rejects.toMatchObject({ name: "ValidationError", message: expect.stringMatching(/HTTPS is required outside staging/) });
    } finally {
      const created = await describeStack(StackName).catch(() => undefined);
      if (created) {
        await waitForStack(StackName);
        await sandbox.cfn.send(new DeleteStackCommand({ StackName }));
        await waitForStack(created.StackId!);
      }
    }
  });

  it("builds a three-zone network with a NAT gateway per zone", async () => {
    const StackName = "staging-network-three-zones";
    await sandbox.cfn.send(new CreateStackCommand({
      StackName, TemplateBody: bodies.network, Capabilities: ["CAPABILITY_NAMED_IAM"],
      Parameters: stackParameters("staging", "network", { AvailabilityZoneCount: "3", NatGatewayMode: "per-az" }),
    }));
    // Its exports carry the staging names, so it is created and removed before the real staging network.
    const stack = await waitForStack(StackName);
    expect(stack.StackStatus, stack.StackStatusReason).toBe("CREATE_COMPLETE");
    const types = await resourceTypes(StackName);
    expect(types.filter((t) => t === "AWS::EC2::NatGateway")).toHaveLength(3);
    expect(types.filter((t) => t === "AWS::EC2::Subnet")).toHaveLength(6);
    expect(stack.Outputs!.find((o) => o.OutputKey === "PrivateSubnetIds")!.OutputValue!.split(",")).toHaveLength(3);
    await sandbox.cfn.send(new DeleteStackCommand({ StackName }));
    expect((await waitForStack(stack.StackId!)).StackStatus).toBe("DELETE_COMPLETE");
  });

  it("creates every stack of both environments side by side in dependency order", async () => {
    for (const environment of ENVIRONMENTS) {
      for (const template of order) {
        await sandbox.cfn.send(new CreateStackCommand({
          StackName: `${environment}-${template}`, TemplateBody: bodies[template],
          Parameters: stackParameters(environment, template), Capabilities: ["CAPABILITY_NAMED_IAM"],
        }));
        const stack = await waitForStack(`${environment}-${template}`);
        expect(stack.StackStatus, `${environment}-${template}: ${stack.StackStatusReason}`).toBe("CREATE_COMPLETE");
      }
    }
    const exports = await exportNames();
    for (const environment of ENVIRONMENTS) {
      for (const name of ["network-VpcId", "network-PrivateSubnetIds", "security-ServiceSecurityGroupId", "database-EndpointAddress",
        "database-MasterUserSecretArn", "cache-PrimaryEndpointAddress", "cache-AuthTokenSecretArn", "iam-TaskExecutionRoleArn",
        "load-balancer-BackendTargetGroupArn", "load-balancer-DnsName", "service-ClusterName"]) {
        expect(exports).toContain(`${environment}-${name}`);
      }
    }
    expect(exports).toContain("production-load-balancer-HttpsListenerArn");
    expect(exports).not.toContain("staging-load-balancer-HttpsListenerArn");
  }, 60_000);

  it.each(ENVIRONMENTS)("gives %s the resources its profile asks for", async (environment) => {
    const stacks = profiles[environment].stacks;
    const url = (await describeStack(`${environment}-load-balancer`)).Outputs!.find((o) => o.OutputKey === "ApplicationUrl")!.OutputValue!;
    expect(url).toMatch(environment === "production" ? /^https:\/\// : /^http:\/\//);
    const count = (types: string[], type: string) => types.filter((t) => t === type).length;
    expect(count(await resourceTypes(`${environment}-network`), "AWS::EC2::NatGateway")).toBe(environment === "production" ? 2 : 1);
    const { MetricAlarms } = await sandbox.cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: `stackdeck-${environment}-postgres-` }));
    expect(MetricAlarms!.map((a) => a.MetricName).sort()).toEqual(["CPUUtilization", "DatabaseConnections", "FreeStorageSpace"]);
    const alb = await sandbox.cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: `stackdeck-${environment}-alb-` }));
    expect(alb.MetricAlarms).toHaveLength(5);
    const cluster = `stackdeck-${environment}`;
    const { serviceArns } = await sandbox.ecs.send(new ListServicesCommand({ cluster }));
    expect(serviceArns).toHaveLength(2);
    const { services } = await sandbox.ecs.send(new DescribeServicesCommand({ cluster, services: serviceArns }));
    for (const service of services!) {
      expect(service.desiredCount).toBe(Number(stacks.service.parameters.DesiredCount));
      expect(service.launchType).toBe("FARGATE");
      expect(service.enableExecuteCommand).toBe(true);
      expect(service.networkConfiguration?.awsvpcConfiguration?.assignPublicIp).toBe("DISABLED");
      expect(service.loadBalancers).toHaveLength(1);
    }
    const scaling = count(await resourceTypes(`${environment}-service`), "AWS::ApplicationAutoScaling::ScalingPolicy");
    expect(scaling).toBe(stacks.service.parameters.EnableAutoScaling === "true" ? 4 : 0);
  });

  it("adds and removes production's optional read replica by updating the database stack", async () => {
    const update = async (CreateReadReplica: string) => {
      await sandbox.cfn.send(new UpdateStackCommand({
        StackName: "production-database", TemplateBody: bodies.database, Capabilities: ["CAPABILITY_NAMED_IAM"],
        Parameters: stackParameters("production", "database", { CreateReadReplica }),
      }));
      const stack = await waitForStack("production-database");
      expect(stack.StackStatus, stack.StackStatusReason).toBe("UPDATE_COMPLETE");
      return stack.Outputs!.some((o) => o.OutputKey === "ReadReplicaEndpointAddress");
    };
    expect(await update("true")).toBe(true);
    expect(await update("false")).toBe(false);
  });

  it("refuses a parameter value outside its AllowedValues with CloudFormation's message", async () => {
    const create = sandbox.cfn.send(new CreateStackCommand({
      StackName: "staging-network-invalid", TemplateBody: bodies.network,
      Parameters: stackParameters("staging", "network", { NatGatewayMode: "two" }), Capabilities: ["CAPABILITY_NAMED_IAM"],
    }));
    await expect(create).rejects.toMatchObject({ name: "ValidationError", message: "Parameter 'NatGatewayMode' must be one of AllowedValues" });
  });

  it("keeps the network stack while other stacks import its exports", async () => {
    await sandbox.cfn.send(new DeleteStackCommand({ StackName: "staging-network" }));
    const stack = await waitForStack("staging-network");
    expect(stack.StackStatus).toBe("DELETE_FAILED");
    expect(stack.StackStatusReason).toMatch(/staging-network-\w+.* in use by staging-/);
    expect(await exportNames()).toContain("staging-network-VpcId");
  });

  it("deletes every stack in reverse order once production's deletion protection is switched off", async () => {
    // Deletion protection holds production's database and load balancer until it is switched off by an update.
    for (const template of ["database", "load-balancer"]) {
      await sandbox.cfn.send(new UpdateStackCommand({
        StackName: `production-${template}`, TemplateBody: bodies[template], Capabilities: ["CAPABILITY_NAMED_IAM"],
        Parameters: stackParameters("production", template, { DeletionProtection: "false" }),
      }));
      expect((await waitForStack(`production-${template}`)).StackStatus).toBe("UPDATE_COMPLETE");
    }
    for (const environment of ENVIRONMENTS) {
      for (const template of [...order].reverse()) {
        const { StackId } = await describeStack(`${environment}-${template}`);
        await sandbox.cfn.send(new DeleteStackCommand({ StackName: StackId }));
        const stack = await waitForStack(StackId!);
        expect(stack.StackStatus, `${environment}-${template}: ${stack.StackStatusReason}`).toBe("DELETE_COMPLETE");
      }
      const { MetricAlarms } = await sandbox.cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: `stackdeck-${environment}-` }));
      expect(MetricAlarms).toEqual([]);
    }
    expect((await exportNames()).filter((name) => /^(staging|production)-/.test(name))).toEqual([]);
  }, 60_000);
});
