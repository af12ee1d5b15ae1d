import { CloudFormationClient, DescribeStacksCommand, DeleteStackCommand } from "@aws-sdk/client-cloudformation";
import { DescribeAlarmsCommand, ListMetricsCommand, SetAlarmStateCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeServicesCommand } from "@aws-sdk/client-ecs";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AwsError, UnknownOperationError, type QueryService, type RequestContext } from "../core/contracts.ts";
import { sandboxClientConfig } from "../testing/client-config.ts";
import { startStubQuerySandbox } from "../testing/stub-sandbox.ts";

// A stand-in CloudFormation that answers fixed XML, so these tests pin the wire protocol itself.
const received: { action: string; params: Record<string, string>; ctx: RequestContext }[] = [];
const stubQuery: QueryService = {
  protocol: "query",
  async handle(action, params, ctx) {
    received.push({ action, params, ctx });
    if (action === "DescribeStacks" && params.StackName === "missing") {
      throw new AwsError("ValidationError", "Stack with id missing does not exist");
    }
    if (action === "DescribeStacks" && params.StackName === "crash") throw new Error("boom");
    if (action === "DescribeStacks") {
      return "<Stacks><member><StackName>a &amp; b &lt;c&gt;</StackName><StackId>arn:x</StackId>" +
        "<StackStatus>CREATE_COMPLETE</StackStatus><CreationTime>2024-05-01T10:00:00.000Z</CreationTime></member></Stacks>";
    }
    if (action === "DeleteStack") return "";
    throw new UnknownOperationError(action);
  },
};

let sandbox: Awaited<ReturnType<typeof startStubQuerySandbox>>;
beforeAll(async () => {
  sandbox = await startStubQuerySandbox(stubQuery);
});
afterAll(() => sandbox.close());

const post = (body: string | Uint8Array, headers: Record<string, string>) =>
  fetch(sandbox.url, { method: "POST", body, headers });

describe("awsQuery (CloudFormation)", () => {
  test("a success reply is read by the real client, with escaped text, dates and the request id", async () => {
    const output = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "web" }));
    expect(output.Stacks?.[0]?.StackName).toBe("a & b <c>");
    expect(output.Stacks?.[0]?.CreationTime).toEqual(new Date("2024-05-01T10:00:00.000Z"));
    expect(output.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(received.at(-1)).toMatchObject({ action: "DescribeStacks", params: { StackName: "web" }, ctx: { region: "us-east-1", accountId: "000000000000" } });
  });

  test("the region comes from the SigV4 credential scope", async () => {
    const client = new CloudFormationClient(sandboxClientConfig(sandbox.url, { region: "eu-west-1" }));
    await client.send(new DescribeStacksCommand({}));
    client.destroy();
    expect(received.at(-1)?.ctx.region).toBe("eu-west-1");
  });

  test("an operation without output succeeds", async () => {
    const output = await sandbox.cfn.send(new DeleteStackCommand({ StackName: "web" }));
    expect(output.$metadata.httpStatusCode).toBe(200);
  });

  test("errors are ErrorResponse with HTTP 400, raised with the code as name", async () => {
    const error = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "missing" })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ValidationError", message: "Stack with id missing does not exist", $metadata: { httpStatusCode: 400 } });
  });

  test("an unexpected exception answers 500 InternalFailure and the server keeps serving", async () => {
    const error = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "crash" })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "InternalFailure", $metadata: { httpStatusCode: 500 } });
    const health = await fetch(`${sandbox.url}/_sandbox/health`);
    expect(await health.json()).toEqual({ status: "ok" });
  });

  test("unknown actions, a missing Action and a wrong Version get AWS's errors", async () => {
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const unknown = await post("Action=FlyToMoon&Version=2010-05-15", form);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("<Code>InvalidAction</Code>");
    const missing = await post("Version=2010-05-15", form);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toMatch(/<ErrorResponse.*<Type>Sender<\/Type><Code>MissingAction<\/Code>/);
    const version = await post("Action=DescribeStacks&Version=1999-01-01", form);
    expect(await version.text()).toContain("<Code>NoSuchVersion</Code>");
  });

  test("a malformed Authorization header is rejected like AWS does", async () => {
    const response = await post("Action=DescribeStacks&Version=2010-05-15", {
      "content-type": "application/x-www-form-urlencoded",
      authorization: "AWS4-HMAC-SHA256 Credential=nonsense",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("<Code>IncompleteSignature</Code>");
  });
});

describe("JSON protocols", () => {
  test("CloudWatch errors carry the query-compatible code (e.Code) and modelled exception", async () => {
    const error = await sandbox.cw.send(new SetAlarmStateCommand({ AlarmName: "nope", StateValue: "ALARM", StateReason: "test" })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ResourceNotFound", Code: "ResourceNotFound", Type: "Sender", $metadata: { httpStatusCode: 404 } });
    expect((error as { $metadata: { requestId?: string } }).$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("CloudWatch validation errors map to InvalidParameterValueException", async () => {
    const error = await sandbox.cw.send(new DescribeAlarmsCommand({ StateValue: "PURPLE" as never })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "InvalidParameterValueException", Code: "InvalidParameterValue", $metadata: { httpStatusCode: 400 } });
  });

  test("ECS errors are modelled exceptions", async () => {
    const error = await sandbox.ecs.send(new DescribeServicesCommand({ cluster: "none", services: ["web"] })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ClusterNotFoundException", message: "Cluster not found.", $metadata: { httpStatusCode: 400 } });
  });

  test("unknown operations and targets answer UnknownOperationException", async () => {
    for (const target of ["GraniteServiceVersion20100801.LaunchRocket", "AmazonEC2ContainerServiceV20141113.Nope", "SomethingElse.Op"]) {
      const response = await post("{}", { "x-amz-target": target, "content-type": "application/x-amz-json-1.1" });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { __type: string }).__type).toMatch(/UnknownOperationException$/);
    }
  });

  test("malformed JSON bodies answer SerializationException, with the query error header for CloudWatch", async () => {
    const ecs = await post("{not json", { "x-amz-target": "AmazonEC2ContainerServiceV20141113.ListClusters" });
    expect(ecs.status).toBe(400);
    expect(((await ecs.json()) as { __type: string }).__type).toBe("SerializationException");
    const cw = await post("[1,2]", { "x-amz-target": "GraniteServiceVersion20100801.DescribeAlarms" });
    expect(cw.status).toBe(400);
    expect(cw.headers.get("x-amzn-query-error")).toBe("SerializationException;Sender");
  });

  test("gzip-compressed bodies (CloudWatch PutMetricData above ~10 KiB) are accepted", async () => {
    const metricData = Array.from({ length: 200 }, (_, i) => ({ MetricName: "Zipped", Value: i }));
    const response = await post(gzipSync(JSON.stringify({ Namespace: "Stackdeck/Gzip", MetricData: metricData })), {
      "x-amz-target": "GraniteServiceVersion20100801.PutMetricData",
      "content-type": "application/x-amz-json-1.0",
      "content-encoding": "gzip",
    });
    expect(response.status).toBe(200);
    const { Metrics } = await sandbox.cw.send(new ListMetricsCommand({ Namespace: "Stackdeck/Gzip" }));
    expect(Metrics?.map((metric) => metric.MetricName)).toEqual(["Zipped"]);
  });

  test("timestamps are epoch seconds on the wire", async () => {
    await post(JSON.stringify({ clusterName: "wire" }), { "x-amz-target": "AmazonEC2ContainerServiceV20141113.CreateCluster" });
    await post(JSON.stringify({ family: "wire", containerDefinitions: [{ name: "app", image: "nginx" }] }),
      { "x-amz-target": "AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition" });
    const response = await post(JSON.stringify({ taskDefinition: "wire" }), { "x-amz-target": "AmazonEC2ContainerServiceV20141113.DescribeTaskDefinition" });
    const body = (await response.json()) as { taskDefinition: { registeredAt: unknown } };
    expect(typeof body.taskDefinition.registeredAt).toBe("number");
    expect(response.headers.get("content-type")).toBe("application/x-amz-json-1.1");
  });
});
