// The events a destination may subscribe to, and the audit actions each one is made of. The audit is the source:
// a notification is sent for an audit entry (lib/audit/record.ts writes the outbox in the entry's transaction),
// so the names follow the audit's (`deployment.succeeded` is the audit action of the state machine's move).

export const NOTIFICATION_EVENTS = [
  "approval.requested",
  "approval.decided",
  "deployment.started",
  "deployment.succeeded",
  "deployment.failed",
  "deployment.rolled_back",
  "alarm.alarm",
  "alarm.ok",
  "drift.detected",
  "teardown.due",
  "teardown.started",
  "teardown.completed",
  "teardown.recreated",
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** What the settings page says about each event. */
export const EVENT_LABELS: Record<NotificationEvent, string> = {
  "approval.requested": "Approval requested",
  "approval.decided": "Approval decided (approved or rejected)",
  "deployment.started": "Deployment started",
  "deployment.succeeded": "Deployment succeeded",
  "deployment.failed": "Deployment failed",
  "deployment.rolled_back": "Deployment rolled back",
  "alarm.alarm": "Alarm went into ALARM",
  "alarm.ok": "Alarm back to OK",
  "drift.detected": "Drift found",
  "teardown.due": "Teardown due soon",
  "teardown.started": "Teardown started",
  "teardown.completed": "Teardown completed",
  "teardown.recreated": "Platform recreated after teardown",
};

/** Audit actions whose name differs from the event they notify (every other event is its own audit action). */
const AUDIT_ALIASES: Record<string, NotificationEvent> = {
  "deployment.approval_requested": "approval.requested",
  "deployment.approved": "approval.decided",
  "deployment.rejected": "approval.decided",
};

const EVENT_SET: ReadonlySet<string> = new Set(NOTIFICATION_EVENTS);

/** The event an audit action notifies, or null for the (many) actions nobody subscribes to. */
export function eventOfAuditAction(action: string): NotificationEvent | null {
  return AUDIT_ALIASES[action] ?? (EVENT_SET.has(action) ? (action as NotificationEvent) : null);
}

/** The event sent by "Send test": never an audit action, so no real event can be mistaken for it. */
export const TEST_EVENT = "stackdeck.test";
