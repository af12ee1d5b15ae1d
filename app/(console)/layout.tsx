import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { requireActor } from "@/lib/auth/session";
import { can, visibleEnvironments } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { requestEnvironments } from "@/lib/environments/page-context";
import { countPendingApprovals } from "@/lib/approvals/queries";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { EnvironmentSwitcher } from "@/components/shell/environment-switcher";
import { SignOutButton } from "@/components/shell/sign-out-button";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const [actor, all] = await Promise.all([requireActor(), requestEnvironments()]);
  const environments = visibleEnvironments(actor, all);
  const isAdmin = can(actor, "users:manage");
  const pendingApprovals = await countPendingApprovals(getDb(), actor);
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-56 shrink-0 flex-col bg-slate-900 px-3 py-4">
        <Link href="/" className="mb-6 px-3 text-lg font-semibold tracking-tight text-white">
          Stackdeck
        </Link>
        <Suspense>
          <SidebarNav isAdmin={isAdmin} counts={{ "/approvals": pendingApprovals }} />
        </Suspense>
        <div className="mt-auto space-y-2 border-t border-slate-800 px-3 pt-4" data-testid="current-user">
          <p className="truncate text-sm text-white" title={actor.email}>{actor.name}</p>
          <p className="truncate text-xs text-slate-400">{actor.email}</p>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 whitespace-nowrap">
            <Link href="/settings/tokens" className="text-sm text-slate-300 hover:text-white">API tokens</Link>
            <Link href="/api-reference" className="text-sm text-slate-300 hover:text-white">API docs</Link>
            <SignOutButton />
          </div>
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-end gap-4 border-b border-slate-200 bg-white px-6 py-3">
          <Suspense>
            <EnvironmentSwitcher environments={environments} />
          </Suspense>
        </header>
        <main className="flex-1 px-6 py-6">{children}</main>
      </div>
    </div>
  );
}
