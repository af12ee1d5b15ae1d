/**
 * "refreshed 12 s ago": how old stored AWS data is. Pages show what background jobs last read (they never ask AWS
 * themselves), so each panel says when that was; `pending` is the sentence for data not read yet.
 */
export function RefreshedAt({ at, every, pending, now = Date.now() }: { at: string | null; every?: string; pending: string; now?: number }) {
  if (!at) return <p className="text-xs text-slate-500">{pending}</p>;
  return (
    <p className="text-xs text-slate-500">
      <time dateTime={at} title={`${at.slice(0, 19).replace("T", " ")} UTC`}>refreshed {ago(now - Date.parse(at))}</time>
      {every ? ` · read ${every}` : ""}
    </p>
  );
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s ago`;
  const m = Math.round(s / 60);
  return m < 90 ? `${m} min ago` : `${Math.round(m / 60)} h ago`;
}
