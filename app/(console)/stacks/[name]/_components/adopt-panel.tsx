import { can, type Actor } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { getEnvironmentByKey } from "@/lib/environments/queries";
import { listCatalog } from "@/lib/templates/queries";
import { Notice } from "@/components/ui/notice";
import { AdoptForm } from "./adopt-form";

/** An unmanaged stack: read-only for everyone; admins may adopt it as a catalog template's stack. */
export async function AdoptPanel({ stackName, environment, actor }: { stackName: string; environment: string; actor: Actor }) {
  const env = await getEnvironmentByKey(getDb(), environment);
  if (!can(actor, "stack:adopt", env)) {
    return <Notice tone="grey">Stackdeck did not create this stack and does not change it. An admin can adopt it when it matches a catalog template.</Notice>;
  }
  const templates = (await listCatalog(getDb(), actor, env)).map((t) => t.name);
  const guess = templates.find((t) => stackName === `${environment}-${t}` || stackName.startsWith(`${environment}-${t}-`));
  return <AdoptForm stackName={stackName} templates={templates} defaultTemplate={guess ?? templates[0] ?? ""} />;
}
