import type { ReactNode } from "react";

/** What a page shows when it has nothing yet: what will appear here, and what to do next. */
export function EmptyState({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      <div className="mx-auto mt-2 max-w-xl text-sm text-slate-600">{children}</div>
      {action ? <div className="mt-5 flex justify-center">{action}</div> : null}
    </section>
  );
}
