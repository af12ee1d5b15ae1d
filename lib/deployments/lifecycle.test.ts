import { TEMPLATE_DIR, appTemplate, consumerTemplate, fault, names, writeTemplate } from "./test-support/env.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UpdateStackCommand, UpdateTerminationProtectionCommand } from "@aws-sdk/client-cloudformation";
import { startTestSandbox, type TestSandbox } from "../../sandbox/testing/harness.ts";
import type { Db } from "../db/client.ts";
import type { Actor } from "../auth/guard.ts";
import { makeActor, testDb } from "../testing/fixtures.ts";
import { syncTemplateCatalog } from "../templates/sync.ts";
import {
  applyTrackedStatus, cancelDeployment, discardPreview, executeDeployment, NO_CHANGES, OBSOLETE_REASON, requestChange,
} from "./commands.ts";
import { getDeployment, getStackDetail, listDeploymentEvents, listDeployments, listStacks } from "./queries.ts";
import { refreshStaleResources } from "../stacks/resources-refresh.ts";
import { finishPreview, track, waitForStack } from "./test-support/flow.ts";

// The whole life of a stack through the domain commands, against the sandbox and PostgreSQL: each step builds on
// the one before, as a user's session would.

let sandbox: TestSandbox;
let db: Db;
let deployer: Actor;
let admin: Actor;
const stack = `staging-${names.app}`;
const deployments: Record<string, string> = {};

beforeAll(async () => {
  sandbox = await startTestSandbox({ speed: 0.0005 });
  Object.assign(process.env, { AWS_ENDPOINT_URL: sandbox.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" });
  db = await testDb();
  [deployer, admin] = await Promise.all([makeActor("deployer"), makeActor("admin")]);
  writeTemplate(names.app, appTemplate());
  writeTemplate(names.consumer, consumerTemplate());
  await syncTemplateCatalog(db, TEMPLATE_DIR);
});
afterAll(() => sandbox?.close());

const preview = (actor: Actor, input: Parameters<typeof requestChange>[1]["input"]) => requestChange(db, { actor, input });
const execute = (actor: Actor, deploymentId: string) => executeDeployment(db, { actor, input: { deploymentId } });

async function deploy(actor: Actor, input: Parameters<typeof requestChange>[1]["input"]) {
  const started = await preview(actor, input);
  expect(started.status).toBe(input.action === "delete" ? "ready" : "previewing");
  if (input.action !== "delete") expect(await finishPreview(db, started.id)).toBe("ready");
  await execute(actor, started.id);
  return { id: started.id, status: await track(db, started.id) };
}

describe("deployments against the sandbox", () => {
  it("creates a stack: preview, ready with its changes, execute, tracked to succeeded with events and outputs", async () => {
    const started = await preview(deployer, { environment: "staging", template: names.app, action: "create", parameters: { Message: "one" } });
    expect(started).toMatchObject({ stackName: stack, status: "previewing", action: "create", parameters: { Message: "one", EnvironmentName: "staging" } });
    expect(await finishPreview(db, started.id)).toBe("ready");
    const ready = await getDeployment(db, deployer, started.id);
    expect(ready.changes.map((c) => [c.logicalId, c.action]).sort()).toEqual([["Group", "Add"], ["Param", "Add"]]);
    expect(ready.progress).toEqual({ done: 0, total: 2, percent: 0 });

    const executing = await execute(deployer, started.id);
    expect(executing).toMatchObject({ status: "deploying", executedBy: deployer.email });
    expect(await track(db, started.id)).toBe("succeeded");
    deployments.first = started.id;

    const done = await getDeployment(db, deployer, started.id);
    expect(done).toMatchObject({ status: "succeeded", resultReason: `Created ${stack}.`, progress: { percent: 100 } });
    const events = await listDeploymentEvents(db, deployer, started.id, {});
    expect(events.map((e) => `${e.logicalId} ${e.status}`)).toEqual(expect.arrayContaining(["Param CREATE_COMPLETE", `${stack} CREATE_COMPLETE`]));
    const later = await listDeploymentEvents(db, deployer, started.id, { afterId: events[events.length - 2]!.id });
    expect(later).toHaveLength(1);

    // Resources come from the background refresh's snapshot (pages never ask CloudFormation): run it as its job would.
    await refreshStaleResources(db, "staging");
    const detail = await getStackDetail(db, deployer, stack);
    expect(detail).toMatchObject({ status: "CREATE_COMPLETE", parameters: { Message: "one" }, allowedActions: ["update", "rollback-to-version", "delete"] });
    expect(detail.resourcesRefreshedAt).not.toBeNull();
    expect(detail.outputs).toEqual([expect.objectContaining({ key: "ParamName", exportName: `staging-${names.app}-param` })]);
    expect(detail.resources?.map((r) => r.logicalId).sort()).toEqual(["Group", "Param"]);
    expect((await listStacks(db, deployer, "staging", { limit: 200 })).items.map((s) => s.name)).toContain(stack);
    expect(done.costDelta).toMatchObject({ currency: "USD", before: 0 });

    const audit = await db.auditEvent.findMany({ where: { targetId: stack }, orderBy: { seq: "asc" }, select: { action: true, actorLabel: true, details: true } });
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([
      ["deployment.previewed", deployer.email], ["deployment.preview_ready", "system"], ["deployment.executed", deployer.email],
      ["deployment.started", "system"], ["deployment.succeeded", "system"],
    ]);
    expect(audit[0]!.details).toMatchObject({ deploymentId: started.id, action: "create", parameters: { Message: "one" }, changeSetName: expect.stringMatching(/^stackdeck-/) });
  });

  it("refuses a second change while one is pending, naming it, and returns the same deployment for a retried client token", async () => {
    const input = { environment: "staging", template: names.app, action: "update" as const, parameters: { Message: "two" }, clientToken: `${names.app}-retry` };
    const first = await preview(deployer, input);
    const again = await preview(deployer, input);
    expect(again.id).toBe(first.id);
    await expect(preview(deployer, { ...input, clientToken: undefined, parameters: { Message: "other" } }))
      .rejects.toMatchObject({ code: "conflict", message: expect.stringContaining(`already has an active change: ${first.id} (previewing)`) });
    expect(await finishPreview(db, first.id)).toBe("ready");
    deployments.two = first.id;
  });

  it("updates a parameter and shows the parameter diff", async () => {
    await execute(deployer, deployments.two!);
    expect(await track(db, deployments.two!)).toBe("succeeded");
    const detail = await getDeployment(db, deployer, deployments.two!);
    expect(detail.parameterDiff).toEqual([{ name: "Message", before: "one", after: "two" }]);
    expect((await getStackDetail(db, deployer, stack)).parameters.Message).toBe("two");
  });

  it("ends a preview without changes as failed, explained", async () => {
    const started = await preview(deployer, { environment: "staging", template: names.app, action: "update", parameters: { Message: "two" } });
    expect(await finishPreview(db, started.id)).toBe("failed");
    expect((await getDeployment(db, deployer, started.id)).resultReason).toBe(NO_CHANGES);
  });

  it("lets exactly one of two simultaneous requests through (the database's one-active index decides)", async () => {
    const input = (Message: string) => ({ environment: "staging", template: names.app, action: "update" as const, parameters: { Message } });
    const results = await Promise.allSettled([preview(deployer, input("race-a")), preview(admin, input("race-b"))]);
    const won = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toEqual([expect.objectContaining({ code: "conflict", message: expect.stringContaining(`already has an active change: ${won[0]!.id}`) })]);
    expect((await discardPreview(db, { actor: deployer, input: { deploymentId: won[0]!.id } })).status).toBe("cancelled");
  });

  it("rolls a failed update back and says why in one sentence", async () => {
    writeTemplate(names.app, appTemplate({ paramFault: fault("Update", "Parameter quota exceeded"), description: "v2" }));
    await syncTemplateCatalog(db, TEMPLATE_DIR);
    const { id, status } = await deploy(deployer, { environment: "staging", template: names.app, action: "update", parameters: { Message: "three" } });
    expect(status).toBe("rolled_back");
    expect((await getDeployment(db, deployer, id)).resultReason).toBe("Rolled back: Param failed: Parameter quota exceeded.");
    const detail = await getStackDetail(db, deployer, stack);
    expect(detail).toMatchObject({ status: "UPDATE_ROLLBACK_COMPLETE", parameters: { Message: "two" } });
  });

  it("rolls back to an earlier version with that deployment's template version and parameters", async () => {
    const { id, status } = await deploy(deployer, { environment: "staging", template: names.app, action: "rollback", rollbackTo: deployments.first });
    expect(status).toBe("succeeded");
    const [rolled, first] = await Promise.all([getDeployment(db, deployer, id), getDeployment(db, deployer, deployments.first!)]);
    expect(rolled.templateVersion?.id).toBe(first.templateVersion?.id);
    expect(rolled.parameters).toEqual(first.parameters);
    const live = await sandbox.cfn.send(new (await import("@aws-sdk/client-cloudformation")).DescribeStacksCommand({ StackName: stack }));
    expect(live.Stacks?.[0]?.Parameters?.find((p) => p.ParameterKey === "Message")?.ParameterValue).toBe("one");
  });

  it("cancels an update in progress: CloudFormation rolls it back and the deployment ends cancelled", async () => {
    writeTemplate(names.app, appTemplate({ description: "v3" }));
    await syncTemplateCatalog(db, TEMPLATE_DIR);
    const started = await preview(deployer, { environment: "staging", template: names.app, action: "update", parameters: { Message: "four" } });
    expect(await finishPreview(db, started.id)).toBe("ready");
    // Slow enough that the update is still running when the cancel arrives, even on a busy machine.
    await sandbox.config({ speed: 0.2 });
    try {
      await execute(deployer, started.id);
      await cancelDeployment(db, { actor: deployer, input: { deploymentId: started.id } });
    } finally {
      await sandbox.config({ speed: 0.0005 });
    }
    expect(await track(db, started.id)).toBe("cancelled");
    expect((await getDeployment(db, deployer, started.id)).resultReason).toMatch(/^Cancelled: /);
    await expect(cancelDeployment(db, { actor: deployer, input: { deploymentId: started.id } })).rejects.toMatchObject({ code: "conflict" });
  });

  it("refuses to execute a preview whose change set became OBSOLETE", async () => {
    const started = await preview(deployer, { environment: "staging", template: names.app, action: "update", parameters: { Message: "five" } });
    expect(await finishPreview(db, started.id)).toBe("ready");
    // Someone changes the stack outside Stackdeck meanwhile.
    await sandbox.cfn.send(new UpdateStackCommand({ StackName: stack, UsePreviousTemplate: true, Parameters: [{ ParameterKey: "EnvironmentName", UsePreviousValue: true }, { ParameterKey: "Message", ParameterValue: "outside" }] }));
    await waitForStack("us-east-1", stack);
    await expect(execute(deployer, started.id)).rejects.toMatchObject({ code: "conflict", message: OBSOLETE_REASON });
    expect(await getDeployment(db, deployer, started.id)).toMatchObject({ status: "failed", resultReason: OBSOLETE_REASON });
  });

  it("checks permissions: a viewer cannot preview, a deployer cannot deploy in production", async () => {
    const viewer = await makeActor("viewer");
    await expect(preview(viewer, { environment: "staging", template: names.app, action: "update", parameters: {} }))
      .rejects.toMatchObject({ code: "forbidden", message: "You do not have permission to preview changes in staging." });
    const prod = await preview(deployer, { environment: "production", template: names.app, action: "create", parameters: {} });
    expect(prod.stackName).toBe(`production-${names.app}`);
    expect(await finishPreview(db, prod.id)).toBe("ready");
    await expect(execute(deployer, prod.id)).rejects.toMatchObject({ code: "forbidden", message: expect.stringContaining("need approval") });
    const discarded = await discardPreview(db, { actor: deployer, input: { deploymentId: prod.id } });
    expect(discarded.status).toBe("cancelled");
    expect((await listDeployments(db, admin, "production", { limit: 200 })).items.find((d) => d.id === prod.id)?.status).toBe("cancelled");
  });

  it("executes at once when the preview is ready if asked to (CI); where approval is needed it asks the approvers first", async () => {
    const started = await preview(deployer, { environment: "staging", template: names.app, action: "update", parameters: { Message: "auto" }, autoExecute: true });
    expect(await finishPreview(db, started.id)).toBe("deploying");
    expect(await track(db, started.id)).toBe("succeeded");
    expect((await getDeployment(db, deployer, started.id)).executedBy).toBe(deployer.email);

    const prod = await preview(deployer, { environment: "production", template: names.app, action: "create", parameters: {}, autoExecute: true });
    expect(await finishPreview(db, prod.id)).toBe("awaiting_approval");
    const asked = await db.auditEvent.findFirst({ where: { action: "deployment.approval_requested", details: { path: ["deploymentId"], equals: prod.id } }, select: { actorLabel: true } });
    expect(asked?.actorLabel).toBe(deployer.email);
    await discardPreview(db, { actor: deployer, input: { deploymentId: prod.id } });
  });

  it("deletes with the typed name, refusing while an export is imported or termination protection is on", async () => {
    const consumer = await deploy(deployer, { environment: "staging", template: names.consumer, action: "create", parameters: {} });
    expect(consumer.status).toBe("succeeded");
    const del = { environment: "staging", template: names.app, action: "delete" as const, confirmName: stack };
    await expect(preview(deployer, del)).rejects.toMatchObject({
      code: "conflict", message: expect.stringContaining(`its export staging-${names.app}-param is imported by staging-${names.consumer}`),
    });
    await expect(preview(deployer, { ...del, template: names.consumer, confirmName: "wrong" })).rejects.toMatchObject({ code: "validation_failed", fieldErrors: { confirmName: [expect.any(String)] } });

    await sandbox.cfn.send(new UpdateTerminationProtectionCommand({ StackName: `staging-${names.consumer}`, EnableTerminationProtection: true }));
    await expect(preview(deployer, { ...del, template: names.consumer, confirmName: `staging-${names.consumer}` })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("termination protection") });
    await sandbox.cfn.send(new UpdateTerminationProtectionCommand({ StackName: `staging-${names.consumer}`, EnableTerminationProtection: false }));

    const gone = await deploy(deployer, { ...del, template: names.consumer, confirmName: `staging-${names.consumer}` });
    expect(gone.status).toBe("succeeded");
    const after = await getStackDetail(db, deployer, `staging-${names.consumer}`);
    expect(after).toMatchObject({ deleted: true, status: "DELETE_COMPLETE", resources: null, allowedActions: [] });
    expect((await deploy(deployer, del)).status).toBe("succeeded");
  });

  it("maps final stack statuses once: a finished deployment is left alone", async () => {
    const status = await applyTrackedStatus(db, deployments.first!, { stackStatus: "UPDATE_ROLLBACK_COMPLETE", statusReason: null, outputs: [], firstFailureReason: "x" });
    expect(status).toBe("succeeded");
  });
});
