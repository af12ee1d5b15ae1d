import "server-only";
import { Suspense } from "react";
import type { Actor } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { getStackEcsHealth } from "@/lib/ecs/service-health";
import { Notice } from "@/components/ui/notice";
import { ServiceCard } from "./service-card";

/**
 * The ECS services of a `service` stack: counts, rollouts, task definition, CPU/memory and latest events, read from
 * AWS as the page renders (cached ~15 s). Streams in after the rest of the stack page.
 */
export function ServiceHealth({ stackName, actor }: { stackName: string; actor: Actor }) {
  return (
    <section aria-labelledby="ecs-services">
      <h2 id="ecs-services" className="mb-2 text-base font-semibold">ECS services</h2>
      <Suspense fallback={<p className="text-sm text-slate-500">Reading the services from ECS…</p>}>
        <ServiceHealthBody stackName={stackName} actor={actor} />
      </Suspense>
    </section>
  );
}

async function ServiceHealthBody({ stackName, actor }: { stackName: string; actor: Actor }) {
  const health = await getStackEcsHealth(getDb(), actor, stackName);
  if (health.error) return <Notice tone="red">Service health is unavailable: {health.error}</Notice>;
  if (!health.cluster) return <p className="text-sm text-slate-600">No ECS cluster in this stack yet.</p>;
  return (
    <div className="space-y-4">
      <p className="text-xs text-slate-500">
        Cluster <span className="font-mono">{health.cluster}</span> in {health.region} · as of {health.services[0]?.fetchedAt.slice(11, 19) ?? "now"} UTC (reload for newer)
      </p>
      {health.missing.length ? (
        <Notice tone="amber">ECS does not know {health.missing.join(", ")}: deleted outside CloudFormation, or not created yet.</Notice>
      ) : null}
      {health.services.length === 0 && !health.missing.length ? <p className="text-sm text-slate-600">The cluster has no services.</p> : null}
      <div className="grid gap-4 2xl:grid-cols-2">
        {health.services.map((service) => <ServiceCard key={service.name} service={service} />)}
      </div>
    </div>
  );
}
