import type { Db } from "../db/client.ts";
import { withEnvironmentTarget } from "../environments/aws-target.ts";
import { AppError } from "../errors.ts";
import { loadActor } from "../auth/actors.ts";
import type { Actor } from "../auth/guard.ts";
import { recordAudit } from "../audit/record.ts";
import { getEnvironmentByKey } from "../environments/queries.ts";
import { startChange } from "../deployments/start.ts";
import type { RequestChangeInput } from "../deployments/schema.ts";
import { parsedVersion } from "../templates/analyze.ts";
import { parseDays, relevantWindow, type ScheduleTimes } from "./windows.ts";
import { planTeardown } from "./plan.ts";
import { FINAL_DELETE_STATES, moveItem, moveRun, type ItemState } from "./store.ts";

// One tick of an environment's teardown (a pg-boss job chain, job.ts; the clock is injectable so tests need not
// wait for 20:00). Every step is a guarded move, so a tick run twice or after a crash does each thing once:
//   warn      a window opens within warnMinutes -> the run row (unique per window) + audit teardown.due
//   start     the window is open -> the items are planned, audit teardown.started
//   delete    an item no remaining stack needs -> state deleting (the intent), then a delete deployment with the
//             client token teardown-<item>: a retry after a crash finds the same deployment
//   down      every item deleted, skipped or failed -> audit teardown.completed
//   recreate  the window has ended -> each deleted item, after what it needs, is created again from its last
//             deployment's parameters (token teardown-recreate-<item>) -> audit teardown.recreated

export type StartDeployment = (actor: Actor, input: RequestChangeInput) => Promise<{ id: string }>;

export interface TickOptions {
  now?: Date;
  /** How a deployment is started (default: startChange, which nudges the tracker). */
  start?: StartDeployment;
}

const FAILED_DEPLOYMENT = new Set(["failed", "rolled_back", "cancelled", "rejected"]);

/** In the environment's AWS account, as the worker. */
export function runTeardownTick(db: Db, environmentKey: string, options: TickOptions = {}): Promise<void> {
  return withEnvironmentTarget(db, environmentKey, null, () => tickInTarget(db, environmentKey, options));
}

async function tickInTarget(db: Db, environmentKey: string, options: TickOptions): Promise<void> {
  const now = options.now ?? new Date();
  const start: StartDeployment = options.start ?? ((actor, input) => startChange(db, { actor, input }));
  const environment = await getEnvironmentByKey(db, environmentKey);
  const schedules = await db.teardownSchedule.findMany({
    where: { environmentId: environment.id, cancelledAt: null },
    select: { id: true, stackName: true, kind: true, expiresAt: true, days: true, startMinute: true, endMinute: true, timeZone: true, warnMinutes: true },
  });
  for (const schedule of schedules) {
    const window = relevantWindow({ ...schedule, days: parseDays(schedule.days), kind: schedule.kind as ScheduleTimes["kind"] }, now);
    if (!window || (window.end && now >= window.end)) continue;
    if (now.getTime() < window.start.getTime() - schedule.warnMinutes * 60_000) continue;
    const created = await db.teardownRun.createMany({
      data: [{ scheduleId: schedule.id, windowStart: window.start, windowEnd: window.end, status: "warned", warnedAt: now }],
      skipDuplicates: true,
    });
    if (created.count) await audit(db, "teardown.due", environment.key, schedule.id, { stacks: await scopeNames(db, environment.id, schedule.stackName), time: window.start.toISOString(), until: window.end?.toISOString() ?? null });
  }
  const runs = await db.teardownRun.findMany({
    where: { schedule: { environmentId: environment.id }, status: { in: ["warned", "tearing_down", "down", "recreating"] } },
    select: { id: true, status: true, windowStart: true, windowEnd: true, schedule: { select: { id: true, stackName: true, recreate: true, createdById: true, cancelledAt: true } } },
  });
  for (const run of runs) {
    const ctx = { db, environment, now, start, run };
    if (run.status === "warned" && now >= run.windowStart) {
      if (run.schedule.cancelledAt) continue;
      const items = await planTeardown(db, environment, run.schedule.stackName);
      if (await moveRun(db, run.id, "warned", "tearing_down", { startedAt: now })) {
        await db.teardownItem.createMany({ data: items.map((i) => ({ ...i, runId: run.id })), skipDuplicates: true });
        await audit(db, "teardown.started", environment.key, run.schedule.id, { stacks: items.filter((i) => i.state === "pending").map((i) => i.stackName), skipped: items.filter((i) => i.state === "skipped").map((i) => `${i.stackName}: ${i.reason}`), retained: items.flatMap((i) => (i.retained as string[] | undefined) ?? []) });
        run.status = "tearing_down";
      }
    }
    if (run.status === "tearing_down") await advanceDeletes(ctx);
    if (run.status === "down" && run.schedule.recreate && run.windowEnd && now >= run.windowEnd && (await moveRun(db, run.id, "down", "recreating"))) run.status = "recreating";
    if (run.status === "recreating") await advanceRecreates(ctx);
  }
}

type Ctx = {
  db: Db; environment: { id: string; key: string }; now: Date; start: StartDeployment;
  run: { id: string; status: string; schedule: { id: string; createdById: string } };
};

async function items(db: Db, runId: string) {
  const rows = await db.teardownItem.findMany({ where: { runId }, orderBy: { stackName: "asc" }, select: { id: true, stackName: true, templateName: true, parameters: true, needs: true, retained: true, state: true, reason: true } });
  return rows.map((r) => ({ ...r, needs: r.needs as string[], retained: r.retained as string[] }));
}

async function advanceDeletes(ctx: Ctx): Promise<void> {
  const { db, run } = ctx;
  let all = await items(db, run.id);
  for (const item of all) {
    // Last first: only once every stack of the run that needs this one is gone.
    const dependents = all.filter((o) => o.needs.includes(item.stackName));
    if (item.state === "pending" && dependents.every((d) => d.state === "deleted")) {
      if (await moveItem(db, item.id, "pending", "deleting")) item.state = "deleting";
    }
    if (item.state === "deleting") {
      await followDeployment(ctx, item, `teardown-${item.id}`, "deleting", "deleted", () => ({
        environment: ctx.environment.key, template: item.templateName, stackName: item.stackName, action: "delete", confirmName: item.stackName,
        autoExecute: true, clientToken: `teardown-${item.id}`, note: "Scheduled teardown",
      }));
    }
    if (item.state === "pending" && dependents.some((d) => d.state === "failed" || d.state === "skipped")) {
      if (await moveItem(db, item.id, "pending", "skipped", { reason: `not deleted: ${dependents.find((d) => d.state === "failed" || d.state === "skipped")!.stackName} needs it and stays` })) item.state = "skipped";
    }
  }
  all = await items(db, run.id);
  if (all.every((i) => FINAL_DELETE_STATES.includes(i.state as ItemState)) && (await moveRun(db, run.id, "tearing_down", "down", { downAt: ctx.now }))) {
    run.status = "down";
    await audit(db, "teardown.completed", ctx.environment.key, run.schedule.id, {
      stacks: all.filter((i) => i.state === "deleted").map((i) => i.stackName),
      notDeleted: all.filter((i) => i.state !== "deleted").map((i) => `${i.stackName}: ${i.reason ?? i.state}`),
      retained: all.flatMap((i) => i.retained),
    });
  }
}

async function advanceRecreates(ctx: Ctx): Promise<void> {
  const { db, run } = ctx;
  let all = await items(db, run.id);
  const present = (name: string) => { const o = all.find((i) => i.stackName === name); return !o || o.state === "recreated" || o.state === "skipped" || o.state === "pending"; };
  for (const item of all) {
    // First first: once everything it needs exists again.
    if (item.state === "deleted" && item.needs.every(present)) {
      if (await moveItem(db, item.id, "deleted", "recreating")) item.state = "recreating";
    }
    if (item.state === "recreating") {
      await followDeployment(ctx, item, `teardown-recreate-${item.id}`, "recreating", "recreated", async () => ({
        environment: ctx.environment.key, template: item.templateName, stackName: item.stackName, action: "create",
        parameters: await userParameters(db, item.templateName, item.parameters as Record<string, string>),
        autoExecute: true, clientToken: `teardown-recreate-${item.id}`, note: "Recreated after a scheduled teardown",
      }));
    }
  }
  all = await items(db, run.id);
  if (all.every((i) => !["deleted", "recreating"].includes(i.state)) && (await moveRun(db, run.id, "recreating", "recreated", { recreatedAt: ctx.now }))) {
    run.status = "recreated";
    await audit(db, "teardown.recreated", ctx.environment.key, run.schedule.id, {
      stacks: all.filter((i) => i.state === "recreated").map((i) => i.stackName),
      failed: all.filter((i) => i.state === "failed").map((i) => `${i.stackName}: ${i.reason}`),
    });
  }
}

/** Starts (or, after a crash, finds by its client token) the item's deployment and moves the item on its outcome. */
async function followDeployment(
  ctx: Ctx, item: { id: string; state: string }, token: string, from: ItemState, to: ItemState,
  input: () => RequestChangeInput | Promise<RequestChangeInput>,
): Promise<void> {
  const { db, now } = ctx;
  let deployment = await db.deployment.findUnique({ where: { clientToken: token }, select: { status: true, resultReason: true } });
  if (!deployment) {
    const actor = await loadActor(db, ctx.run.schedule.createdById);
    if (!actor) {
      await moveItem(db, item.id, from, "failed", { reason: "the schedule's owner can no longer deploy" });
      return;
    }
    try {
      await ctx.start(actor, await input());
    } catch (error) {
      // A refusal (AppError: protection, an import, a bad parameter) is final; anything else (the database or AWS
      // unreachable, a crash mid-call) is retried on the next tick with the same client token.
      if (!(error instanceof AppError)) {
        console.error("teardown: starting a deployment failed; retrying on the next tick", (error as Error).message);
        return;
      }
      await moveItem(db, item.id, from, "failed", { reason: error.message });
      return;
    }
    deployment = await db.deployment.findUnique({ where: { clientToken: token }, select: { status: true, resultReason: true } });
  }
  if (deployment?.status === "succeeded") {
    await moveItem(db, item.id, from, to, to === "deleted" ? { deletedAt: now } : { recreatedAt: now });
  } else if (deployment && FAILED_DEPLOYMENT.has(deployment.status)) {
    await moveItem(db, item.id, from, "failed", { reason: deployment.resultReason ?? `the deployment ${deployment.status.replace("_", " ")}` });
  }
}

/** The last deployment's values of the template's user parameters (masked NoEcho values are left to the profile). */
async function userParameters(db: Db, template: string, parameters: Record<string, string>): Promise<Record<string, string>> {
  const row = await db.template.findUnique({ where: { name: template }, select: { currentVersion: { select: { sha256: true, body: true } } } });
  if (!row?.currentVersion) return {};
  const doc = parsedVersion(row.currentVersion.sha256, row.currentVersion.body).document;
  const names = new Set(doc.Metadata?.Stackdeck?.UserParameters ?? []);
  return Object.fromEntries(Object.entries(parameters).filter(([k, v]) => names.has(k) && v !== "****"));
}

async function scopeNames(db: Db, environmentId: string, stackName: string | null): Promise<string[]> {
  if (stackName) return [stackName];
  return (await db.stack.findMany({ where: { environmentId, deletedAt: null, status: { not: null } }, orderBy: { name: "asc" }, select: { name: true } })).map((s) => s.name);
}

async function audit(db: Db, action: string, environment: string, scheduleId: string, details: Record<string, unknown>): Promise<void> {
  await db.$transaction((tx) => recordAudit(tx, { actor: "system", action, target: { type: "teardown_schedule", id: scheduleId }, environment, details: { ...details, schedule: scheduleId } }));
}

