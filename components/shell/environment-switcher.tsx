"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";

export interface EnvironmentOption {
  key: string;
  name: string;
  requiresApproval: boolean;
}

/** Switches ?env= on the current page; production is marked so nobody mistakes where they are. */
export function EnvironmentSwitcher({ environments }: { environments: EnvironmentOption[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const current = params.get("env") ?? environments[0]?.key ?? "";
  const currentEnv = environments.find((e) => e.key === current) ?? environments[0];

  function choose(key: string) {
    const next = new URLSearchParams(params);
    next.set("env", key);
    router.push(`${pathname}?${next.toString()}`);
  }

  if (!environments.length) return null;
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="environment" className="text-sm text-slate-600">Environment</label>
      <select
        id="environment"
        value={currentEnv?.key}
        onChange={(e) => choose(e.target.value)}
        className={`rounded-md border-0 py-1 pl-2 pr-8 text-sm font-medium ring-1 ring-inset ${currentEnv?.requiresApproval ? "bg-amber-50 text-amber-900 ring-amber-400" : "bg-white text-slate-900 ring-slate-300"}`}
      >
        {environments.map((env) => (
          <option key={env.key} value={env.key}>
            {env.name}
          </option>
        ))}
      </select>
    </div>
  );
}
