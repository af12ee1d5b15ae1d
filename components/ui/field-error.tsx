import type { ActionState } from "@/lib/auth/action-state";

export function FieldError({ state, field }: { state: ActionState; field: string }) {
  const messages = state.status === "error" ? state.fields?.[field] : undefined;
  if (!messages?.length) return null;
  return <p className="mt-1 text-xs text-red-700">{messages.join(" ")}</p>;
}
