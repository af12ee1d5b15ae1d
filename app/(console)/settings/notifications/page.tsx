import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listEnvironments } from "@/lib/environments/queries";
import { listDeliveryAttempts, listDestinations } from "@/lib/notifications/queries";
import { deliveryFilterSchema } from "@/lib/notifications/schema";
import { EVENT_LABELS, NOTIFICATION_EVENTS } from "@/lib/notifications/events";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { DestinationForm } from "./_components/destination-form";
import { DestinationsTable } from "./_components/destinations-table";
import { DeliveriesTable } from "./_components/deliveries-table";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "notifications:manage")) {
    return <EmptyState title="Administrators only">Notification destinations are managed by admins of all environments.</EmptyState>;
  }
  const params = await searchParams;
  const filter = deliveryFilterSchema.safeParse({ before: typeof params.before === "string" ? params.before : undefined, limit: 25 });
  const db = getDb();
  const [destinations, environments, attempts] = await Promise.all([
    listDestinations(db, actor),
    listEnvironments(db),
    filter.success ? listDeliveryAttempts(db, actor, filter.data) : null,
  ]);
  return (
    <>
      <PageHeader
        title="Notifications"
        description={<>Send an environment&apos;s events to a webhook or a Slack channel: approvals, deployments, alarms, drift and teardown. Delivery runs in the background with retries, so a slow destination never holds up a deployment. Also in the API: <Link href="/api-reference" className="text-sky-700 hover:underline">/api/v1/notifications</Link>.</>}
      />
      <DestinationForm environments={environments.map((e) => ({ key: e.key, name: e.name }))} events={NOTIFICATION_EVENTS.map((name) => ({ name, label: EVENT_LABELS[name] }))} />
      <section className="mt-6" aria-labelledby="destinations-heading">
        <h2 id="destinations-heading" className="mb-2 text-base font-semibold text-slate-900">Destinations</h2>
        {destinations.length === 0 ? (
          <EmptyState title="No destinations yet">Add one above; its events are sent from then on.</EmptyState>
        ) : (
          <DestinationsTable destinations={destinations} />
        )}
      </section>
      <section className="mt-8" aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading" className="mb-2 text-base font-semibold text-slate-900">Deliveries</h2>
        {!attempts ? (
          <Notice tone="red">That page of deliveries does not exist. <Link href="/settings/notifications" className="underline">Show the newest</Link>.</Notice>
        ) : attempts.items.length === 0 ? (
          <EmptyState title="Nothing sent yet">Every attempt to reach a destination is listed here, with its HTTP status and how long it took.</EmptyState>
        ) : (
          <DeliveriesTable page={attempts} />
        )}
      </section>
    </>
  );
}
