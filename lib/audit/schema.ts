import { z } from "zod";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/**
 * A time bound from a date input (`2026-11-28`, a whole UTC day) or a datetime (`2026-11-28T10:00`, ISO with or
 * without zone; without one it is UTC). `to` is inclusive for a date, so it becomes the start of the next day.
 */
function timeBound(edge: "from" | "to") {
  return z
    .string()
    .trim()
    .max(40)
    .transform((value, ctx) => {
      const dateOnly = DATE_ONLY.test(value);
      const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
      const parsed = new Date(dateOnly || hasZone ? value : `${value}Z`);
      if (Number.isNaN(parsed.getTime())) {
        ctx.addIssue({ code: "custom", message: "Use a date (YYYY-MM-DD) or an ISO date and time." });
        return z.NEVER;
      }
      return dateOnly && edge === "to" ? new Date(parsed.getTime() + DAY_MS) : parsed;
    });
}

/** What to search for; shared by the page, `GET /api/v1/audit` and the export. */
export const auditSearchSchema = z
  .object({
    actor: z.string().trim().toLowerCase().max(320).optional(),
    // Exact (`role.granted`), or a prefix when it ends with "." or "*" (`deployment.` finds every deployment entry).
    action: z.string().trim().max(80).optional(),
    environment: z.string().trim().max(40).optional(),
    stack: z.string().trim().max(255).optional(),
    from: timeBound("from").optional(),
    to: timeBound("to").optional(),
  })
  .strict();
export type AuditSearch = z.infer<typeof auditSearchSchema>;

export const auditFilterSchema = auditSearchSchema
  .extend({
    before: z.coerce.bigint().positive().optional(), // keyset cursor: entries with a smaller sequence number
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditExportSchema = auditSearchSchema.extend({ format: z.enum(["csv", "jsonl"]).default("csv") }).strict();
export type AuditExportInput = z.infer<typeof auditExportSchema>;

export const auditSeqSchema = z.object({ seq: z.coerce.bigint().positive() }).strict();

/** The search as it was asked, for the audit entry of an export (Dates as ISO strings). */
export function describeSearch(search: AuditSearch): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(search)) {
    if (value instanceof Date) out[key] = value.toISOString();
    else if (typeof value === "string") out[key] = value;
  }
  return out;
}
