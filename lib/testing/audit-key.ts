import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";

/** A throwaway AUDIT_HMAC_KEY and checkpoint file for a test run (kept if the caller already set them). */
export function useTestAuditKey(): { cleanup: () => void } {
  process.env.AUDIT_HMAC_KEY ??= randomBytes(32).toString("base64url");
  if (process.env.AUDIT_CHECKPOINT_FILE) return { cleanup: () => undefined };
  const dir = mkdtempSync(path.join(os.tmpdir(), "stackdeck-test-audit-"));
  process.env.AUDIT_CHECKPOINT_FILE = path.join(dir, "checkpoints.jsonl");
  return { cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
