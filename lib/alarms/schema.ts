import { z } from "zod";

export const alarmStateSchema = z.enum(["ALARM", "OK", "INSUFFICIENT_DATA"]);

const optionalText = (max: number) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().trim().max(max).optional());

/** Filters of the Alarms page and of GET /api/v1/alarms (query strings, hence the coercion). */
export const listAlarmsSchema = z.object({
  environment: z.string().trim().min(1, "Choose an environment.").max(40),
  stack: optionalText(128),
  state: z.preprocess((v) => (v === "" || v === null ? undefined : v), alarmStateSchema.optional()),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListAlarmsInput = z.input<typeof listAlarmsSchema>;

export const chartRangeSchema = z.enum(["3h", "24h", "7d"]).catch("24h");
export type ChartRange = z.infer<typeof chartRangeSchema>;

export const alarmRefSchema = z.object({
  environment: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(255),
});
