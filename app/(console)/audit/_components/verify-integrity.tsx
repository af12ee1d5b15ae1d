"use client";

import { useActionState, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { verifyAuditAction } from "../actions";
import { IDLE } from "@/lib/auth/action-state";
import type { VerificationDto } from "@/lib/audit/verifications";
import { Notice } from "@/components/ui/notice";
import { buttonClass } from "@/components/ui/button";
import { ProgressBar } from "@/components/deployments/progress-bar";

const ACTIVE = new Set(["queued", "running"]);

/** Starts the verify job and follows it (a GET per second while it runs); the result stays until the next run. */
export function VerifyIntegrity({ initial }: { initial: VerificationDto | null }) {
  const [state, action, pending] = useActionState(verifyAuditAction, IDLE);
  const [run, setRun] = useState<VerificationDto | null>(initial);
  const started = state.status === "ok" ? (state.data ?? null) : null;
  useEffect(() => {
    if (started) setRun(started);
  }, [started]);

  const router = useRouter();
  const id = run && ACTIVE.has(run.status) ? run.id : null;
  useEffect(() => {
    if (!id) return;
    const timer = setInterval(async () => {
      const response = await fetch(`/api/v1/audit/verifications/${id}`, { headers: { accept: "application/json" } }).catch(() => null);
      if (!response?.ok) return;
      const next = (await response.json()) as VerificationDto;
      setRun(next);
      if (!ACTIVE.has(next.status)) router.refresh(); // a passed run signed a new checkpoint: show it
    }, 1000);
    return () => clearInterval(timer);
  }, [id, router]);

  const busy = pending || id !== null;
  return (
    <div className="w-full max-w-md space-y-2 sm:w-auto" data-testid="verify-integrity">
      <form action={action}>
        <button type="submit" className={buttonClass("secondary")} disabled={busy}>
          {busy ? "Verifying…" : "Verify integrity"}
        </button>
      </form>
      {state.status === "error" ? <Notice tone="red">{state.message}</Notice> : null}
      {run ? <RunResult run={run} /> : null}
    </div>
  );
}

function RunResult({ run }: { run: VerificationDto }) {
  if (ACTIVE.has(run.status)) {
    return run.status === "queued" ? (
      <p className="text-sm text-slate-600">Queued: waiting for the worker…</p>
    ) : (
      <ProgressBar done={Number(run.checked)} total={Math.max(Number(run.total), Number(run.checked))} label="Verification progress" unit="entries" />
    );
  }
  const when = run.finishedAt ? ` (${run.finishedAt.replace("T", " ").slice(0, 19)} UTC)` : "";
  const against = run.checkpoint ? `, held against the checkpoint of entry ${Number(run.checkpoint.seq).toLocaleString("en")}` : "";
  return (
    <div data-testid="verify-result">
      {run.status === "passed" ? (
        <Notice tone="green">Intact: {Number(run.checked).toLocaleString("en")} entries verified{against}{when}.</Notice>
      ) : run.status === "failed" ? (
        <Notice tone="red">
          Tampering found: {run.findingCount} finding(s){when}.
          <ul className="mt-1 list-disc pl-5">
            {run.findings.map((f, i) => (
              <li key={i}>{f.message}</li>
            ))}
          </ul>
        </Notice>
      ) : (
        <Notice tone="amber">The last verification did not finish ({run.status}{run.error ? `: ${run.error}` : ""}){when}.</Notice>
      )}
    </div>
  );
}
