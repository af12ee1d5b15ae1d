import type { ReactNode } from "react";
import Link from "next/link";
import { formatMoney } from "@/lib/cost/format";
import { STACK_STATUS_GROUP_LABELS } from "@/lib/deployments/stack-status-groups";
import { STACK_STATUS_GROUPS } from "@/lib/deployments/stack-status";
import { stackStatusGroupTone } from "@/components/deployments/status";
import type { Tone } from "@/components/ui/tone";
import type { Overview } from "@/lib/overview/types";

const NUMBER: Record<Tone, string> = {
  green: "text-emerald-700", blue: "text-sky-700", amber: "text-amber-700", red: "text-red-700", grey: "text-slate-500",
};

/** Stacks by status (each a link to the Stacks page filtered by it), alarms, approvals and the monthly cost. */
export function StatTiles({ overview }: { overview: Overview }) {
  const env = overview.environment.key;
  const { alarms, awaitingApproval, cost, stacks } = overview;
  return (
    <div className="mb-6 grid gap-4 lg:grid-cols-[2fr_1fr_1fr_1fr]">
      <section aria-labelledby="stacks-by-status" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="stacks-by-status" className="text-xs font-medium uppercase tracking-wide text-slate-500">Stacks by status ({stacks.total})</h2>
        <ul className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
          {STACK_STATUS_GROUPS.map((group) => (
            <li key={group}>
              <Link href={`/stacks?env=${env}&status=${group}`} className="group flex items-baseline gap-1.5" aria-label={`${stacks.byGroup[group]} ${STACK_STATUS_GROUP_LABELS[group]}`}>
                <span className={`text-2xl font-semibold tabular-nums ${stacks.byGroup[group] ? NUMBER[stackStatusGroupTone(group)] : "text-slate-300"}`}>{stacks.byGroup[group]}</span>
                <span className="text-sm text-slate-600 group-hover:underline">{STACK_STATUS_GROUP_LABELS[group]}</span>
              </Link>
            </li>
          ))}
        </ul>
        {stacks.attention.length ? (
          <p className="mt-3 text-xs text-slate-600">
            Needs a look:{" "}
            {stacks.attention.map((s, i) => (
              <span key={s.name}>{i ? ", " : ""}<Link href={`/stacks/${s.name}`} className="font-medium text-sky-700 hover:underline">{s.name}</Link> ({s.status})</span>
            ))}
          </p>
        ) : null}
        <p className="mt-2 text-xs text-slate-600" data-testid="drifted-stacks">
          <span className={`font-semibold tabular-nums ${overview.drifted.count ? "text-red-700" : "text-slate-500"}`}>{overview.drifted.count}</span> drifted from their template
          {overview.drifted.names.length ? <>: {overview.drifted.names.map((name, i) => (
            <span key={name}>{i ? ", " : ""}<Link href={`/stacks/${name}#drift`} className="font-medium text-sky-700 hover:underline">{name}</Link></span>
          ))}</> : null}
        </p>
      </section>
      <Tile title="Alarms in ALARM" href={`/alarms?env=${env}&state=ALARM`} value={alarms ? String(alarms.count) : "?"} tone={alarms === null ? "grey" : alarms.count ? "red" : "green"}>
        {alarms === null ? "Alarm states could not be read." : alarms.names.length ? alarms.names.join(", ") : "None."}
      </Tile>
      <Tile title="Awaiting approval" href={`/approvals?env=${env}`} value={String(awaitingApproval)} tone={awaitingApproval ? "amber" : "grey"}>
        {awaitingApproval ? "Changes waiting for an approver." : "Nothing waiting."}
      </Tile>
      <Tile title="Deployed cost per month" href={`/costs?env=${env}`} value={formatMoney(cost.deployed.monthly)} tone="grey">
        {cost.deployed.stacks ? `Estimate of the ${cost.deployed.stacks} deployed stack${cost.deployed.stacks === 1 ? "" : "s"}, as last deployed.` : "Nothing deployed yet."}
        {cost.platform !== null ? <> Whole platform if deployed: {formatMoney(cost.platform)}/month.</> : null}
      </Tile>
    </div>
  );
}

function Tile({ title, href, value, tone, children }: { title: string; href: string; value: string; tone: Tone; children: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-4">
      <Link href={href} className="group block">
        <h2 className="text-xs font-medium uppercase tracking-wide text-slate-500 group-hover:underline">{title}</h2>
        <p className={`mt-1 text-2xl font-semibold tabular-nums ${NUMBER[tone] === NUMBER.grey ? "text-slate-900" : NUMBER[tone]}`}>{value}</p>
      </Link>
      <p className="mt-1 text-xs text-slate-600">{children}</p>
    </section>
  );
}
