import { createDb } from "../../lib/db/client";
import { describeReport, verifyAuditLog } from "../../lib/audit/verify";
import { deriveKeys } from "../../lib/audit/key";
import { e2eRuntime } from "./runtime";

/** After every e2e run the audit log written by the real app must still verify, against its own checkpoints too. */
export default async function globalTeardown() {
  const runtime = e2eRuntime();
  const db = createDb(runtime.databaseUrl);
  try {
    const report = await verifyAuditLog(db, { keys: deriveKeys(runtime.auditKey), checkpointFile: runtime.checkpointFile });
    if (!report.ok) throw new Error(`audit log broken after the e2e run:\n${describeReport(report).join("\n")}`);
    console.log(describeReport(report)[0]);
  } finally {
    await db.$disconnect();
  }
}
