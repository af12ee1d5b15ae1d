"use client";

import { useActionState } from "react";
import { deleteDestinationAction, sendTestNotificationAction } from "../actions";
import { IDLE } from "@/lib/auth/action-state";
import { buttonClass } from "@/components/ui/button";

export function DestinationButtons({ destinationId, label }: { destinationId: string; label: string }) {
  const [test, testAction, testing] = useActionState(sendTestNotificationAction, IDLE);
  const [removed, deleteAction, deleting] = useActionState(deleteDestinationAction, IDLE);
  const outcome = [test, removed].find((s) => s.status !== "idle") ?? null;
  return (
    <div className="flex flex-wrap items-center justify-end gap-2 whitespace-nowrap">
      <form action={testAction}>
        <input type="hidden" name="destinationId" value={destinationId} />
        <button type="submit" className={buttonClass("secondary")} disabled={testing} aria-label={`Send a test to ${label}`}>{testing ? "Sending…" : "Send test"}</button>
      </form>
      <form action={deleteAction} onSubmit={(e) => { if (!confirm(`Delete the destination ${label}? Nothing more is sent to it.`)) e.preventDefault(); }}>
        <input type="hidden" name="destinationId" value={destinationId} />
        <button type="submit" className={buttonClass("secondary")} disabled={deleting} aria-label={`Delete ${label}`}>Delete</button>
      </form>
      {outcome && "message" in outcome ? (
        <span role={outcome.status === "error" ? "alert" : "status"} className={`w-full whitespace-normal text-right text-xs ${outcome.status === "error" ? "text-red-700" : "text-slate-600"}`}>{outcome.message}</span>
      ) : null}
    </div>
  );
}
