import type { TemplateDiff } from "@/lib/deployments/template-diff";

const LINE_CLASS: Record<string, string> = { "+": "bg-emerald-50 text-emerald-900", "-": "bg-red-50 text-red-900", " ": "text-slate-600" };

/** A unified diff of the template source (the version change a deployment brings). */
export function TemplateDiffView({ diff }: { diff: TemplateDiff }) {
  return (
    <figure className="overflow-hidden rounded-lg border border-slate-200 bg-white">
      <figcaption className="border-b border-slate-200 bg-slate-50 px-3 py-1.5 text-xs text-slate-600">
        Template change: version {diff.fromVersion} → {diff.toVersion}
      </figcaption>
      <pre className="max-h-[28rem] overflow-auto text-xs leading-5">
        {diff.hunks.map((h, i) => (
          <code key={i} className="block">
            <span className="block bg-sky-50 px-3 text-sky-800">@@ line {h.oldStart} → {h.newStart} @@</span>
            {h.lines.map((line, j) => (
              <span key={j} className={`block px-3 ${LINE_CLASS[line[0] ?? " "] ?? ""}`}>{line}</span>
            ))}
          </code>
        ))}
      </pre>
    </figure>
  );
}
