// DescribeStackEvents on a stack with 1,000+ events must answer in under 20 ms (events are indexed per stack).
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "../../testing/harness.ts";
import { createStackWithManyEvents, describeEventsLatencies, percentile } from "../testing/many-events.ts";

let sandbox: TestSandbox;
beforeAll(async () => void (sandbox = await startTestSandbox({ speed: 0.0005 })));
afterAll(() => sandbox.close());

it("answers DescribeStackEvents on a 1,000-event stack in under 20 ms", async () => {
  expect(await createStackWithManyEvents(sandbox.cfn, "many-events")).toBeGreaterThanOrEqual(1000);
  await describeEventsLatencies(sandbox.cfn, "many-events", 10);
  const latencies = await describeEventsLatencies(sandbox.cfn, "many-events", 50);
  expect(percentile(latencies, 95)).toBeLessThan(20);
});
