import { createDb } from "../../lib/db/client";
import { verifyAuditChain } from "../../lib/audit/verify";
import { e2eDatabaseUrl } from "./runtime";

/** After every e2e run the audit chain written by the real app must still verify. */
export default async function globalTeardown() {
  const db = createDb(e2eDatabaseUrl());
  try {
    const result = await verifyAuditChain(db);
    if (!result.ok) throw new Error(`audit chain broken after the e2e run at entry ${result.brokenAt}: ${result.reason}`);
    console.log(`audit chain ok: ${result.count} entries`);
  } finally {
    await db.$disconnect();
  }
}
