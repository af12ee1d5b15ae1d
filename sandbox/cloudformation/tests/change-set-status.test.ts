// Change sets that can no longer run. AWS (ChangeSetSummary / DescribeChangeSet API reference): ExecutionStatus is
// OBSOLETE "because the stack was already updated"; executing such a change set, or one still being created, fails
// with InvalidChangeSetStatus (InvalidChangeSetStatusException in the SDK), worded as AWS answers it:
// "ChangeSet [<arn>] cannot be executed in its current status of [CREATE_PENDING]" and
// "... cannot be executed in its current execution status of [OBSOLETE]".
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  CreateChangeSetCommand, CreateStackCommand, DescribeChangeSetCommand, DescribeStacksCommand, ExecuteChangeSetCommand,
  ListChangeSetsCommand, UpdateStackCommand, waitUntilChangeSetCreateComplete,
} from "@aws-sdk/client-cloudformation";
import { startTestSandbox, type TestSandbox } from "../../testing/harness.ts";
import { stackStatuses, waitForStack } from "../testing/helpers.ts";

let sandbox: TestSandbox;
beforeAll(async () => void (sandbox = await startTestSandbox()));
afterAll(() => sandbox.close());

const body = (days: number) => `Resources:\n  Logs: { Type: AWS::Logs::LogGroup, Properties: { RetentionInDays: ${days} } }\n`;

async function executionStatus(changeSetName: string): Promise<[string | undefined, string | undefined]> {
  const result = await sandbox.cfn.send(new DescribeChangeSetCommand({ StackName: "orders", ChangeSetName: changeSetName }));
  return [result.Status, result.ExecutionStatus];
}

/**
 * Creates a change set whose first computing step (CREATE_PENDING, one simulated second) takes 200 ms instead of
 * 1 ms, so the next call surely finds it still pending; the sandbox's clock takes the speed when a delay starts.
 */
async function slowlyComputed<T>(create: () => Promise<T>): Promise<T> {
  await sandbox.config({ speed: 0.2 });
  try {
    return await create();
  } finally {
    await sandbox.config({ speed: 0.001 });
  }
}

it("marks a change set OBSOLETE when its stack is updated directly and refuses to execute it", async () => {
  await sandbox.cfn.send(new CreateStackCommand({ StackName: "orders", TemplateBody: body(7) }));
  expect(await waitForStack(sandbox.cfn, "orders")).toBe("CREATE_COMPLETE");

  const { Id } = await slowlyComputed(() => sandbox.cfn.send(new CreateChangeSetCommand({ StackName: "orders", ChangeSetName: "longer", TemplateBody: body(14) })));
  await expect(sandbox.cfn.send(new ExecuteChangeSetCommand({ StackName: "orders", ChangeSetName: "longer" }))).rejects.toMatchObject({
    name: "InvalidChangeSetStatusException",
    message: `ChangeSet [${Id}] cannot be executed in its current status of [CREATE_PENDING]`,
  });
  await waitUntilChangeSetCreateComplete({ client: sandbox.cfn, maxWaitTime: 10, minDelay: 1 }, { StackName: "orders", ChangeSetName: "longer" });
  expect(await executionStatus("longer")).toEqual(["CREATE_COMPLETE", "AVAILABLE"]);

  await sandbox.cfn.send(new UpdateStackCommand({ StackName: "orders", TemplateBody: body(30) }));
  // OBSOLETE as soon as the direct update starts, not only when it finishes.
  expect(await executionStatus("longer")).toEqual(["CREATE_COMPLETE", "OBSOLETE"]);
  expect(await waitForStack(sandbox.cfn, "orders")).toBe("UPDATE_COMPLETE");
  expect(await executionStatus("longer")).toEqual(["CREATE_COMPLETE", "OBSOLETE"]);
  const { Summaries } = await sandbox.cfn.send(new ListChangeSetsCommand({ StackName: "orders" }));
  expect(Summaries?.map((s) => [s.ChangeSetId, s.Status, s.ExecutionStatus])).toEqual([[Id, "CREATE_COMPLETE", "OBSOLETE"]]);

  for (const name of ["longer", Id!]) {
    await expect(sandbox.cfn.send(new ExecuteChangeSetCommand({ StackName: "orders", ChangeSetName: name }))).rejects.toMatchObject({
      name: "InvalidChangeSetStatusException",
      $fault: "client",
      message: `ChangeSet [${Id}] cannot be executed in its current execution status of [OBSOLETE]`,
    });
  }
  // The refused execution changed nothing: no new operation, and the direct update's template stays.
  expect((await stackStatuses(sandbox.cfn, "orders")).slice(2)).toEqual(["UPDATE_IN_PROGRESS", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_COMPLETE"]);
  const { Stacks } = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "orders" }));
  expect([Stacks?.[0]?.StackStatus, Stacks?.[0]?.ChangeSetId]).toEqual(["UPDATE_COMPLETE", undefined]);
});

it("makes a stack's other change sets OBSOLETE when one of them is executed", async () => {
  await sandbox.cfn.send(new CreateChangeSetCommand({ StackName: "orders", ChangeSetName: "week", TemplateBody: body(7) }));
  await sandbox.cfn.send(new CreateChangeSetCommand({ StackName: "orders", ChangeSetName: "fortnight", TemplateBody: body(14) }));
  for (const name of ["week", "fortnight"]) {
    await waitUntilChangeSetCreateComplete({ client: sandbox.cfn, maxWaitTime: 10, minDelay: 1 }, { StackName: "orders", ChangeSetName: name });
  }
  await sandbox.cfn.send(new ExecuteChangeSetCommand({ StackName: "orders", ChangeSetName: "week" }));
  expect(await waitForStack(sandbox.cfn, "orders")).toBe("UPDATE_COMPLETE");
  expect(await executionStatus("week")).toEqual(["CREATE_COMPLETE", "EXECUTE_COMPLETE"]);
  expect(await executionStatus("fortnight")).toEqual(["CREATE_COMPLETE", "OBSOLETE"]);
  await expect(sandbox.cfn.send(new ExecuteChangeSetCommand({ StackName: "orders", ChangeSetName: "week" })))
    .rejects.toMatchObject({ name: "InvalidChangeSetStatusException", message: expect.stringMatching(/cannot be executed in its current execution status of \[EXECUTE_COMPLETE\]$/) });
});

it("keeps a change set OBSOLETE when the stack is updated while the change set is still being computed", async () => {
  const { Id } = await slowlyComputed(() => sandbox.cfn.send(new CreateChangeSetCommand({ StackName: "orders", ChangeSetName: "stale", TemplateBody: body(60) })));
  await sandbox.cfn.send(new UpdateStackCommand({ StackName: "orders", TemplateBody: body(90) }));
  expect(await executionStatus("stale")).toEqual(["CREATE_PENDING", "OBSOLETE"]);
  expect(await waitForStack(sandbox.cfn, "orders")).toBe("UPDATE_COMPLETE");
  let status = await executionStatus("stale");
  while (status[0] !== "CREATE_COMPLETE") status = (await new Promise((r) => setTimeout(r, 10)), await executionStatus("stale"));
  expect(status).toEqual(["CREATE_COMPLETE", "OBSOLETE"]);
  await expect(sandbox.cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: Id })))
    .rejects.toMatchObject({ name: "InvalidChangeSetStatusException", message: `ChangeSet [${Id}] cannot be executed in its current execution status of [OBSOLETE]` });
});
