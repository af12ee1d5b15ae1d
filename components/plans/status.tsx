import { Badge } from "@/components/ui/badge";
import type { Tone } from "@/components/ui/tone";
import type { PlanStackStatus, PlanStatus } from "@/lib/plans/types";

// The plan statuses in the console's one colour language (STYLE.md).

const PLAN_TONES: Record<PlanStatus, Tone> = {
  planning: "blue", ready: "grey", awaiting_approval: "amber", applying: "blue", succeeded: "green", failed: "red", cancelled: "grey", rejected: "red",
};

export const STACK_TONES: Record<PlanStackStatus, Tone> = {
  pending: "grey", deferred: "grey", previewing: "blue", ready: "grey", no_change: "green", applying: "blue", succeeded: "green",
  failed: "red", rolled_back: "amber", not_started: "grey", cancelled: "grey",
};

const label = (s: string) => s.replace(/_/g, " ");

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  return <Badge tone={PLAN_TONES[status]}>{label(status)}</Badge>;
}

export function PlanStackStatusBadge({ status }: { status: PlanStackStatus }) {
  return <Badge tone={STACK_TONES[status]}>{label(status)}</Badge>;
}
