"use client";

import { useActionState, useEffect } from "react";
import { useRouter } from "next/navigation";
import { detectDriftAction } from "../day2-actions";
import { IDLE } from "@/lib/auth/action-state";
import { buttonClass } from "@/components/ui/button";

/** "Detect drift"; while a detection runs the page re-reads the stored result every few seconds (the job follows AWS). */
export function DetectDriftButton({ stackName, detecting, allowed }: { stackName: string; detecting: boolean; allowed: boolean }) {
  const [state, action, pending] = useActionState(detectDriftAction, IDLE);
  const router = useRouter();
  useEffect(() => {
    if (state.status === "ok") router.refresh();
  }, [state, router]);
  useEffect(() => {
    if (!detecting) return;
    const timer = setInterval(() => router.refresh(), 2_000);
    return () => clearInterval(timer);
  }, [detecting, router]);
  if (!allowed) return null;
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="stackName" value={stackName} />
      <button className={buttonClass("secondary")} disabled={pending || detecting}>{detecting ? "Detecting drift…" : "Detect drift"}</button>
      {state.status === "error" ? <span role="alert" className="text-xs text-red-700">{state.message}</span> : null}
    </form>
  );
}
