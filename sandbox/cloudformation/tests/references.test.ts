// What Ref and Fn::GetAtt return for every resource type our templates use (and AWS::SNS::Topic), checked against
// AWS's documentation and resource specification: where the specification's Ref identifier is an attribute, Ref
// equals that attribute; every value has the format AWS documents for the type.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CreateStackCommand, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { startTestSandbox, type TestSandbox } from "../../testing/harness.ts";
import { waitForStack } from "../testing/helpers.ts";
import { attributeNames, loadResourceSpec, refIdentifier } from "../spec.ts";

const ACCOUNT = "\\d{12}";
const HEX17 = "[0-9a-f]{17}";

/** Logical id -> type, properties (YAML flow), and the documented format of its Ref (a RegExp, or "=Attribute"). */
const RESOURCES: Record<string, { type: string; props: string; ref: RegExp; sameAs?: string }> = {
  Vpc: { type: "AWS::EC2::VPC", props: "{ CidrBlock: 10.0.0.0/16 }", ref: new RegExp(`^vpc-${HEX17}$`) },
  Subnet: { type: "AWS::EC2::Subnet", props: "{ VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 }", ref: new RegExp(`^subnet-${HEX17}$`) },
  Igw: { type: "AWS::EC2::InternetGateway", props: "{}", ref: new RegExp(`^igw-${HEX17}$`) },
  Attach: { type: "AWS::EC2::VPCGatewayAttachment", props: "{ VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw }", ref: new RegExp(`^IGW\\|vpc-${HEX17}$`) },
  Table: { type: "AWS::EC2::RouteTable", props: "{ VpcId: !Ref Vpc }", ref: new RegExp(`^rtb-${HEX17}$`) },
  Route: { type: "AWS::EC2::Route", props: "{ RouteTableId: !Ref Table, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw }", ref: new RegExp(`^rtb-${HEX17}\\|0\\.0\\.0\\.0/0$`) },
  Assoc: { type: "AWS::EC2::SubnetRouteTableAssociation", props: "{ SubnetId: !Ref Subnet, RouteTableId: !Ref Table }", ref: new RegExp(`^rtbassoc-${HEX17}$`) },
  Eip: { type: "AWS::EC2::EIP", props: "{ Domain: vpc }", ref: /^\d+\.\d+\.\d+\.\d+$/ },
  Nat: { type: "AWS::EC2::NatGateway", props: "{ SubnetId: !Ref Subnet, AllocationId: !GetAtt Eip.AllocationId }", ref: new RegExp(`^nat-${HEX17}$`) },
  Endpoint: { type: "AWS::EC2::VPCEndpoint", props: "{ VpcId: !Ref Vpc, ServiceName: com.amazonaws.us-east-1.s3 }", ref: new RegExp(`^vpce-${HEX17}$`) },
  Group: { type: "AWS::EC2::SecurityGroup", props: "{ GroupDescription: web, VpcId: !Ref Vpc }", ref: new RegExp(`^sg-${HEX17}$`), sameAs: "GroupId" },
  Ingress: { type: "AWS::EC2::SecurityGroupIngress", props: "{ GroupId: !Ref Group, IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }", ref: new RegExp(`^sgr-${HEX17}$`) },
  Logs: { type: "AWS::Logs::LogGroup", props: "{ LogGroupName: /refs/flow }", ref: /^\/refs\/flow$/ },
  FlowRole: { type: "AWS::IAM::Role", props: "{ RoleName: refs-flow, AssumeRolePolicyDocument: {} }", ref: /^refs-flow$/ },
  Flow: { type: "AWS::EC2::FlowLog", props: "{ ResourceId: !Ref Vpc, ResourceType: VPC, TrafficType: ALL, LogGroupName: !Ref Logs, DeliverLogsPermissionArn: !GetAtt FlowRole.Arn }", ref: new RegExp(`^fl-${HEX17}$`) },
  Policy: { type: "AWS::IAM::Policy", props: "{ PolicyName: p, PolicyDocument: {}, Roles: [!Ref FlowRole] }", ref: /^.+$/ },
  Oidc: { type: "AWS::IAM::OIDCProvider", props: "{ Url: https://token.actions.githubusercontent.com, ClientIdList: [sts.amazonaws.com] }", ref: new RegExp(`^arn:aws:iam::${ACCOUNT}:oidc-provider/token\\.actions\\.githubusercontent\\.com$`) },
  Key: { type: "AWS::KMS::Key", props: "{ KeyPolicy: {} }", ref: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/ },
  Alias: { type: "AWS::KMS::Alias", props: "{ AliasName: alias/refs, TargetKeyId: !Ref Key }", ref: /^alias\/refs$/ },
  Secret: { type: "AWS::SecretsManager::Secret", props: "{ Name: refs-secret, SecretString: x }", ref: new RegExp(`^arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:refs-secret-[A-Za-z0-9]{6}$`) },
  DbSubnets: { type: "AWS::RDS::DBSubnetGroup", props: "{ DBSubnetGroupDescription: d, SubnetIds: [!Ref Subnet] }", ref: /^[a-z0-9-]+$/ },
  DbParams: { type: "AWS::RDS::DBParameterGroup", props: "{ Description: d, Family: postgres16 }", ref: /^[a-z0-9-]+$/ },
  Db: { type: "AWS::RDS::DBInstance", props: "{ DBInstanceIdentifier: refs-db, Engine: postgres, DBInstanceClass: db.t3.micro, AllocatedStorage: 20, DBSubnetGroupName: !Ref DbSubnets }", ref: /^refs-db$/ },
  CacheSubnets: { type: "AWS::ElastiCache::SubnetGroup", props: "{ Description: c, SubnetIds: [!Ref Subnet] }", ref: /^[a-z0-9-]+$/ },
  CacheParams: { type: "AWS::ElastiCache::ParameterGroup", props: "{ CacheParameterGroupFamily: redis7, Description: c }", ref: /^[a-z0-9-]+$/ },
  Cache: { type: "AWS::ElastiCache::ReplicationGroup", props: "{ ReplicationGroupDescription: c, Engine: redis, CacheNodeType: cache.t3.micro, CacheSubnetGroupName: !Ref CacheSubnets }", ref: /^[a-z0-9-]+$/ },
  Lb: { type: "AWS::ElasticLoadBalancingV2::LoadBalancer", props: "{ Subnets: [!Ref Subnet] }", ref: new RegExp(`^arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/[^/]+/[0-9a-f]{16}$`) },
  Targets: { type: "AWS::ElasticLoadBalancingV2::TargetGroup", props: "{ Port: 80, Protocol: HTTP, VpcId: !Ref Vpc, TargetType: ip }", ref: new RegExp(`^arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/[^/]+/[0-9a-f]{16}$`) },
  Listener: { type: "AWS::ElasticLoadBalancingV2::Listener", props: "{ LoadBalancerArn: !Ref Lb, Port: 80, Protocol: HTTP, DefaultActions: [{ Type: forward, TargetGroupArn: !Ref Targets }] }", ref: new RegExp(`:listener/app/[^/]+/[0-9a-f]{16}/[0-9a-f]{16}$`) },
  Rule: { type: "AWS::ElasticLoadBalancingV2::ListenerRule", props: "{ ListenerArn: !Ref Listener, Priority: 1, Conditions: [{ Field: path-pattern, Values: [/api/*] }], Actions: [{ Type: forward, TargetGroupArn: !Ref Targets }] }", ref: new RegExp(`:listener-rule/app/[^/]+/[0-9a-f]{16}/[0-9a-f]{16}/[0-9a-f]{16}$`) },
  Cluster: { type: "AWS::ECS::Cluster", props: "{ ClusterName: refs }", ref: /^refs$/ },
  Task: { type: "AWS::ECS::TaskDefinition", props: "{ Family: refs-web, Cpu: '256', Memory: '512', NetworkMode: awsvpc, RequiresCompatibilities: [FARGATE], ContainerDefinitions: [{ Name: web, Image: nginx }] }", ref: new RegExp(`^arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/refs-web:1$`) },
  Service: { type: "AWS::ECS::Service", props: "{ Cluster: !Ref Cluster, ServiceName: web, TaskDefinition: !Ref Task, DesiredCount: 1, LaunchType: FARGATE }", ref: new RegExp(`^arn:aws:ecs:us-east-1:${ACCOUNT}:service/refs/web$`) },
  Scaling: { type: "AWS::ApplicationAutoScaling::ScalableTarget", props: "{ ServiceNamespace: ecs, ScalableDimension: ecs:service:DesiredCount, ResourceId: service/refs/web, MinCapacity: 1, MaxCapacity: 2 }", ref: /^service\/refs\/web\|ecs:service:DesiredCount\|ecs$/ },
  ScalePolicy: { type: "AWS::ApplicationAutoScaling::ScalingPolicy", props: "{ PolicyName: cpu, PolicyType: TargetTrackingScaling, ScalingTargetId: !Ref Scaling }", ref: new RegExp(`^arn:aws:autoscaling:us-east-1:${ACCOUNT}:scalingPolicy:`) },
  Alarm: { type: "AWS::CloudWatch::Alarm", props: "{ AlarmName: refs-cpu, Namespace: AWS/ECS, MetricName: CPUUtilization, Statistic: Average, Period: 60, EvaluationPeriods: 1, Threshold: 90, ComparisonOperator: GreaterThanThreshold }", ref: /^refs-cpu$/ },
  Topic: { type: "AWS::SNS::Topic", props: "{ TopicName: refs-alerts }", ref: new RegExp(`^arn:aws:sns:us-east-1:${ACCOUNT}:refs-alerts$`) },
};

let sandbox: TestSandbox;
let outputs: Record<string, string>;

beforeAll(async () => {
  await loadResourceSpec();
  sandbox = await startTestSandbox({ speed: 0.0005 });
  const resources = Object.entries(RESOURCES).map(([id, r]) => `  ${id}:\n    Type: ${r.type}\n    Properties: ${r.props}`).join("\n");
  const refs = Object.keys(RESOURCES).map((id) => `  Ref${id}: { Value: !Ref ${id} }`);
  const atts = Object.entries(RESOURCES).flatMap(([id, r]) => checkedAttribute(r.type, r.sameAs) ? [`  Att${id}: { Value: !GetAtt ${id}.${checkedAttribute(r.type, r.sameAs)} }`] : []);
  const body = `Resources:\n${resources}\nOutputs:\n${[...refs, ...atts].join("\n")}\n`;
  await sandbox.cfn.send(new CreateStackCommand({ StackName: "refs", TemplateBody: body, Capabilities: ["CAPABILITY_NAMED_IAM"] }));
  expect(await waitForStack(sandbox.cfn, "refs", 60_000)).toBe("CREATE_COMPLETE");
  const { Stacks } = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "refs" }));
  outputs = Object.fromEntries((Stacks![0]!.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
}, 90_000);
afterAll(() => sandbox?.close());

/** The attribute Ref must equal: the specification's single Ref identifier when it is an attribute of the type. */
function checkedAttribute(type: string, sameAs?: string): string | undefined {
  const ids = refIdentifier(type);
  if (ids.length === 1 && attributeNames(type).includes(ids[0]!)) return ids[0];
  return sameAs;
}

it("covers every resource type our templates use", () => {
  const dir = path.resolve(import.meta.dirname, "../../../infra-templates");
  const used = new Set(readdirSync(dir).filter((f) => f.endsWith(".yaml")).flatMap((f) => [...readFileSync(path.join(dir, f), "utf8").matchAll(/Type: (AWS::[A-Za-z0-9:]+)/g)].map((m) => m[1]!)));
  const covered = new Set(Object.values(RESOURCES).map((r) => r.type));
  expect([...used].filter((t) => !covered.has(t))).toEqual([]);
});

it.each(Object.entries(RESOURCES))("Ref %s has the documented format and equals its Ref attribute", (id, r) => {
  expect(outputs[`Ref${id}`]).toMatch(r.ref);
  const attribute = checkedAttribute(r.type, r.sameAs);
  if (attribute) expect([attribute, outputs[`Ref${id}`]]).toEqual([attribute, outputs[`Att${id}`]]);
});
