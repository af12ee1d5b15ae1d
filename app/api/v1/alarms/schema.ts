import { z } from "zod";

export { listAlarmsSchema } from "@/lib/alarms/schema";

export const alarmStreamSchema = z.object({ environment: z.string().trim().min(1).max(40) });
