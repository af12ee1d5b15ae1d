// Throttling through CloudFormation with the real SDK's retry strategy. AWS publishes no CloudFormation rate limit;
// throttled calls answer the `Throttling` error code, which the SDK (standard retry mode, 3 attempts by default)
// classifies as throttling and retries with backoff.
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { startTestSandbox, type TestSandbox } from "../../testing/harness.ts";
import { waitForStack } from "../testing/helpers.ts";

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  await sandbox.cfn.send(new CreateStackCommand({ StackName: "busy", TemplateBody: `Resources:\n  Topic: { Type: AWS::SNS::Topic }\n` }));
  expect(await waitForStack(sandbox.cfn, "busy")).toBe("CREATE_COMPLETE");
});
afterEach(() => sandbox.config({ throttleRate: 0 }));
afterAll(() => sandbox.close());

interface Stats {
  calls: Record<string, Record<string, number>>;
  throttled: number;
}

it("answers every call with Throttling at rate 1, which a client without retries surfaces as is", async () => {
  const before = (await sandbox.stats()) as Stats;
  await sandbox.config({ throttleRate: 1 });
  const error: unknown = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "busy" })).catch((e: unknown) => e);
  expect(error).toMatchObject({ name: "Throttling", message: "Rate exceeded", $fault: "client", $metadata: { httpStatusCode: 400, attempts: 1 } });
  const after = (await sandbox.stats()) as Stats;
  expect(after.throttled - before.throttled).toBe(1);
});

it("lets the SDK's default retries ride through a 50% throttle rate", async () => {
  const client = new CloudFormationClient({ ...sandbox.clientConfig(), maxAttempts: undefined });
  try {
    expect(await client.config.maxAttempts()).toBe(3);
    const before = (await sandbox.stats()) as Stats;
    await sandbox.config({ throttleRate: 0.5 });
    // Until one call succeeds after at least one throttled attempt (P(a call does so) = 3/8, so this ends quickly).
    let retriedSuccess: number | undefined;
    const outcomes: string[] = [];
    for (let i = 0; i < 40 && retriedSuccess === undefined; i++) {
      try {
        const { Stacks, $metadata } = await client.send(new DescribeStacksCommand({ StackName: "busy" }));
        expect(Stacks?.[0]?.StackStatus).toBe("CREATE_COMPLETE");
        outcomes.push(`ok after ${$metadata.attempts}`);
        if (($metadata.attempts ?? 1) > 1) retriedSuccess = $metadata.attempts;
      } catch (error) {
        // Three throttled attempts in a row (P = 1/8): the SDK gives up with the service's error.
        expect(error).toMatchObject({ name: "Throttling", $metadata: { attempts: 3 } });
        outcomes.push("throttled 3 times");
      }
    }
    expect(retriedSuccess, outcomes.join(", ")).toBeGreaterThan(1);
    const after = (await sandbox.stats()) as Stats;
    expect(after.throttled - before.throttled).toBeGreaterThanOrEqual(1);
    expect(after.calls.cloudformation?.DescribeStacks).toBeGreaterThan(before.calls.cloudformation?.DescribeStacks ?? 0);
  } finally {
    client.destroy();
  }
});
