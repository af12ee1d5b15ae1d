import Link from "next/link";
import { buttonClass, inputClass } from "@/components/ui/button";

export type RawFilter = Partial<Record<"actor" | "action" | "environment" | "stack" | "from" | "to", string>>;

const FIELDS: { id: keyof RawFilter; label: string; placeholder?: string }[] = [
  { id: "actor", label: "Actor (email)" },
  { id: "action", label: "Action", placeholder: "role.granted or deployment." },
  { id: "environment", label: "Environment", placeholder: "production" },
  { id: "stack", label: "Stack" },
  { id: "from", label: "From (UTC)", placeholder: "YYYY-MM-DD or ISO time" },
  { id: "to", label: "To (UTC)", placeholder: "YYYY-MM-DD or ISO time" },
];

/** A plain GET form: the filter lives in the URL, so a search can be bookmarked, shared and exported as is. */
export function AuditFilters({ values }: { values: RawFilter }) {
  return (
    <form className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Search the audit log">
      {FIELDS.map((f) => (
        <div key={f.id} className="w-44">
          <label htmlFor={`filter-${f.id}`} className="mb-1 block text-xs font-medium text-slate-600">{f.label}</label>
          <input id={`filter-${f.id}`} name={f.id} defaultValue={values[f.id] ?? ""} placeholder={f.placeholder} className={inputClass} />
        </div>
      ))}
      <button type="submit" className={buttonClass("secondary")}>Filter</button>
      <Link href="/audit" className="text-sm text-slate-600 underline-offset-2 hover:underline">Clear</Link>
    </form>
  );
}

export function ExportLinks({ values }: { values: RawFilter }) {
  const href = (format: "csv" | "jsonl") => `/api/v1/audit/export?${new URLSearchParams({ ...values, format }).toString()}`;
  return (
    <div className="flex items-center gap-2">
      <a href={href("csv")} download className={buttonClass("secondary")}>Export CSV</a>
      <a href={href("jsonl")} download className={buttonClass("secondary")}>Export JSON lines</a>
    </div>
  );
}
