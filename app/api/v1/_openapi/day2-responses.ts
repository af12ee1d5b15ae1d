import { z } from "zod";
import type { StackDriftDto } from "@/lib/drift/types";
import type { TeardownScheduleDto } from "@/lib/teardown/types";

// issue 16: what drift detection and teardown schedules answer.

export const stackDrift = z.strictObject({
  status: z.enum(["IN_SYNC", "DRIFTED", "NOT_CHECKED", "DETECTING"]),
  checkedAt: z.iso.datetime({ offset: true }).nullable().describe("when the result shown was found"),
  resources: z.array(z.strictObject({
    logicalId: z.string(),
    status: z.string().describe("IN_SYNC, MODIFIED, DELETED or NOT_CHECKED"),
    differences: z.array(z.strictObject({ path: z.string().describe("JSON Pointer into the resource's properties"), expected: z.string(), actual: z.string() })),
  })),
}) satisfies z.ZodType<StackDriftDto>;

const iso = z.iso.datetime({ offset: true });

export const teardownSchedule = z.strictObject({
  id: z.uuid(),
  environment: z.string(),
  stackName: z.string().nullable().describe("null: every stack of the environment"),
  kind: z.enum(["ttl", "window"]),
  expiresAt: iso.nullable(),
  days: z.array(z.int()).describe("ISO weekdays (1 = Monday) on which the window starts"),
  start: z.string().nullable().describe("HH:MM in timeZone"),
  end: z.string().nullable(),
  timeZone: z.string(),
  recreate: z.boolean(),
  warnMinutes: z.int(),
  createdBy: z.string(),
  createdAt: iso,
  next: z.strictObject({ start: iso, end: iso.nullable() }).nullable(),
  lastRun: z.strictObject({
    id: z.uuid(),
    status: z.string().describe("warned, tearing_down, down, recreating or recreated"),
    windowStart: iso,
    windowEnd: iso.nullable(),
    items: z.array(z.strictObject({
      stackName: z.string(), state: z.string(), reason: z.string().nullable(), retained: z.array(z.string()).describe("data stores CloudFormation keeps or snapshots"),
      deletedAt: iso.nullable(), recreatedAt: iso.nullable(),
    })),
  }).nullable(),
}) satisfies z.ZodType<TeardownScheduleDto>;
