"use client";

import { useActionState, useEffect } from "react";
import { useRouter } from "next/navigation";
import { cancelTeardownScheduleAction } from "../day2-actions";
import { IDLE } from "@/lib/auth/action-state";
import { buttonClass } from "@/components/ui/button";

export function CancelTeardownButton({ id }: { id: string }) {
  const [state, action, pending] = useActionState(cancelTeardownScheduleAction, IDLE);
  const router = useRouter();
  useEffect(() => {
    if (state.status === "ok") router.refresh();
  }, [state, router]);
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <button className={buttonClass("secondary")} disabled={pending}>Cancel schedule</button>
      {state.status === "error" ? <span role="alert" className="text-xs text-red-700">{state.message}</span> : null}
    </form>
  );
}
