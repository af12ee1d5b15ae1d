import { z } from "zod";
import { stackNameSchema } from "../stacks/schema";
import type { ApiOperation } from "./operation";
import { createTeardownScheduleSchema, listTeardownSchedulesSchema, teardownScheduleIdSchema } from "@/lib/teardown/schema";
import { stackDrift, teardownSchedule } from "./day2-responses";

// issue 16: day-2 operations (drift detection, scheduled teardown).

const stackName = { name: { schema: stackNameSchema.shape.stackName, description: "the stack's name, e.g. staging-network" } };

export const DAY2_OPERATIONS: ApiOperation[] = [
  {
    method: "post", path: "/api/v1/stacks/{name}/drift", tag: "Stacks", summary: "Detect drift", access: "deployer (or admin) in the environment",
    description: "Starts a CloudFormation drift detection of the stack (DetectStackDrift); a background job follows it. GET the stack: its `drift` is DETECTING, then IN_SYNC or DRIFTED with each resource's differences. A detection already in flight is reused.",
    pathParams: stackName,
    success: { status: 202, description: "The stack's drift, DETECTING.", schema: z.strictObject({ drift: stackDrift }) },
    errors: ["validation_failed", "unauthorized", "forbidden", "not_found", "conflict"],
  },
  {
    method: "get", path: "/api/v1/teardown-schedules", tag: "Teardown", summary: "List teardown schedules", access: "viewer in the environment",
    query: listTeardownSchedulesSchema,
    success: { status: 200, description: "The environment's active schedules, newest first (at most 100), with the next window and the last run.", schema: z.strictObject({ items: z.array(teardownSchedule) }) },
    errors: ["validation_failed", "unauthorized", "forbidden", "not_found"],
  },
  {
    method: "post", path: "/api/v1/teardown-schedules", tag: "Teardown", summary: "Schedule a teardown", access: "deployer (or admin) in a staging environment",
    description: "A time to live (kind ttl: expiresAt or ttlHours) or a weekly window (kind window: days, start, end in timeZone) for one stack or, without stackName, the whole environment. The console warns warnMinutes before (audit teardown.due), deletes the stacks in reverse dependency order at the start (termination-protected stacks and what they need stay; retained data stores are named), and with recreate creates them again from their last deployment at the window's end. Production refuses schedules (400).",
    body: {
      schema: createTeardownScheduleSchema,
      examples: {
        weeknights: { summary: "Staging off on weeknights", value: { environment: "staging", kind: "window", days: [1, 2, 3, 4, 5], start: "20:00", end: "07:00", timeZone: "Europe/Berlin" } },
        ttl: { summary: "A stack for 8 hours", value: { environment: "staging", stackName: "staging-cache", kind: "ttl", ttlHours: 8 } },
      },
    },
    success: { status: 201, description: "The schedule.", schema: teardownSchedule },
    errors: ["validation_failed", "unauthorized", "forbidden", "not_found", "unsupported_media_type", "payload_too_large"],
  },
  {
    method: "delete", path: "/api/v1/teardown-schedules/{id}", tag: "Teardown", summary: "Cancel a teardown schedule", access: "deployer (or admin) in the environment",
    description: "No further windows; a teardown in progress still finishes and recreates at its end.",
    pathParams: { id: { schema: teardownScheduleIdSchema.shape.id, description: "the schedule's id" } },
    success: { status: 200, description: "The cancelled schedule.", schema: teardownSchedule },
    errors: ["validation_failed", "unauthorized", "forbidden", "not_found"],
  },
];
