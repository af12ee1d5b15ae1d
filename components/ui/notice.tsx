import type { ReactNode } from "react";
import { TONE_CLASSES, type Tone } from "./tone";

/** An inline message; `role="alert"` for errors so screen readers announce them. */
export function Notice({ tone, children }: { tone: Tone; children: ReactNode }) {
  const alert = tone === "red";
  return (
    <div role={alert ? "alert" : "status"} className={`rounded-md px-3 py-2 text-sm ring-1 ring-inset ${TONE_CLASSES[tone]}`}>
      {children}
    </div>
  );
}
