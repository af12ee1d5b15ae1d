import { Badge } from "@/components/ui/badge";

const BREAK_GLASS = "deployment.break_glass";

/** Break glass is emergency access: red, labelled, never mistaken for a routine entry. */
export function ActionBadge({ action }: { action: string }) {
  if (action === BREAK_GLASS) {
    return (
      <span className="inline-flex items-center gap-1" data-testid="break-glass-marker">
        <span aria-hidden className="h-2.5 w-2.5 rounded-full bg-red-600" />
        <Badge tone="red">{action} · break glass</Badge>
      </span>
    );
  }
  const failed = action.includes("failed") || action.includes("rate_limited");
  return <Badge tone={failed ? "red" : "grey"}>{action}</Badge>;
}
