import { Badge } from "@/components/ui/badge";
import type { Tone } from "@/components/ui/tone";
import type { AlarmState } from "@/lib/alarms/types";

// One colour per state everywhere: ALARM red, OK green, INSUFFICIENT_DATA grey.
const TONES: Record<AlarmState, Tone> = { ALARM: "red", OK: "green", INSUFFICIENT_DATA: "grey" };
const LABELS: Record<AlarmState, string> = { ALARM: "ALARM", OK: "OK", INSUFFICIENT_DATA: "Insufficient data" };

export function AlarmStateBadge({ state }: { state: AlarmState }) {
  return <Badge tone={TONES[state]}>{LABELS[state]}</Badge>;
}

/** "2026-11-28 18:40 UTC" from an ISO string (server-rendered: one time zone for every viewer). */
export function formatTime(iso: string | null): string {
  return iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "—";
}
