import { describe, expect, it } from "vitest";
import { eventOfAuditAction } from "./events.ts";
import { decryptSecret, encryptSecret, signBody } from "./secrets.ts";
import { retryDelayMs } from "./dispatch.ts";
import { buildPayload, renderBody } from "./message.ts";
import { destinationSchema } from "./schema.ts";

const facts = { seq: 7n, occurredAt: new Date("2026-12-03T10:00:00Z"), action: "deployment.failed", environment: "staging", actorLabel: "system", target: { type: "stack", id: "staging-<web>" }, details: { deploymentId: "d-1", reason: "CREATE_FAILED: Bucket exists" } };

describe("notification messages", () => {
  it("names events after the audit, with the approval actions as approval.*", () => {
    expect(eventOfAuditAction("deployment.succeeded")).toBe("deployment.succeeded");
    expect(eventOfAuditAction("deployment.approval_requested")).toBe("approval.requested");
    expect(eventOfAuditAction("deployment.rejected")).toBe("approval.decided");
    expect(eventOfAuditAction("drift.detected")).toBe("drift.detected");
    expect(eventOfAuditAction("deployment.preview_ready")).toBeNull();
    expect(eventOfAuditAction("auth.sign_in")).toBeNull();
  });

  it("encrypts secrets so the stored value neither shows nor survives tampering", () => {
    const stored = encryptSecret("shh-a-secret-value");
    expect(stored).not.toContain("shh");
    expect(decryptSecret(stored)).toBe("shh-a-secret-value");
    const [v, iv, tag, data] = stored.split(".");
    expect(() => decryptSecret([v, iv, tag, `${data!.slice(0, -2)}AA`].join("."))).toThrow();
    // The published HMAC-SHA256 test vector.
    expect(signBody("key", "The quick brown fox jumps over the lazy dog")).toBe("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  });

  it("doubles the wait between attempts, up to an hour", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 10_000))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(retryDelayMs(30, 10_000)).toBe(3_600_000);
  });

  it("links to the deployment's page and escapes Slack's control characters", () => {
    const payload = buildPayload("id-1", "deployment.failed", facts);
    expect(payload.summary).toBe("Deployment failed: staging-<web> in staging. CREATE_FAILED: Bucket exists");
    expect(payload.url).toMatch(/\/deployments\/d-1$/);
    const slack = JSON.parse(renderBody("slack", payload, 1, new Date())) as { text: string; blocks: { text?: { text: string } }[] };
    expect(slack.text).toContain("staging-&lt;web&gt;");
    expect(slack.blocks[0]!.text!.text).toContain(`<${payload.url}|Open in Stackdeck>`);
    expect(JSON.parse(renderBody("webhook", payload, 2, new Date("2026-12-03T10:00:05Z")))).toMatchObject({ id: "id-1", attempt: 2, sentAt: "2026-12-03T10:00:05.000Z", auditSeq: "7" });
  });

  it("accepts http and https URLs only, and no secret for Slack", () => {
    const base = { environment: "staging", kind: "webhook", events: ["deployment.failed"] };
    expect(destinationSchema.safeParse({ ...base, url: "https://hooks.example.com/x" }).success).toBe(true);
    expect(destinationSchema.safeParse({ ...base, url: "javascript:alert(1)" }).error?.issues[0]?.message).toBe("Use an http:// or https:// URL.");
    expect(destinationSchema.safeParse({ ...base, url: "https://x.example", events: ["deployment.finished"] }).success).toBe(false);
    expect(destinationSchema.safeParse({ ...base, kind: "slack", url: "https://hooks.slack.com/services/x", secret: "0123456789abcdefgh" }).error?.issues[0]?.message).toMatch(/not signed/);
  });
});
