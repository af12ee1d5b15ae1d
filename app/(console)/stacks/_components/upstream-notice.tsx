import Link from "next/link";
import type { UpstreamStack } from "@/lib/deployments/upstream";
import { describeUpstream } from "@/lib/deployments/upstream";
import { Notice } from "@/components/ui/notice";
import { buttonClass } from "@/components/ui/button";

/**
 * "Create staging-network first": what a template needs that this environment does not have yet, in the order to
 * create it, each with a link to its own change form. Shown before any preview (the server refuses one anyway).
 */
export function UpstreamNotice({ environment, template, chain }: { environment: string; template: string; chain: UpstreamStack[] }) {
  if (!chain.length) return null;
  const first = chain[0]!;
  const href = (s: UpstreamStack) => (s.state === "missing" ? `/stacks/new?env=${environment}&template=${s.template}` : `/stacks/${s.stackName}`);
  return (
    <div className="mb-5 space-y-2" data-testid="upstream-notice">
      <Notice tone="amber">
        <p className="font-medium">{template} imports from stacks that are not ready in this environment yet. Create {chain.length === 1 ? "it" : "them"} first, in this order:</p>
        <ol className="mt-2 list-decimal space-y-1 pl-5">
          {chain.map((s) => (
            <li key={s.stackName}>
              <Link href={href(s)} className="font-medium underline">{s.stackName}</Link> — {describeUpstream(s).replace(`${s.stackName} `, "")}
            </li>
          ))}
        </ol>
      </Notice>
      <Link href={href(first)} className={buttonClass("primary")}>{first.state === "missing" ? `Create ${first.template} first` : `Open ${first.stackName}`}</Link>
    </div>
  );
}
