import { z } from "zod";
import type { StackDriftDto } from "@/lib/drift/types";

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
