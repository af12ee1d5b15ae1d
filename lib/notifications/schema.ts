import { z } from "zod";
import { NOTIFICATION_EVENTS } from "./events.ts";

/** http or https only, and a clear sentence for anything else (a destination is called from the worker). */
export const destinationUrlSchema = z
  .string({ message: "Enter the destination's URL." })
  .trim()
  .min(1, "Enter the destination's URL.")
  .max(2000, "Use a URL of at most 2000 characters.")
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter a full URL, such as https://hooks.example.com/stackdeck." });
      return;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") ctx.addIssue({ code: "custom", message: "Use an http:// or https:// URL." });
    else if (!url.hostname) ctx.addIssue({ code: "custom", message: "The URL needs a host name." });
  });

// A form sends one checkbox value as a string and several as an array.
const eventList = z.preprocess(
  (value) => (typeof value === "string" ? [value] : value ?? []),
  z
    .array(z.enum(NOTIFICATION_EVENTS, { message: `Unknown event; use one of ${NOTIFICATION_EVENTS.join(", ")}.` }), { message: "Send events as a list." })
    .min(1, "Choose at least one event.")
    .transform((events) => [...new Set(events)]),
);

export const destinationSchema = z
  .object({
    environment: z.string({ message: "Choose an environment." }).trim().min(1, "Choose an environment.").max(40),
    kind: z.enum(["webhook", "slack"], { message: 'Choose "webhook" or "slack".' }),
    url: destinationUrlSchema,
    events: eventList,
    secret: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(16, "Use a secret of at least 16 characters.").max(200).optional()),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.kind === "slack" && value.secret) {
      ctx.addIssue({ code: "custom", path: ["secret"], message: "Slack incoming webhooks are not signed; leave the secret empty." });
    }
  });
export type DestinationInput = z.infer<typeof destinationSchema>;

export const destinationIdSchema = z.object({ destinationId: z.uuid({ message: "Unknown destination." }) }).strict();

export const deliveryFilterSchema = z
  .object({
    environment: z.string().trim().max(40).optional(),
    destination: z.uuid({ message: "Unknown destination." }).optional(),
    before: z.coerce.bigint().positive().optional(), // keyset cursor: attempts with a smaller id
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type DeliveryFilter = z.infer<typeof deliveryFilterSchema>;

/** The settings form: one checkbox per event (`event.<name>`), the rest as the API's fields. */
export const destinationFormSchema = z.preprocess((raw) => {
  const fields = (raw ?? {}) as Record<string, unknown>;
  const events = Object.keys(fields).filter((k) => k.startsWith("event.")).map((k) => k.slice("event.".length));
  const rest = Object.fromEntries(Object.entries(fields).filter(([k]) => !k.startsWith("event.")));
  return { ...rest, events };
}, destinationSchema);
