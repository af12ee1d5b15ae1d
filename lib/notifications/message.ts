import { EVENT_LABELS, type NotificationEvent } from "./events.ts";

// What a delivery says, fixed when the outbox row is written (retries send the same event), and how it is shaped
// for each kind of destination: our JSON for a webhook, `{ text, blocks }` for a Slack-compatible incoming webhook.

export interface NotificationPayload {
  /** The delivery's id, also in X-Stackdeck-Delivery: receivers use it to drop a repeated delivery. */
  id: string;
  event: string;
  occurredAt: string;
  environment: string;
  summary: string;
  /** The console page the event is about (absolute). */
  url: string;
  actor: string;
  target: { type: string; id: string } | null;
  auditSeq: string | null;
  details: Record<string, unknown>;
}

export interface AuditFacts {
  seq: bigint | null;
  occurredAt: Date;
  action: string;
  environment: string;
  actorLabel: string;
  target: { type: string; id: string } | null;
  details: Record<string, unknown>;
}

/** The console's public address: STACKDECK_PUBLIC_URL, else NEXTAUTH_URL (what sign-in links use). */
export function consoleBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.STACKDECK_PUBLIC_URL || env.NEXTAUTH_URL || "http://localhost:3000").replace(/\/+$/, "");
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

function consolePath(facts: AuditFacts): string {
  const deploymentId = text(facts.details.deploymentId);
  if (deploymentId && facts.action.startsWith("deployment.")) return `/deployments/${encodeURIComponent(deploymentId)}`;
  if (facts.target?.type === "alarm") return `/alarms/${encodeURIComponent(facts.target.id)}`;
  if (facts.target?.type === "stack") return `/stacks/${encodeURIComponent(facts.target.id)}`;
  return "/settings/notifications";
}

function summaryOf(event: NotificationEvent | string, facts: AuditFacts): string {
  const target = facts.target?.id ?? "Stackdeck";
  const reason = text(facts.details.reason);
  const label = EVENT_LABELS[event as NotificationEvent] ?? event;
  if (event === "approval.decided") return `${facts.action === "deployment.rejected" ? "Rejected" : "Approved"}: ${target} by ${facts.actorLabel}`;
  if (event === "alarm.alarm" || event === "alarm.ok") return `${label}: ${target}${reason ? ` (${reason})` : ""}`;
  return `${label}: ${target} in ${facts.environment}${reason ? `. ${reason}` : ""}`;
}

export function buildPayload(id: string, event: string, facts: AuditFacts, summary?: string): NotificationPayload {
  return {
    id,
    event,
    occurredAt: facts.occurredAt.toISOString(),
    environment: facts.environment,
    summary: summary ?? summaryOf(event, facts),
    url: `${consoleBaseUrl()}${consolePath(facts)}`,
    actor: facts.actorLabel,
    target: facts.target,
    auditSeq: facts.seq?.toString() ?? null,
    details: facts.details,
  };
}

/** The raw body sent: a webhook gets the payload with the attempt and when it was sent (both signed with it). */
export function renderBody(kind: string, payload: NotificationPayload, attempt: number, sentAt: Date): string {
  if (kind === "slack") return JSON.stringify(slackMessage(payload));
  return JSON.stringify({ ...payload, attempt, sentAt: sentAt.toISOString() });
}

const escapeSlack = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function slackMessage(p: NotificationPayload) {
  const summary = escapeSlack(p.summary);
  return {
    text: `${summary} ${p.url}`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${summary}*\n<${p.url}|Open in Stackdeck>` } },
      { type: "context", elements: [{ type: "mrkdwn", text: `${escapeSlack(p.event)} · ${escapeSlack(p.environment)} · ${escapeSlack(p.actor)} · ${p.occurredAt}` }] },
    ],
  };
}
