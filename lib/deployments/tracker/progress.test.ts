import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestSandbox } from "../../../sandbox/testing/harness.ts";
import { getDeployment } from "../queries.ts";
import { makeActor } from "../../testing/fixtures.ts";
import { pollDeployment } from "./poll.ts";
import { chainTemplate, createDeployingRecord, createStackIn, logicalIds, startSandboxForApp, uniqueStackName, waitForStack } from "./testing.ts";

// Progress is what the events showed. An endpoint that sends no events for some resources (or events that were
// lost) finishes short of 100 %, and the result says which resources CloudFormation never reported on.

let sandbox: TestSandbox;
beforeAll(async () => void (sandbox = await startSandboxForApp()));
afterAll(() => sandbox?.close());

it("finishes at the progress the events showed and names the resources it never saw events for", async () => {
  const stackName = uniqueStackName("unseen");
  // The change set listed a third resource the stack's events never mention.
  const { db, stackId, deploymentId } = await createDeployingRecord({ stackName, changes: [...logicalIds(2), "Ghost"] });
  await createStackIn(sandbox, db, stackId, stackName, chainTemplate(2));
  await waitForStack(sandbox.cfn, stackName);
  let outcome = "continue";
  for (let i = 0; i < 100 && outcome === "continue"; i++) outcome = await pollDeployment({ db, clockSkewMs: 2_000 }, deploymentId);
  const detail = await getDeployment(db, await makeActor("viewer"), deploymentId);
  expect(detail).toMatchObject({ status: "succeeded", progress: { done: 2, total: 3, percent: 67 } });
  expect(detail.resultReason).toBe(`Created ${stackName}. CloudFormation reported the stack finished, but sent no events for 1 of the 3 changed resources (Ghost).`);
});
