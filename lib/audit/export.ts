import type { Db } from "../db/client.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import { recordAudit, type RequestMeta } from "./record.ts";
import { describeSearch, type AuditExportInput, type AuditSearch } from "./schema.ts";
import { resolveSearch, searchAuditRows, type AuditEntryDto, type ResolvedSearch } from "./search.ts";

const PAGE = 1_000;

const COLUMNS = [
  "seq", "occurredAt", "actorType", "actorLabel", "actorUserId", "actorTokenId", "action", "targetType", "targetId",
  "environment", "sourceIp", "userAgent", "details", "prevHash", "hash",
] as const satisfies readonly (keyof AuditEntryDto)[];

/**
 * One CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF, quotes doubled. A value starting with
 * = + - @ (a failed sign-in's "email" is anyone's text) is prefixed with ' so spreadsheets don't run it as a formula.
 */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(entry: AuditEntryDto): string {
  return `${COLUMNS.map((c) => csvField(entry[c])).join(",")}\r\n`;
}

export const CSV_HEADER = `${COLUMNS.join(",")}\r\n`;

export interface AuditExport {
  stream: ReadableStream<Uint8Array>;
  contentType: string;
  filename: string;
}

/**
 * The entries matching `search`, newest first, as CSV or JSON lines. Pull-based: the next page of the keyset is
 * read only when the consumer wants more bytes, so memory stays at one page whatever the size of the export.
 * The export itself is recorded first (who took a copy of what is part of the story).
 */
export async function exportAuditEvents(
  db: Db,
  { actor, input, meta, now = new Date() }: { actor: Actor; input: AuditExportInput; meta?: RequestMeta; now?: Date },
): Promise<AuditExport> {
  assertCan(actor, "audit:read");
  const { format, ...search } = input;
  await db.$transaction((tx) =>
    recordAudit(tx, { actor, action: "audit.exported", meta, details: { format, filter: describeSearch(search) } }),
  );
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return {
    stream: auditStream(db, search, format),
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    filename: `stackdeck-audit-${stamp}.${format === "csv" ? "csv" : "jsonl"}`,
  };
}

/** The stream without authorization or audit: for exportAuditEvents and the benchmark. */
export function auditStream(db: Db, search: AuditSearch, format: "csv" | "jsonl", pageSize = PAGE): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let before: bigint | undefined;
  let resolved: ResolvedSearch | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const chunks: string[] = [];
        if (!resolved && format === "csv") chunks.push(CSV_HEADER);
        resolved ??= await resolveSearch(db, search);
        const rows = await searchAuditRows(db, resolved, pageSize, before);
        for (const row of rows) chunks.push(format === "csv" ? csvLine(row) : `${JSON.stringify(row)}\n`);
        if (chunks.length) controller.enqueue(encoder.encode(chunks.join("")));
        if (rows.length < pageSize) controller.close();
        else before = BigInt(rows.at(-1)!.seq);
      },
    },
    { highWaterMark: 1 },
  );
}
