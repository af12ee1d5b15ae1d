// What the API and the settings page see: plain values, never a secret.

export interface DestinationDto {
  id: string;
  environment: string;
  kind: "webhook" | "slack";
  /** The URL as shown: a Slack webhook's path is its credential, so only its host is shown. */
  url: string;
  events: string[];
  signed: boolean;
  createdBy: string;
  createdAt: string;
  lastDelivery: { status: string; statusCode: number | null; at: string } | null;
}

export interface CreatedDestination {
  destination: DestinationDto;
  /** Only when Stackdeck generated the secret (none was given): shown this once, never again. */
  secret?: string;
}

export interface DeliveryAttemptDto {
  id: string;
  deliveryId: string;
  destinationId: string;
  environment: string;
  kind: string;
  url: string;
  event: string;
  attempt: number;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  startedAt: string;
  /** The delivery's status now: pending (a retry is scheduled), delivered or failed. */
  deliveryStatus: string;
  nextAttemptAt: string | null;
}

export interface DeliveryAttemptPage {
  items: DeliveryAttemptDto[];
  nextCursor: string | null;
}
