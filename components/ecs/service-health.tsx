import "server-only";
import { Suspense } from "react";
import type { Actor } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { getStackEcsHealth } from "@/lib/ecs/queries";
import { Notice } from "@/components/ui/notice";
import { RefreshedAt } from "@/components/ui/refreshed-at";
import { ServiceCard } from "./service-card";

/**
 * The ECS services of a `service` stack: counts, rollouts, task definition, CPU/memory and latest events, as the
 * ECS health refresh last stored them (every 15 s; never read from AWS while the page renders). Streams in.
 */
export function ServiceHealth({ stackName, actor }: { stackName: string; actor: Actor }) {
  return (
    <section aria-labelledby="ecs-services">
      <h2 id="ecs-services" className="mb-2 text-base font-semibold">ECS services</h2>
      <Suspense fallback={<p className="text-sm text-slate-500">Loading the services…</p>}>
        <ServiceHealthBody stackName={stackName} actor={actor} />
      </Suspense>
    </section>
  );
}

async function ServiceHealthBody({ stackName, actor }: { stackName: string; actor: Actor }) {
  const health = await getStackEcsHealth(getDb(), actor, stackName);
  const marker = <RefreshedAt at={health.refreshedAt} every="every 15 s" pending="ECS has not been read for this stack yet; the services appear within 15 s." />;
  if (health.error) return <div className="space-y-2">{marker}<Notice tone="red">Service health is unavailable: {health.error}</Notice></div>;
  if (!health.cluster) return <div className="space-y-2">{marker}{health.refreshedAt ? <p className="text-sm text-slate-600">No ECS cluster in this stack yet.</p> : null}</div>;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-x-3 text-xs text-slate-500">
        <span>Cluster <span className="font-mono">{health.cluster}</span> in {health.region}</span>
        {marker}
      </div>
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
