import type { Tone } from "@/components/ui/tone";

/** A delivery's status in the console's colours: delivered green, waiting for a retry amber, failed red. */
export function deliveryTone(status: string): Tone {
  return status === "delivered" ? "green" : status === "failed" ? "red" : status === "pending" ? "amber" : "grey";
}

/** "pending" after an attempt means a retry is scheduled; before any attempt it is about to be sent. */
export function deliveryLabel(status: string, attempted: boolean): string {
  return status === "pending" ? (attempted ? "retrying" : "queued") : status;
}
