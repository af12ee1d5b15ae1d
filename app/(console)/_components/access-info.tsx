import { Badge } from "@/components/ui/badge";
import type { Actor } from "@/lib/auth/guard";

/** Small print: the roles the viewer holds here, and whether changes here need approval. */
export function AccessInfo({ actor, environment }: { actor: Actor; environment: { key: string; name: string; requiresApproval: boolean } }) {
  const roles = actor.grants.filter((g) => g.environment === "*" || g.environment === environment.key);
  return (
    <section aria-labelledby="access" className="mt-8 flex flex-wrap items-center gap-2 text-xs text-slate-500">
      <h2 id="access" className="font-medium">Your access in {environment.name}:</h2>
      {roles.map((g) => (
        <Badge key={`${g.environment}-${g.role}`} tone={g.role === "admin" ? "amber" : "grey"}>
          {g.role}
          {g.environment === "*" ? " · all environments" : ""}
        </Badge>
      ))}
      {environment.requiresApproval ? <Badge tone="amber">changes need approval</Badge> : null}
    </section>
  );
}
