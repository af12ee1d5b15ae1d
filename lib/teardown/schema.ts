import { z } from "zod";
import { isValidTimeZone } from "./windows.ts";

// One input per command, shared by the API and the forms (the forms send strings; z.coerce and the day list parse).

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use HH:MM (24 hours), e.g. 20:00.");
const dayList = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[\s,]+/).filter(Boolean).map(Number) : v),
  z.array(z.int().min(1).max(7)).min(1, "Choose at least one day.").max(7),
);

export const createTeardownScheduleSchema = z
  .object({
    environment: z.string().trim().min(1).max(40),
    /** One stack; absent: every stack of the environment. */
    stackName: z.string().trim().min(1).max(128).optional(),
    kind: z.enum(["ttl", "window"]),
    /** ttl: when to tear down (ISO time), or… */
    expiresAt: z.iso.datetime({ offset: true }).optional(),
    /** …ttl: in how many hours from now. */
    ttlHours: z.coerce.number().positive().max(24 * 90).optional(),
    /** window: ISO weekdays (1 = Monday) on which the window starts. */
    days: dayList.optional(),
    start: hhmm.optional(),
    end: hhmm.optional(),
    timeZone: z.string().trim().max(64).default("UTC").refine(isValidTimeZone, "Not a time zone (use an IANA name such as Europe/Berlin)."),
    /** window: recreate the stacks from their last deployment at the window's end. */
    recreate: z.preprocess((v) => (v === "on" || v === "true" ? true : v === "off" || v === "false" ? false : v), z.boolean()).default(true),
    warnMinutes: z.coerce.number().int().min(0).max(24 * 60).default(30),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.kind === "ttl" && !input.expiresAt && input.ttlHours === undefined) {
      ctx.addIssue({ code: "custom", path: ["ttlHours"], message: "Say when: expiresAt or ttlHours." });
    }
    if (input.kind === "window") {
      for (const field of ["days", "start", "end"] as const) {
        if (input[field] === undefined) ctx.addIssue({ code: "custom", path: [field], message: "Required for a weekly window." });
      }
      if (input.start && input.start === input.end) ctx.addIssue({ code: "custom", path: ["end"], message: "The window must end at another time than it starts." });
    }
  });
export type CreateTeardownScheduleInput = z.input<typeof createTeardownScheduleSchema>;

export const teardownScheduleIdSchema = z.object({ id: z.uuid() }).strict();
export const listTeardownSchedulesSchema = z.object({ environment: z.string().trim().min(1).max(40) }).strict();
