import { readFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

// Calling a server action the way any client can: POST to a page that hosts it with the Next-Action header and
// the arguments encoded by React's own encodeReply (the same bytes a browser sends), no UI involved.
const ROOT = path.resolve(import.meta.dirname, "../..");
const require = createRequire(import.meta.url);
const { encodeReply } = require("next/dist/compiled/react-server-dom-turbopack/client.node") as { encodeReply: (value: unknown) => Promise<FormData | string> };

interface ManifestEntry {
  workers: Record<string, unknown>;
  exportedName: string;
  filename: string;
}

export interface ServerAction {
  id: string;
  name: string;
  /** A page of the build whose bundle holds the action ([segments] to be filled in). */
  page: string;
}

/** Every server action of the production build, from Next's own manifest (.next/server/server-reference-manifest.json). */
export function serverActionsOfBuild(): ServerAction[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as { node: Record<string, ManifestEntry> };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const pages = Object.keys(entry.workers).map((w) => `/${w.replace(/^app\//, "").replace(/\([^)]+\)\//g, "").replace(/\/?page$/, "")}`);
    return { id, name: entry.exportedName, page: pages.sort((a, b) => a.split("[").length - b.split("[").length)[0]! };
  });
}

const STATUS: Record<string, number> = { unauthorized: 401, forbidden: 403, validation_failed: 400, not_found: 404, conflict: 409, rate_limited: 429, internal: 500 };

/** Invokes the action with these form fields; the answer as an HTTP-like status (a redirect counts as 200). */
export async function callServerAction(baseUrl: string, action: ServerAction, page: string, fields: Record<string, string>, cookie: string | null) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const body = await encodeReply([{ status: "idle" }, form]);
  const response = await fetch(`${baseUrl}${page}`, {
    method: "POST",
    redirect: "manual",
    headers: { "next-action": action.id, accept: "text/x-component", origin: baseUrl, ...(cookie ? { cookie } : {}) },
    body,
  });
  const text = await response.text();
  if (response.headers.get("x-action-redirect")) return { status: 200, detail: `redirect ${response.headers.get("x-action-redirect")}` };
  for (const line of text.split("\n")) {
    const json = /^[0-9a-f]+:(\{.*\})$/.exec(line)?.[1];
    if (!json) continue;
    const state = JSON.parse(json) as { status?: string; code?: string; message?: string };
    if (state.status === "ok") return { status: 200, detail: state.message ?? "" };
    if (state.status === "error") return { status: STATUS[state.code!] ?? 500, detail: `${state.code}: ${state.message}` };
  }
  return { status: response.status >= 400 ? response.status : 500, detail: `HTTP ${response.status}: ${text.slice(0, 200)}` };
}
