import type { IntegrityStatus } from "@/lib/audit/integrity-status";
import { Notice } from "@/components/ui/notice";
import { VerifyIntegrity } from "./verify-integrity";

/**
 * What backs the log up, beyond the database: the last checkpoint signed with the audit key (read from the
 * checkpoint file), and the last verification run, which the button starts as a background job.
 */
export function IntegrityPanel({ status }: { status: IntegrityStatus }) {
  const cp = status.checkpoint;
  return (
    <section aria-labelledby="integrity-heading" className="mb-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1 text-sm">
          <h2 id="integrity-heading" className="font-semibold text-slate-900">Integrity</h2>
          <p className="text-slate-600">
            {Number(status.entries).toLocaleString("en")} entries, chained with HMAC-SHA256 (key <code className="font-mono text-xs">{status.keyId}</code>)
            {cp?.keyedFrom && cp.keyedFrom !== "1" ? ` from entry ${cp.keyedFrom}; the ${Number(cp.keyedFrom) - 1} before it were written before the key and carry SHA-256 only` : ""}.
          </p>
          {cp ? (
            <p data-testid="last-checkpoint" className="text-slate-700">
              Last verified checkpoint: entry <strong className="tabular-nums">{Number(cp.count).toLocaleString("en")}</strong>, head{" "}
              <code className="font-mono text-xs" title={cp.head}>{cp.head.slice(0, 12)}…</code>, signed{" "}
              <time dateTime={cp.at} title={cp.at}>{new Date(cp.at).toISOString().replace("T", " ").slice(0, 19)} UTC</time>
            </p>
          ) : (
            <p data-testid="last-checkpoint" className="text-slate-700">
              {status.file ? "No checkpoint signed yet (the worker signs one every minute while the log grows)." : "Checkpoints are off: set AUDIT_CHECKPOINT_FILE, or a cut-off tail cannot be detected."}
            </p>
          )}
        </div>
        <VerifyIntegrity initial={status.latest} />
      </div>
      {status.rejectedLines ? (
        <div className="mt-3">
          <Notice tone="red">{status.rejectedLines} line(s) at the end of the checkpoint file do not verify with the audit key: someone without the key wrote to it.</Notice>
        </div>
      ) : null}
    </section>
  );
}
