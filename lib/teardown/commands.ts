import type { Db } from "../db/client.ts";
import { AppError, notFound } from "../errors.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import { recordAudit, type RequestMeta } from "../audit/record.ts";
import { getEnvironmentByKey } from "../environments/queries.ts";
import { parseInput } from "../validation.ts";
import { createTeardownScheduleSchema, type CreateTeardownScheduleInput } from "./schema.ts";
import { getTeardownSchedule } from "./queries.ts";
import type { TeardownScheduleDto } from "./types.ts";

// Creating and cancelling schedules. Tearing down deletes stacks, so it needs the right to deploy there; production
// refuses schedules outright (its stacks are what customers use).

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

export async function createTeardownSchedule(db: Db, command: { actor: Actor; meta?: RequestMeta; input: CreateTeardownScheduleInput; now?: Date }): Promise<TeardownScheduleDto> {
  const input = parseInput(createTeardownScheduleSchema, command.input);
  const environment = await getEnvironmentByKey(db, input.environment);
  assertCan(command.actor, "change:deploy", environment);
  if (environment.key === "production" || environment.requiresApproval) {
    throw new AppError("validation_failed", `${environment.name} cannot be torn down on a schedule: its stacks must keep running.`, {
      environment: ["Teardown schedules are for staging environments only."],
    });
  }
  if (input.stackName) {
    const stack = await db.stack.findUnique({ where: { name: input.stackName }, select: { deletedAt: true, environment: { select: { key: true } } } });
    if (!stack || stack.deletedAt || stack.environment.key !== environment.key) throw notFound(`Stack ${input.stackName} in ${environment.key}`);
  }
  const now = command.now ?? new Date();
  const expiresAt = input.kind === "ttl" ? (input.expiresAt ? new Date(input.expiresAt) : new Date(now.getTime() + input.ttlHours! * 3_600_000)) : null;
  const schedule = await db.$transaction(async (tx) => {
    const row = await tx.teardownSchedule.create({
      data: {
        environmentId: environment.id, stackName: input.stackName ?? null, kind: input.kind, expiresAt,
        days: input.kind === "window" ? [...new Set(input.days!)].sort().join(",") : "",
        startMinute: input.kind === "window" ? minutes(input.start!) : null,
        endMinute: input.kind === "window" ? minutes(input.end!) : null,
        timeZone: input.timeZone, recreate: input.kind === "window" ? input.recreate : false, warnMinutes: input.warnMinutes,
        createdById: command.actor.userId,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor: command.actor, action: "teardown.scheduled", target: { type: "teardown_schedule", id: row.id }, environment: environment.key, meta: command.meta,
      details: { stack: input.stackName ?? null, kind: input.kind, expiresAt: expiresAt?.toISOString() ?? null, days: input.days ?? null, start: input.start ?? null, end: input.end ?? null, timeZone: input.timeZone },
    });
    return row;
  });
  return getTeardownSchedule(db, schedule.id, now);
}

/** Stops future windows; a teardown in progress still finishes (and recreates at its window's end). */
export async function cancelTeardownSchedule(db: Db, command: { actor: Actor; meta?: RequestMeta; input: { id: string } }): Promise<TeardownScheduleDto> {
  const row = await db.teardownSchedule.findUnique({ where: { id: command.input.id }, select: { id: true, cancelledAt: true, stackName: true, environment: { select: { key: true, requiresApproval: true } } } });
  if (!row) throw notFound("Teardown schedule");
  assertCan(command.actor, "change:deploy", row.environment);
  if (!row.cancelledAt) {
    await db.$transaction(async (tx) => {
      const { count } = await tx.teardownSchedule.updateMany({ where: { id: row.id, cancelledAt: null }, data: { cancelledAt: new Date() } });
      if (count) {
        await recordAudit(tx, {
          actor: command.actor, action: "teardown.cancelled", target: { type: "teardown_schedule", id: row.id }, environment: row.environment.key,
          meta: command.meta, details: { stack: row.stackName },
        });
      }
    });
  }
  return getTeardownSchedule(db, row.id);
}
