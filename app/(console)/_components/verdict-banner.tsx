import { TONE_CLASSES } from "@/components/ui/tone";
import type { OverviewVerdict } from "@/lib/overview/types";

const ICON: Record<OverviewVerdict["tone"], string> = { green: "✓", blue: "↻", amber: "!", red: "✕", grey: "–" };

/** The answer to "is everything fine?", first thing on the page. */
export function VerdictBanner({ verdict }: { verdict: OverviewVerdict }) {
  return (
    <p data-testid="overview-verdict" role="status" className={`mb-6 flex items-center gap-3 rounded-lg px-4 py-3 text-base font-medium ring-1 ring-inset ${TONE_CLASSES[verdict.tone]}`}>
      <span aria-hidden className="text-lg">{ICON[verdict.tone]}</span>
      {verdict.text}
    </p>
  );
}
