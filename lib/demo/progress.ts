import type { Db } from "../db/client.ts";
import { listStackNames } from "../aws/cloudformation.ts";
import { DEMO_TOKEN_PREFIX, tokenOf } from "./story.ts";

// Whether to seed: only into an empty console and an empty sandbox (a first `npm run dev`), or to finish a seed
// a stopped run left halfway (its changes carry the demo's client tokens). Anything else is someone's own work,
// which the demo never touches.

export type DemoProgress =
  | { state: "fresh" }
  | { state: "partial"; done: number }
  | { state: "complete" }
  | { state: "foreign"; why: string };

/**
 * Complete once the story's last act happened: its final change was sent for approval (it starts only after
 * every other change ended as the story says).
 */
export async function demoProgress(db: Db, region: string, input: { keys: string[]; finalKey: string }): Promise<DemoProgress> {
  const [others, ours, final] = await Promise.all([
    db.deployment.count({ where: { OR: [{ clientToken: null }, { NOT: { clientToken: { startsWith: DEMO_TOKEN_PREFIX } } }] } }),
    db.deployment.count({ where: { clientToken: { in: input.keys.map(tokenOf) } } }),
    db.deployment.findUnique({ where: { clientToken: tokenOf(input.finalKey) }, select: { approvalRequest: { select: { id: true } } } }),
  ]);
  if (others > 0) return { state: "foreign", why: `the database already has ${others} deployment(s) of its own` };
  if (final?.approvalRequest) return { state: "complete" };
  if (ours > 0) return { state: "partial", done: ours };
  const stacks = await listStackNames(region);
  if (stacks.length > 0) return { state: "foreign", why: `the sandbox already has ${stacks.length} stack(s) the database does not know (delete .data/sandbox.json to start over)` };
  return { state: "fresh" };
}
