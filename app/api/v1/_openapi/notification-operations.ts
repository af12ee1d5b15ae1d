import { z } from "zod";
import { deliveryFilterSchema, destinationIdSchema, destinationSchema } from "@/lib/notifications/schema";
import { NOTIFICATION_EVENTS } from "@/lib/notifications/events";
import { destinationListQuerySchema } from "../notifications/destinations/schema";
import type { ApiOperation } from "./operation";

// Issue 16: notification destinations and their deliveries (lib/notifications). Admins of all environments.

const iso = z.iso.datetime({ offset: true });
const access = "admin of all environments";
const destinationId = { id: { schema: destinationIdSchema.shape.destinationId, description: "the destination's id" } };

const destination = z.strictObject({
  id: z.uuid(),
  environment: z.string(),
  kind: z.enum(["webhook", "slack"]),
  url: z.string().describe("as shown: a Slack webhook's path (its credential) is hidden"),
  events: z.array(z.enum(NOTIFICATION_EVENTS)),
  signed: z.boolean().describe("webhooks are signed: X-Stackdeck-Signature: sha256=<hex HMAC-SHA256 of the raw body>"),
  createdBy: z.string(),
  createdAt: iso,
  lastDelivery: z.strictObject({ status: z.enum(["pending", "delivered", "failed"]), statusCode: z.int().nullable(), at: iso }).nullable(),
});

const attempt = z.strictObject({
  id: z.string(), deliveryId: z.uuid(), destinationId: z.uuid(), environment: z.string(), kind: z.string(), url: z.string(),
  event: z.string().describe("an event name, or stackdeck.test"), attempt: z.int(), ok: z.boolean(),
  statusCode: z.int().nullable().describe("null when there was no answer (refused, timed out)"), error: z.string().nullable(), durationMs: z.int(), startedAt: iso,
  deliveryStatus: z.enum(["pending", "delivered", "failed"]).describe("pending: a retry is scheduled at nextAttemptAt"), nextAttemptAt: iso.nullable(),
});

export const NOTIFICATION_OPERATIONS: ApiOperation[] = [
  {
    method: "get", path: "/api/v1/notifications/destinations", tag: "Notifications", summary: "List notification destinations", access,
    query: destinationListQuerySchema, success: { status: 200, description: "Every destination (secrets are never returned).", schema: z.strictObject({ items: z.array(destination) }) },
    errors: ["validation_failed", "unauthorized", "forbidden"],
  },
  {
    method: "post", path: "/api/v1/notifications/destinations", tag: "Notifications", summary: "Add a notification destination", access,
    description: `A webhook (JSON, signed; headers X-Stackdeck-Event, X-Stackdeck-Delivery, X-Stackdeck-Timestamp, X-Stackdeck-Signature) or a Slack-compatible incoming webhook ({ text, blocks }). Events: ${NOTIFICATION_EVENTS.join(", ")}.`,
    body: {
      schema: destinationSchema,
      examples: {
        webhook: { summary: "Failed and rolled-back production deployments to a webhook", value: { environment: "production", kind: "webhook", url: "https://hooks.example.com/stackdeck", events: ["deployment.failed", "deployment.rolled_back"], secret: "a-long-shared-secret-value" } },
        slack: { summary: "Approvals to a Slack channel", value: { environment: "production", kind: "slack", url: "https://hooks.slack.com/services/T000/B000/XXXX", events: ["approval.requested", "approval.decided"] } },
      },
    },
    success: { status: 201, description: "The destination; a secret Stackdeck generated (none was given) is in this response only.", schema: z.strictObject({ destination, secret: z.string().optional() }) },
    errors: ["validation_failed", "unauthorized", "forbidden", "unsupported_media_type", "payload_too_large"],
  },
  {
    method: "delete", path: "/api/v1/notifications/destinations/{id}", tag: "Notifications", summary: "Delete a notification destination", access,
    pathParams: destinationId, success: { status: 200, description: "Deleted; its deliveries stay listed.", schema: z.strictObject({ deleted: z.uuid() }) },
    errors: ["validation_failed", "unauthorized", "forbidden", "not_found"],
  },
  {
    method: "post", path: "/api/v1/notifications/destinations/{id}/test", tag: "Notifications", summary: "Send a test notification", access,
    description: "Queues a stackdeck.test message to the destination; the delivery job sends it within seconds, with retries.",
    pathParams: destinationId, success: { status: 202, description: "Queued.", schema: z.strictObject({ deliveryId: z.uuid() }) },
    errors: ["validation_failed", "unauthorized", "forbidden", "not_found"],
  },
  {
    method: "get", path: "/api/v1/notifications/deliveries", tag: "Notifications", summary: "Delivery attempts", access,
    description: "Every HTTP attempt, newest first, with its status code, error and duration. Pass nextCursor back as before.",
    query: deliveryFilterSchema,
    success: { status: 200, description: "One page of attempts.", schema: z.strictObject({ items: z.array(attempt), nextCursor: z.string().nullable() }) },
    errors: ["validation_failed", "unauthorized", "forbidden"],
  },
];
