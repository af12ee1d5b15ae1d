import { Badge } from "@/components/ui/badge";
import type { Tone } from "@/components/ui/tone";
import { Table, Td, Th } from "@/components/ui/table";
import type { RolloutState, ServiceHealthDto, ServiceVerdict } from "@/lib/ecs/types";
import { UtilisationSparkline } from "./sparkline";

const VERDICT_TONE: Record<ServiceVerdict, Tone> = { healthy: "green", deploying: "blue", degraded: "amber", failed: "red", unknown: "grey" };
const ROLLOUT_TONE: Record<RolloutState, Tone> = { IN_PROGRESS: "blue", COMPLETED: "green", FAILED: "red" };

export function ServiceCard({ service }: { service: ServiceHealthDto }) {
  const id = `ecs-${service.name}`;
  return (
    <article aria-labelledby={id} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={id} className="flex items-center gap-2 text-sm font-semibold">
          {service.name} <Badge tone={VERDICT_TONE[service.verdict]}>{service.verdict}</Badge>
          {service.status !== "ACTIVE" ? <Badge tone="grey">{service.status}</Badge> : null}
        </h3>
        <dl className="flex gap-4 text-sm tabular-nums" aria-label={`${service.name} task counts`}>
          <Count label="running" value={service.running} strong={service.running < service.desired} />
          <Count label="desired" value={service.desired} />
          <Count label="pending" value={service.pending} />
        </dl>
      </header>
      {service.taskDefinition ? (
        <p className="text-xs text-slate-600">
          Task definition <span className="font-mono">{service.taskDefinition.family}:{service.taskDefinition.revision}</span>
          {service.taskDefinition.images.map((image) => <span key={image} className="block break-all font-mono text-slate-500">{image}</span>)}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-6">
        <UtilisationSparkline label="CPU" points={service.cpu} />
        <UtilisationSparkline label="Memory" points={service.memory} />
      </div>
      {service.metricsError ? <p className="text-xs text-amber-800">Metrics unavailable: {service.metricsError}</p> : null}
      <Table caption={`${service.name} deployments`} head={<><Th>Deployment</Th><Th>Rollout</Th><Th>Task definition</Th><Th className="text-right">Running / desired</Th><Th className="text-right">Pending</Th><Th className="text-right">Failed</Th></>}>
        {service.deployments.map((d) => (
          <tr key={d.id}>
            <Td className="text-xs">{d.status}<span className="block text-slate-500">{d.createdAt?.slice(0, 16).replace("T", " ") ?? ""}</span></Td>
            <Td>
              {d.rolloutState ? <Badge tone={ROLLOUT_TONE[d.rolloutState]}>{d.rolloutState}</Badge> : "—"}
              {d.rolloutState === "FAILED" && d.rolloutStateReason ? <span className="mt-1 block max-w-xs text-xs text-slate-600">{d.rolloutStateReason}</span> : null}
            </Td>
            <Td className="font-mono text-xs">{d.taskDefinition}</Td>
            <Td className="text-right tabular-nums">{d.running} / {d.desired}</Td>
            <Td className="text-right tabular-nums">{d.pending}</Td>
            <Td className="text-right tabular-nums">{d.failedTasks}</Td>
          </tr>
        ))}
      </Table>
      <div>
        <h4 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Latest events</h4>
        {service.events.length ? (
          <ol aria-label={`${service.name} events`} className="space-y-1 text-xs">
            {service.events.map((e) => (
              <li key={e.id} className="flex gap-2">
                <time className="shrink-0 tabular-nums text-slate-500" dateTime={e.at ?? undefined}>{e.at?.slice(11, 19) ?? ""}</time>
                <span className="text-slate-700">{e.message}</span>
              </li>
            ))}
          </ol>
        ) : <p className="text-xs text-slate-500">No events yet.</p>}
      </div>
    </article>
  );
}

function Count({ label, value, strong = false }: { label: string; value: number; strong?: boolean }) {
  return (
    <div className="text-center">
      <dt className="text-[11px] uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className={strong ? "font-semibold text-amber-800" : "font-semibold"}>{value}</dd>
    </div>
  );
}
