// The audit page with 1,000,000 entries (targets: first page and actor + 7-day page p95 < 100 ms; a 100,000-row CSV
// export at constant memory). Measures the functions the page and the export route call (listAuditEvents,
// auditStream), EXPLAINs every filter combination, and times the integrity check the console and CLI run.
// Run: npx tsx --conditions=react-server bench/audit.ts   (PostgreSQL on DATABASE_URL's server or 127.0.0.1:5432)
// BENCH_ENTRIES=200000 for a quicker run; BENCH_VERIFY=0 skips the chain check.
import { benchDatabase } from "./lib/database.ts";
import { ACTORS, STACKS, seedAuditEvents } from "./audit/seed.ts";
import { explainSummary, heapAfterGc, percentiles } from "./audit/measure.ts";

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const DAYS = 365;
const RUNS = 200;
const EXPORT_ROWS = 100_000;
const DAY = 86_400_000;

const scratch = await benchDatabase("stackdeck_bench_audit");
process.env.DATABASE_URL = scratch.url;
const { createDb } = await import("../lib/db/client.ts");
const { Prisma } = await import("../lib/db/generated/client.ts");
const { loadActor } = await import("../lib/auth/actors.ts");
const { auditFilterSchema, listAuditEvents } = await import("../lib/audit/queries.ts");
const { auditSearchSql, resolveSearch } = await import("../lib/audit/search.ts");
const { auditStream } = await import("../lib/audit/export.ts");
const { verifyAuditLog } = await import("../lib/audit/verify.ts");
const db = createDb(scratch.url);

try {
  const seedMs = await seedAuditEvents(scratch.url, ENTRIES, DAYS);
  console.log(`seeded ${ENTRIES.toLocaleString("en")} chained entries over ${DAYS} days in ${(seedMs / 1000).toFixed(1)} s`);
  const user = await db.user.create({ data: { email: "bench-admin@example.com", name: "Bench", grants: { create: { role: "admin" } } }, select: { id: true } });
  const actor = (await loadActor(db, user.id))!;
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const someone = ACTORS[7]!;

  const cases: [string, Record<string, string>][] = [
    ["first page (no filter)", {}],
    ["actor + last 7 days", { actor: someone, from: iso(now - 7 * DAY), to: iso(now) }],
    ["actor + 7 days, half a year ago", { actor: someone, from: iso(now - 187 * DAY), to: iso(now - 180 * DAY) }],
    ["actor", { actor: someone }],
    ["action exact", { action: "deployment.break_glass" }],
    ["action prefix deployment.", { action: "deployment." }],
    ["action prefix approval. + production", { action: "approval.", environment: "production" }],
    ["environment", { environment: "staging" }],
    ["stack (target or details)", { stack: STACKS[42]! }],
    ["stack + production + 30 days", { stack: STACKS[42]!, environment: "production", from: iso(now - 30 * DAY) }],
    ["7-day range, a year ago", { from: iso(now - 360 * DAY), to: iso(now - 353 * DAY) }],
    ["deep page (before = half way)", { before: String(Math.floor(ENTRIES / 2)) }],
    ["actor with no entries", { actor: "nobody@bench.example" }],
    ["stack with no entries", { stack: "no-such-stack" }],
    ["prefix with no entries", { action: "nothing." }],
  ];

  console.log(`\nlistAuditEvents (50 per page), ${RUNS} runs each, then the plan of its SQL`);
  console.log(`${"filter".padEnd(40)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"max".padStart(8)}   plan (indexes, rows read)`);
  for (const [label, raw] of cases) {
    const filter = auditFilterSchema.parse(raw);
    const t = await percentiles(RUNS, () => listAuditEvents(db, actor, filter));
    const { before, limit, ...search } = filter;
    const sql = auditSearchSql(await resolveSearch(db, search), limit + 1, before);
    const plan = await explainSummary(db, Prisma.sql`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`);
    console.log(`${label.padEnd(40)} ${t.p50.padStart(5)} ms ${t.p95.padStart(5)} ms ${t.max.padStart(5)} ms   ${plan}`);
  }

  const first = await db.auditEvent.findUniqueOrThrow({ where: { seq: BigInt(ENTRIES - EXPORT_ROWS + 1) }, select: { occurredAt: true } });
  const exportSearch = auditFilterSchema.parse({ from: first.occurredAt.toISOString() });
  const heapBefore = heapAfterGc();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const checkpoints: string[] = [];
  const started = performance.now();
  let lines = -1; // the header
  let bytes = 0;
  const reader = auditStream(db, { from: exportSearch.from }, "csv").getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const b of value) if (b === 10) lines += 1;
    if (lines >= checkpoints.length * 25_000 + 25_000) checkpoints.push(`${(lines / 1000).toFixed(0)}k rows ${mb(heapAfterGc())}`);
  }
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  console.log(`\nCSV export through auditStream: ${lines.toLocaleString("en")} rows, ${mb(bytes)} in ${seconds.toFixed(1)} s (${Math.round(lines / seconds).toLocaleString("en")} rows/s)`);
  console.log(`RSS before ${mb(rssBefore)}, peak ${mb(peak)} (+${mb(peak - rssBefore)}); live JS heap after GC: before ${mb(heapBefore)}, at ${checkpoints.join(", ")}`);

  if (process.env.BENCH_VERIFY !== "0") {
    const t0 = performance.now();
    const result = await verifyAuditLog(db, { checkpointFile: null });
    console.log(`\nverifyAuditLog: ${result.ok ? `ok, ${result.count.toLocaleString("en")} entries` : `${result.findings.length} findings`} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
} finally {
  await db.$disconnect();
  await scratch.drop();
}

function mb(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
