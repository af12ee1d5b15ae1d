// What the page bench requests: every console page a person opens (with several stacks, deployments and alarms
// to cycle through, so no single row's caches decide the figure) and the API reads scripts make.
import pg from "pg";
import type { Target } from "./load.ts";

export async function benchTargets(databaseUrl: string): Promise<Target[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const stacks = ["staging-service", "production-database", "staging-worker-000", "production-worker-001", "staging-load-balancer"];
    const deployments = (await client.query(
      `SELECT DISTINCT ON (s.name) d.id FROM deployments d JOIN stacks s ON s.id = d.stack_id WHERE s.name = ANY($1) ORDER BY s.name, d.created_at DESC`,
      [stacks],
    )).rows.map((r) => r.id as string);
    const older = (await client.query(`SELECT id FROM deployments ORDER BY created_at LIMIT 1 OFFSET 5000`)).rows.map((r) => r.id as string);
    const alarms = (await client.query(
      `SELECT a.name, e.key FROM alarms a JOIN stacks s ON s.id = a.stack_id JOIN environments e ON e.id = s.environment_id
       WHERE s.name = ANY($1) ORDER BY a.name LIMIT 4`,
      [["staging-database", "production-load-balancer", "staging-worker-000", "production-worker-001"]],
    )).rows as { name: string; key: string }[];
    const ids = [...deployments, ...older];
    const week = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    const both = (path: string) => ["staging", "production"].map((env) => `${path}${path.includes("?") ? "&" : "?"}env=${env}`);
    const page = (name: string, paths: string[]): Target => ({ name, kind: "page", paths });
    const api = (name: string, paths: string[]): Target => ({ name, kind: "api", paths });
    return [
      page("overview", both("/")),
      page("stacks", both("/stacks")),
      page("stack", stacks.map((s) => `/stacks/${s}`)),
      page("deployments", both("/deployments")),
      page("deployment", ids.map((id) => `/deployments/${id}`)),
      page("alarms", [...both("/alarms"), "/alarms?env=production&state=ALARM"]),
      page("alarm", alarms.map((a) => `/alarms/${encodeURIComponent(a.name)}?env=${a.key}`)),
      page("costs", both("/costs")),
      page("audit (filtered)", [`/audit?actor=user07%40bench.example&from=${week}`, "/audit?action=deployment.&environment=production"]),
      page("templates", both("/templates")),
      api("GET stacks", ["/api/v1/stacks?environment=staging", "/api/v1/stacks?environment=production"]),
      api("GET stack", stacks.map((s) => `/api/v1/stacks/${s}`)),
      api("GET stack alarms", ["staging-database", "staging-worker-000"].map((s) => `/api/v1/stacks/${s}/alarms`)),
      api("GET alarms", ["/api/v1/alarms?environment=staging", "/api/v1/alarms?environment=production&state=ALARM"]),
      api("GET deployments", ["/api/v1/deployments?environment=staging", "/api/v1/deployments?environment=production"]),
      api("GET deployment", ids.map((id) => `/api/v1/deployments/${id}`)),
      api("GET events (json)", ids.map((id) => `/api/v1/deployments/${id}/events?format=json`)),
      api("GET audit", [`/api/v1/audit?actor=user07%40bench.example&from=${week}`]),
      api("GET templates", ["/api/v1/templates?environment=staging"]),
    ];
  } finally {
    await client.end();
  }
}
