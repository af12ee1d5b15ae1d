import type { Metadata } from "next";
import Link from "next/link";
import { randomUUID } from "node:crypto";
import { environmentPage } from "@/lib/environments/page-context";
import { getDb } from "@/lib/db/client";
import { changeFormFields } from "@/lib/deployments/change-form";
import { checkUpstream } from "@/lib/deployments/upstream";
import { activeChangeOf } from "@/lib/deployments/context";
import { stackNameFor } from "@/lib/templates/estimate";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { NoEnvironmentAccess } from "@/components/shell/no-environment-access";
import { ChangeForm } from "../_components/change-form";
import { UpstreamNotice } from "../_components/upstream-notice";
import { ActiveChangeNotice } from "../_components/active-change-notice";

export const metadata: Metadata = { title: "New stack" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NewStackPage({ searchParams }: Props) {
  const { actor, environment } = await environmentPage(searchParams);
  if (!environment) return <NoEnvironmentAccess />;
  const template = (await searchParams).template;
  if (typeof template !== "string") {
    return <EmptyState title="Choose a template first" action={<Link href={`/templates?env=${environment.key}`} className="text-sky-700 hover:underline">Browse templates →</Link>}>A stack is created from a template in the catalog.</EmptyState>;
  }
  const db = getDb();
  const { title, fields } = await changeFormFields(db, { actor, template, environment }); // checks access first
  const stackName = stackNameFor(environment.key, template);
  const [upstream, active] = await Promise.all([checkUpstream(db, { environment, template }), activeChangeOf(db, stackName)]);
  return (
    <>
      <PageHeader
        title={`New ${title} stack in ${environment.name}`}
        description="Values come from the environment's profile; the ones you may change are editable. Previewing creates a CloudFormation change set; nothing is created until you deploy it."
      />
      <UpstreamNotice environment={environment.key} template={template} chain={upstream.chain} />
      {active ? <div className="mb-5"><ActiveChangeNotice stackName={stackName} deploymentId={active.id} status={active.status} /></div> : null}
      <ChangeForm
        environment={environment.key} template={template} action="create" stackName={stackName} fields={fields} clientToken={randomUUID()} requiresApproval={environment.requiresApproval}
        blocked={upstream.chain.length ? `Create ${upstream.chain.map((s) => s.stackName).join(", ")} first.` : undefined}
      />
    </>
  );
}
