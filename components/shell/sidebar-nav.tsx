"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { NAV_ITEMS } from "./nav-items";

/**
 * Keeps the chosen environment (?env=) when moving between pages. Hiding admin links is convenience only.
 * `counts` are server-computed badges per link (e.g. approval requests the user may decide).
 */
export function SidebarNav({ isAdmin, counts = {} }: { isAdmin: boolean; counts?: Record<string, number> }) {
  const pathname = usePathname();
  const env = useSearchParams().get("env");
  const suffix = env ? `?env=${encodeURIComponent(env)}` : "";
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5">
      {NAV_ITEMS.filter((item) => isAdmin || !item.adminOnly).map((item) => {
        const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
        return (
          <Link
            key={item.href}
            href={`${item.href}${suffix}`}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm ${active ? "bg-slate-800 font-medium text-white" : "text-slate-300 hover:bg-slate-800/60 hover:text-white"}`}
          >
            {item.label}
            {counts[item.href] ? (
              <span data-testid={`nav-count-${item.href.slice(1)}`} aria-label={`${counts[item.href]} waiting`} className="ml-2 rounded-full bg-amber-400 px-1.5 text-xs font-semibold text-slate-900">
                {counts[item.href]}
              </span>
            ) : null}
          </Link>
        );
      })}
    </nav>
  );
}
