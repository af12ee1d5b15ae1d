"use server";

import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { environmentField } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { cancelTeardownSchedule, createTeardownSchedule } from "@/lib/teardown/commands";
import { environmentOfSchedule } from "@/lib/teardown/access";

// issue 16: the teardown form on the stack page and the Stacks page. Form fields -> the command's input (the
// command validates it with the API's schema); day.N checkboxes become the day list.

const teardownFormSchema = z
  .object({
    environment: z.string().max(40),
    stackName: z.string().max(128).optional(),
    kind: z.string().max(16),
    ttlHours: z.string().max(10).optional(),
    start: z.string().max(5).optional(),
    end: z.string().max(5).optional(),
    timeZone: z.string().max(64).optional(),
    recreate: z.literal("on").optional(),
    warnMinutes: z.string().max(6).optional(),
  })
  .catchall(z.string().max(4))
  .transform((form) => {
    const days = Object.keys(form).filter((k) => /^day\.[1-7]$/.test(k)).map((k) => Number(k.slice(4)));
    const { environment, stackName, kind, ttlHours, start, end, timeZone, recreate, warnMinutes } = form;
    return kind === "ttl"
      ? { environment, stackName, kind: "ttl" as const, ttlHours, timeZone, warnMinutes }
      : { environment, stackName, kind: kind as "window", days: days.length ? days : undefined, start, end, timeZone, recreate: recreate === "on", warnMinutes };
  });

const TEARDOWN_ACCESS = { requires: "change:deploy", environment: environmentField() } as const;

export const createTeardownScheduleAction = authorizedAction(teardownFormSchema, async (input, { actor, meta }) => {
  const schedule = await createTeardownSchedule(getDb(), { actor, meta, input });
  return { message: schedule.next ? `Scheduled: torn down ${schedule.next.start.slice(0, 16).replace("T", " ")} UTC.` : "Scheduled." };
}, { access: TEARDOWN_ACCESS });

export const cancelTeardownScheduleAction = authorizedAction(z.object({ id: z.uuid() }).strict(), async (input, { actor, meta }) => {
  await cancelTeardownSchedule(getDb(), { actor, meta, input });
  return { message: "Schedule cancelled." };
}, { access: { requires: "change:deploy", environment: environmentOfSchedule("id") } });
