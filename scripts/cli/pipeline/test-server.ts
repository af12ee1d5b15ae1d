import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { DeploymentStatus, StackEventDto } from "../../../lib/deployments/types.ts";

// A local HTTP server speaking the parts of the v1 API the pipeline CLI uses, with the event stream in the wire
// format of lib/realtime/deployment-stream.ts (retry:, id: + data: per stack event, `event: deployment` for the
// state, comment heartbeats, the end of the stream once finished). Each deployment plays a script of frames, so a
// test decides when approval lands, when the connection drops, and how the change ends.

export type Frame = { event: string } | { status: DeploymentStatus; done?: number; total?: number; reason?: string } | { drop: true } | { waitFor: "decision" };

export interface Scenario {
  frames: Frame[];
  requiresApproval?: boolean;
}

export interface TestApi {
  url: string;
  token: string;
  requests: { method: string; path: string; body: unknown; lastEventId: string | null }[];
  close: () => Promise<void>;
}

const ID = "6f4c1f8e-2b7a-4d0c-9a53-1f2e3d4c5b6a";
const FINISHED = new Set(["succeeded", "failed", "rolled_back", "cancelled", "rejected"]);

export async function startTestApi(scenario: Scenario): Promise<TestApi> {
  const token = "sdk_test";
  const requests: TestApi["requests"] = [];
  const state = { status: "previewing" as DeploymentStatus, done: 0, total: 0, reason: null as string | null, created: false, decision: null as null | { approved: boolean; comment: string } };
  const events: StackEventDto[] = [];
  let dropped = false;
  let wake: (() => void) | null = null;

  const detail = () => ({
    id: ID, stackName: "staging-service", environment: "staging", templateName: "service", action: "update", status: state.status,
    requestedBy: "ci@example.com", createdAt: "2026-12-02T10:00:00.000Z", startedAt: null, finishedAt: null, resultReason: state.reason,
    resourcesTotal: state.total, resourcesDone: state.done, breakGlass: false, progress: { done: state.done, total: state.total, percent: 0 },
    durationSeconds: FINISHED.has(state.status) ? 75 : null, requiresApproval: scenario.requiresApproval ?? false,
    approval: scenario.requiresApproval && !["previewing", "ready"].includes(state.status) ? {
      status: state.decision ? (state.decision.approved ? "approved" : "rejected") : "pending", requestedBy: "ci@example.com", reason: "CI", approvalsRequired: 1,
      approvals: state.decision?.approved ? 1 : 0, expiresAt: "2026-12-03T10:00:00.000Z",
      decisions: state.decision ? [{ by: "approver@example.com", approved: state.decision.approved, comment: state.decision.comment, at: "2026-12-02T10:01:00.000Z" }] : [],
    } : null,
  });
  const live = () => ({ status: state.status, resourcesDone: state.done, resourcesTotal: state.total, eventsCount: events.length, resultReason: state.reason, startedAt: null, finishedAt: null });

  // The scenario advances on its own clock, whatever the clients do (like a tracker polling AWS).
  const play = async () => {
    for (const frame of scenario.frames) {
      await new Promise((r) => setTimeout(r, 20));
      if ("waitFor" in frame) await new Promise<void>((r) => (wake = r));
      else if ("event" in frame) events.push({ id: String(events.length + 1), eventId: `e${events.length + 1}`, timestamp: "2026-12-02T10:00:05.000Z", logicalId: frame.event, physicalId: null, resourceType: "AWS::ECS::Service", status: "UPDATE_COMPLETE", reason: null });
      else if ("status" in frame) Object.assign(state, { status: frame.status, done: frame.done ?? state.done, total: frame.total ?? state.total, reason: frame.reason ?? state.reason });
      else dropped = true;
    }
  };

  const stream = (req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
    res.write("retry: 50\n\n");
    let sent = Number(req.headers["last-event-id"] ?? 0);
    let lastState = "";
    const timer = setInterval(() => {
      for (; sent < events.length; sent++) res.write(`id: ${events[sent]!.id}\ndata: ${JSON.stringify(events[sent])}\n\n`);
      const json = JSON.stringify(live());
      if (json !== lastState) res.write(`event: deployment\ndata: ${json}\n\n`);
      lastState = json;
      res.write(": heartbeat\n\n");
      if (dropped) {
        dropped = false;
        clearInterval(timer);
        return res.socket?.destroy(); // the connection dies mid-stream, as behind a proxy's idle timeout
      }
      if (FINISHED.has(state.status)) {
        clearInterval(timer);
        res.end();
      }
    }, 10);
    req.on("close", () => clearInterval(timer));
  };

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
    const path = req.url ?? "";
    requests.push({ method: req.method ?? "", path, body, lastEventId: (req.headers["last-event-id"] as string | undefined) ?? null });
    const json = (status: number, value: unknown) => res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(value));
    if (req.headers.authorization !== `Bearer ${token}`) return json(401, { error: { code: "unauthorized", message: "The API token is missing, invalid, expired or revoked." } });
    if (path.startsWith("/api/v1/stacks/")) return json(200, { name: "staging-service", deleted: false, status: "UPDATE_COMPLETE" });
    if (req.method === "POST" && path === "/api/v1/deployments") {
      if (!state.created) void play();
      state.created = true;
      return json(202, detail());
    }
    if (path === `/api/v1/deployments/${ID}/events`) return stream(req, res);
    if (path === `/api/v1/deployments/${ID}`) return json(200, detail());
    const decided = /\/(approve|reject)$/.exec(path);
    if (req.method === "POST" && decided) {
      state.decision = { approved: decided[1] === "approve", comment: (body as { comment: string }).comment };
      wake?.();
      return json(200, detail());
    }
    json(404, { error: { code: "not_found", message: `${path} was not found.` } });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, token, requests, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}
