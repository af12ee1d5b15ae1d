import type { Metadata } from "next";
import Link from "next/link";
import { environmentPage } from "@/lib/environments/page-context";
import { getDb } from "@/lib/db/client";
import { listAlarms } from "@/lib/alarms/queries";
import { alarmStateSchema } from "@/lib/alarms/schema";
import { getEnvironmentTarget } from "@/lib/environments/targets";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/button";
import { NoEnvironmentAccess } from "@/components/shell/no-environment-access";
import { AlarmsLiveRefresh } from "@/components/alarms/live-refresh";
import { AlarmFilters } from "./_components/alarm-filters";
import { AlarmTable } from "./_components/alarm-table";

export const metadata: Metadata = { title: "Alarms" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (typeof v === "string" && v ? v : undefined);

export default async function Page({ searchParams }: Props) {
  const { actor, environment } = await environmentPage(searchParams);
  if (!environment) return <NoEnvironmentAccess />;
  const params = await searchParams;
  const stack = one(params.stack);
  const state = alarmStateSchema.safeParse(one(params.state)).data;
  const [page, target] = await Promise.all([
    listAlarms(getDb(), actor, { environment: environment.key, stack, state, page: one(params.page) ?? 1, limit: 50 }),
    getEnvironmentTarget(getDb(), environment.key),
  ]);
  const link = (n: number) => `/alarms?${new URLSearchParams({ env: environment.key, ...(stack ? { stack } : {}), ...(state ? { state } : {}), page: String(n) })}`;
  const summary = `${page.counts.ALARM} in ALARM · ${page.counts.INSUFFICIENT_DATA} insufficient data · ${page.counts.OK} OK`;
  return (
    <>
      <AlarmsLiveRefresh environment={environment.key} />
      <PageHeader title="Alarms" description={<>CloudWatch alarms of every stack in {environment.name} (account <span className="font-mono">{target.accountId}</span>, {target.regions.join(", ")}), alarms in ALARM first. <span className="whitespace-nowrap">{summary}</span></>} />
      <AlarmFilters environment={environment.key} page={page} stack={stack} state={state} />
      {page.items.length === 0 ? (
        <EmptyState title={stack || state ? "No alarms match these filters" : "No alarms to show"}>
          Alarms created by your stacks (CPU, storage, connections, response time, 5xx) are listed here with their state
          and metric graphs, refreshed every minute.
        </EmptyState>
      ) : (
        <AlarmTable alarms={page.items} />
      )}
      {page.pageCount > 1 ? (
        <nav aria-label="Pages" className="mt-4 flex items-center justify-end gap-3 text-sm">
          {page.page > 1 ? <Link href={link(page.page - 1)} className={buttonClass("secondary")}>← Previous</Link> : null}
          <span className="text-slate-600">Page {page.page} of {page.pageCount}</span>
          {page.page < page.pageCount ? <Link href={link(page.page + 1)} className={buttonClass("secondary")}>Next →</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
