import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DescribeStacksCommand, UpdateStackCommand } from "@aws-sdk/client-cloudformation";
import type { Actor } from "../auth/guard.ts";
import { AppError } from "../errors.ts";
import { approvePlan } from "./approval.ts";
import { getPlan } from "./queries.ts";
import { approvePlanCommand, executePlanCommand } from "./start.ts";
import { getEnvironmentTarget } from "../environments/targets.ts";
import { startPlanId, startPlatformConsole, type PlatformConsole } from "./test-support.ts";
import type { PlanDto } from "./types.ts";

// The seed's platform as one plan, end to end on the real catalog: an empty staging provisioned in dependency
// order (independent stacks in parallel), then promoted to production, approved by someone else and applied.

let c: PlatformConsole;
let deployer: Actor;
let approver: Actor;
const CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";

beforeAll(async () => {
  c = await startPlatformConsole({ speed: 0.005 });
  [deployer, approver] = [await c.actor("deployer"), await c.actor("approver")];
}, 60_000);
afterAll(() => c?.close());

const byTemplate = (plan: PlanDto) => new Map(plan.stacks.map((s) => [s.template, s]));

/** Every stack started after everything it needs had finished. */
function expectDependencyOrder(plan: PlanDto) {
  const stacks = byTemplate(plan);
  for (const s of plan.stacks) {
    for (const up of s.dependsOn) expect(Date.parse(s.startedAt!), `${s.template} after ${up}`).toBeGreaterThanOrEqual(Date.parse(stacks.get(up)!.finishedAt!));
  }
}

describe("the platform as one plan", () => {
  let stagingPlan: PlanDto;

  it("refuses a plan that leaves out a value the profile leaves to the user, naming the template and field", async () => {
    const error = await startPlanId(c.db, { actor: deployer, input: { environment: "staging", action: "apply" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors).toHaveProperty(["iam.GitHubRepository"]);
  });

  it("provisions an empty staging: all seven stacks, in dependency order, independent ones in parallel", { timeout: 180_000 }, async () => {
    const id = await startPlanId(c.db, { actor: deployer, input: { environment: "staging", action: "apply", execute: true, parameters: { iam: { GitHubRepository: "acme/storefront" } } } });
    const planned = await getPlan(c.db, deployer, id);
    expect(planned.stacks.map((s) => [s.template, s.action])).toEqual([
      ["iam", "create"], ["network", "create"], ["security", "create"], ["cache", "create"], ["database", "create"], ["load-balancer", "create"], ["service", "create"],
    ]);
    expect(planned.stacks.find((s) => s.template === "service")!.dependsOn).toEqual(expect.arrayContaining(["database", "cache", "load-balancer", "iam"]));
    expect(planned.costDelta!.monthlyDelta).toBeGreaterThan(100);

    stagingPlan = await c.waitForPlan(deployer, id, ["succeeded", "failed"]);
    expect(stagingPlan.resultReason).toMatch(/Applied 7 stacks/);
    expect(stagingPlan.stacks.every((s) => s.status === "succeeded" && s.deploymentId)).toBe(true);
    // Downstream stacks could not be previewed before their upstream existed: the plan says so.
    expect(byTemplate(stagingPlan).get("service")!.note).toMatch(/Previewed once its upstream is applied: .*staging-database is created/);
    expectDependencyOrder(stagingPlan);
    // Independent stacks of the third layer ran side by side (each starts as soon as its own preview is ready).
    const layer = ["cache", "database", "load-balancer"].map((t) => byTemplate(stagingPlan).get(t)!);
    const overlapping = layer.flatMap((a, i) => layer.slice(i + 1).filter((b) => Date.parse(a.startedAt!) < Date.parse(b.finishedAt!) && Date.parse(b.startedAt!) < Date.parse(a.finishedAt!)));
    expect(overlapping.length, JSON.stringify(layer.map((s) => [s.template, s.startedAt, s.finishedAt]))).toBeGreaterThan(0);

    // Each stack keeps its own deployment record.
    const deployments = await c.db.deployment.findMany({ where: { id: { in: stagingPlan.stacks.map((s) => s.deploymentId!) } }, select: { status: true, action: true, stack: { select: { name: true, status: true } } } });
    expect(deployments).toHaveLength(7);
    expect(deployments.every((d) => d.status === "succeeded" && d.action === "create" && d.stack.status === "CREATE_COMPLETE")).toBe(true);
  });

  it("plans staging again as nothing to change, without leaving failed deployments behind", { timeout: 60_000 }, async () => {
    const before = await c.db.deployment.count();
    const id = await startPlanId(c.db, { actor: deployer, input: { environment: "staging", action: "apply", parameters: { iam: { GitHubRepository: "acme/storefront" } } } });
    const plan = await c.waitForPlan(deployer, id, ["succeeded"]);
    expect(plan.stacks.every((s) => s.status === "no_change")).toBe(true);
    expect(await c.db.deployment.count()).toBe(before);
  });

  it("promotes staging to production: staging's versions and changed values, production's profile, one approval by someone else", { timeout: 240_000 }, async () => {
    const id = await startPlanId(c.db, {
      actor: deployer,
      input: { environment: "production", action: "promote", from: "staging", note: "Release the tested platform", parameters: { "load-balancer": { CertificateArn: CERTIFICATE } } },
    });
    const planned = await c.waitForPlan(deployer, id, ["awaiting_approval", "failed"]);
    expect(planned.status).toBe("awaiting_approval");
    const iam = byTemplate(planned).get("iam")!;
    // The user's value came from staging; the profile's own values stay production's.
    expect(iam.differences).toEqual(expect.arrayContaining([{ name: "GitHubSubject", from: "environment:staging", to: "environment:production" }]));
    const database = byTemplate(planned).get("database")!;
    expect(database.differences).toEqual(expect.arrayContaining([{ name: "DBInstanceClass", from: "db.t3.micro", to: "db.t3.small" }, { name: "MultiAZ", from: "false", to: "true" }]));
    expect(planned.approval.approvalsRequired).toBe(1);

    // Four eyes: the requester cannot approve the plan.
    await expect(approvePlan(c.db, { actor: deployer, input: { planId: id, comment: "looks fine" } })).rejects.toMatchObject({ code: "forbidden" });
    await approvePlanCommand(c.db, { actor: approver, input: { planId: id, comment: "Reviewed the diff" } });
    const approved = await getPlan(c.db, deployer, id);
    expect(approved.status).toBe("ready");
    expect(approved.approval.decisions).toMatchObject([{ by: approver.email, approved: true }]);

    // Only the requester (or an approver, or an admin) applies it: someone else who may deploy may not.
    const other = await c.actor("deployer", "other-deployer");
    await expect(executePlanCommand(c.db, { actor: other, input: { planId: id } })).rejects.toMatchObject({ code: "forbidden" });
    await executePlanCommand(c.db, { actor: deployer, input: { planId: id } });
    const applied = await c.waitForPlan(deployer, id, ["succeeded", "failed"], 200_000);
    expect(applied.status, applied.resultReason ?? "").toBe("succeeded");
    expectDependencyOrder(applied);
    const production = await c.db.stack.findMany({ where: { environment: { key: "production" } }, select: { name: true, status: true } });
    expect(production.map((s) => s.status)).toEqual(Array(7).fill("CREATE_COMPLETE"));
    const executed = await c.db.auditEvent.findMany({ where: { action: "deployment.executed", environment: "production" }, select: { details: true } });
    expect(executed).toHaveLength(7);
    expect(executed.every((e) => JSON.stringify((e.details as { approvedBy: string[] }).approvedBy) === JSON.stringify([approver.email]))).toBe(true);
  });

  it("invalidates the approval when a change set of the plan changes: the plan fails and nothing is applied", { timeout: 120_000 }, async () => {
    const id = await startPlanId(c.db, { actor: deployer, input: { environment: "production", action: "apply", parameters: { iam: { GitHubRepository: "acme/other-repo" }, "load-balancer": { CertificateArn: CERTIFICATE } } } });
    const planned = await c.waitForPlan(deployer, id, ["awaiting_approval", "failed"]);
    expect(planned.stacks.filter((s) => s.action !== "none").map((s) => s.template)).toEqual(["iam"]);
    // Someone changes the stack behind the console's back: CloudFormation makes the plan's change set OBSOLETE.
    const inProduction = c.sandbox.inAccount((await getEnvironmentTarget(c.db, "production")).accountId).cfn;
    const live = await inProduction.send(new DescribeStacksCommand({ StackName: "production-iam" }));
    const parameters = live.Stacks![0]!.Parameters!.map((p) => (p.ParameterKey === "GitHubRepository" ? { ParameterKey: p.ParameterKey, ParameterValue: "acme/sneaky" } : { ParameterKey: p.ParameterKey, UsePreviousValue: true }));
    await inProduction.send(new UpdateStackCommand({ StackName: "production-iam", UsePreviousTemplate: true, Parameters: parameters, Capabilities: ["CAPABILITY_NAMED_IAM"] }));
    await expect(approvePlanCommand(c.db, { actor: approver, input: { planId: id, comment: "ok" } })).rejects.toMatchObject({ code: "conflict" });
    const failed = await getPlan(c.db, deployer, id);
    expect(failed.status).toBe("failed");
    expect(failed.resultReason).toMatch(/The plan changed since it was made/);
    expect(await c.db.planDecision.count({ where: { planId: id } })).toBe(0);
  });
});
