import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeActor, testDb } from "../testing/fixtures.ts";
import { recordAudit } from "./record.ts";
import { CSV_HEADER, auditStream, csvField, exportAuditEvents } from "./export.ts";
import { auditExportSchema } from "./schema.ts";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<{ text: string; chunks: number }> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), chunks };
    chunks += 1;
    text += decoder.decode(value, { stream: true });
  }
}

/** RFC 4180 the way a spreadsheet reads it: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\r" && text[i + 1] === "\n") row.push(field), rows.push(row), (row = []), (field = ""), i++;
    else field += c;
  }
  return rows;
}

const tricky = 'Ops, "night" shift\nline two';

async function seed(count: number) {
  const db = await testDb();
  const admin = await makeActor("admin");
  const t = `exp${randomBytes(3).toString("hex")}`;
  for (let i = 0; i < count; i++) {
    await db.$transaction((tx) =>
      recordAudit(tx, { actor: i === 0 ? { anonymous: tricky } : admin, action: `${t}.x`, target: { type: "stack", id: `a,b"${i}` }, details: { i, note: tricky } }),
    );
  }
  return { db, admin, t };
}

describe("audit export", () => {
  it("quotes CSV fields per RFC 4180 and neutralises spreadsheet formulas", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\r")).toBe('"cr\r"');
    expect(csvField(null)).toBe("");
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField({ a: "x,y" })).toBe('"{""a"":""x,y""}"');
  });

  it("streams CSV page by page, newest first, and ends; fields round-trip through a CSV reader", async () => {
    const { db, t } = await seed(5);
    const { text, chunks } = await readAll(auditStream(db, { action: `${t}.` }, "csv", 2));
    expect(chunks).toBe(3); // pages of 2, 2 and 1: the stream reads as it is consumed, then closes
    expect(text.startsWith(CSV_HEADER)).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(CSV_HEADER.trim().split(","));
    expect(rows).toHaveLength(5);
    const col = (name: string) => header!.indexOf(name);
    expect(rows.map((r) => r[col("targetId")])).toEqual(['a,b"4', 'a,b"3', 'a,b"2', 'a,b"1', 'a,b"0']);
    expect(rows[4]![col("actorLabel")]).toBe(tricky);
    expect(JSON.parse(rows[0]![col("details")]!)).toEqual({ i: 4, note: tricky });
    expect(Number(rows[0]![col("seq")])).toBeGreaterThan(Number(rows[1]![col("seq")]));
  });

  it("streams JSON lines, one complete object per line", async () => {
    const { db, t } = await seed(3);
    const { text } = await readAll(auditStream(db, { action: `${t}.` }, "jsonl", 2));
    const lines = text.split("\n");
    expect(lines.pop()).toBe(""); // ends with a newline
    const entries = lines.map((l) => JSON.parse(l));
    expect(entries.map((e) => e.details.i)).toEqual([2, 1, 0]);
    expect(entries[2]).toMatchObject({ actorLabel: tricky, actorType: "anonymous", hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("records who exported what, with the filter, and names the file", async () => {
    const { db, admin, t } = await seed(2);
    const input = auditExportSchema.parse({ action: `${t}.`, from: "2026-01-01", format: "jsonl" });
    const file = await exportAuditEvents(db, { actor: admin, input, meta: { ip: "198.51.100.7" } });
    expect(file.contentType).toMatch(/^application\/x-ndjson/);
    expect(file.filename).toMatch(/^stackdeck-audit-[\d-]+\.jsonl$/);
    expect((await readAll(file.stream)).text.trim().split("\n")).toHaveLength(2);
    const entry = await db.auditEvent.findFirst({ where: { action: "audit.exported", actorUserId: admin.userId }, orderBy: { seq: "desc" } });
    expect(entry).toMatchObject({ sourceIp: "198.51.100.7", details: { format: "jsonl", filter: { action: `${t}.`, from: "2026-01-01T00:00:00.000Z" } } });
  });

  it("is refused to everyone but admins of all environments, before anything is read or recorded", async () => {
    const db = await testDb();
    const input = auditExportSchema.parse({ format: "csv" });
    for (const actor of [await makeActor("viewer"), await makeActor("deployer"), await makeActor("approver"), await makeActor("admin", "staging", "env-admin")]) {
      await expect(exportAuditEvents(db, { actor, input })).rejects.toMatchObject({ code: "forbidden" });
      expect(await db.auditEvent.count({ where: { action: "audit.exported", actorUserId: actor.userId } })).toBe(0);
    }
  });
});
