import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { environmentOfDeployment } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { assertCan } from "@/lib/auth/guard";
import { parseInput } from "@/lib/validation";
import { deploymentRefSchema } from "@/lib/deployments/schema";
import { deploymentEnvironment } from "@/lib/deployments/deployment-detail";
import { getDeploymentListener } from "@/lib/realtime/listener";
import { deploymentEventStream, SSE_HEADERS } from "@/lib/realtime/deployment-stream";
import { getDeploymentLiveState, listEventsAfter, parseAfter } from "@/lib/realtime/queries";
import { eventsQuerySchema } from "../../schema";

export const dynamic = "force-dynamic";

/**
 * A deployment's stack events. By default Server-Sent Events: the events after `Last-Event-ID` (or `?after=`),
 * then live ones, `event: deployment` for status and progress, until the deployment ends. With
 * `Accept: application/json` or `?format=json`: one page `{ events, nextAfter, deployment }` for polling scripts.
 * apiRoute authenticates (token or session) and maps errors; a Response it gets back is sent as it is (streamed).
 */
export const GET = apiRoute({ access: { requires: "stack:read", environment: environmentOfDeployment("id") } }, async ({ req, actor, params }) => {
  const { deploymentId } = parseInput(deploymentRefSchema, { deploymentId: params.id });
  const db = getDb();
  assertCan(actor, "stack:read", await deploymentEnvironment(db, deploymentId));
  const query = parseInput(eventsQuerySchema, Object.fromEntries(req.nextUrl.searchParams));
  const after = parseAfter(req.headers.get("last-event-id") ?? query.after);

  const wantsJson = query.format === "json" || /^application\/json\b/i.test(req.headers.get("accept") ?? "");
  if (wantsJson) {
    const { limit } = query;
    const [deployment, events] = [await getDeploymentLiveState(db, deploymentId), await listEventsAfter(db, deploymentId, after, limit)];
    return NextResponse.json({ events, nextAfter: events.at(-1)?.id ?? after.toString(), deployment });
  }

  const stream = deploymentEventStream({ db, deploymentId, after, listener: getDeploymentListener(), signal: req.signal });
  return new Response(stream, { headers: SSE_HEADERS });
});
