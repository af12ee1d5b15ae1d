// Keeps one HTTP-bench fixture (database + sandbox) alive for repeated runs while working on the pages:
//   npx tsx --conditions=react-server bench/http/hold.ts          (prints the file to pass as BENCH_FIXTURE)
//   BENCH_FIXTURE=<file> npx tsx --conditions=react-server bench/http-pages.ts
// Ctrl-C drops the database and stops the sandbox.
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createFixture } from "./fixture.ts";

const file = path.join(os.tmpdir(), "stackdeck-bench-http", "fixture.json");
const fixture = await createFixture({
  stacks: 200, deploymentsPerStack: 50, auditEntries: Number(process.env.BENCH_AUDIT ?? 1_000_000), alarms: 500,
  sandboxPort: Number(process.env.BENCH_SANDBOX_PORT ?? 4551), log: (line) => console.log(`[hold] ${line}`),
});
const { close, ...held } = fixture;
writeFileSync(file, JSON.stringify(held));
console.log(`[hold] fixture ready: BENCH_FIXTURE=${file}  (Ctrl-C to drop it)`);
const stop = () => void close().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
setInterval(() => undefined, 60_000);
