import type { Metadata } from "next";
import Link from "next/link";
import { randomUUID } from "node:crypto";
import { requireActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getEnvironmentByKey } from "@/lib/environments/queries";
import { getStackDetail } from "@/lib/deployments/queries";
import { changeFormFields } from "@/lib/deployments/change-form";
import { checkUpstream } from "@/lib/deployments/upstream";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { ChangeForm } from "../../_components/change-form";
import { UpstreamNotice } from "../../_components/upstream-notice";
import { ActiveChangeNotice } from "../../_components/active-change-notice";

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Update ${(await params).name}` };
}

export default async function UpdateStackPage({ params }: Props) {
  const actor = await requireActor();
  const db = getDb();
  const stack = await getStackDetail(db, actor, (await params).name);
  if (stack.templateName === null) {
    return (
      <EmptyState title={`${stack.name} is not managed by Stackdeck`} action={<Link href={`/stacks/${stack.name}`} className="text-sky-700 hover:underline">Back to the stack</Link>}>
        It was found in the account, not created here. An admin can adopt it on its page; then it can be changed.
      </EmptyState>
    );
  }
  const template = stack.templateName;
  if (!stack.allowedActions.includes("update") && !stack.activeDeployment && (stack.deleted || !stack.status)) {
    // Known to the console (an earlier preview, or deleted) but not in CloudFormation now: it can only be created.
    return (
      <EmptyState title={`${stack.name} does not exist in CloudFormation`} action={<Link href={`/stacks/new?env=${stack.environment}&template=${template}`} className="text-sky-700 hover:underline">Create it →</Link>}>
        {stack.deleted ? "It was deleted." : "No change to it was ever applied."} Create it from the {template} template first.
      </EmptyState>
    );
  }
  if (!stack.allowedActions.includes("update")) {
    return (
      <EmptyState title="This stack cannot be updated now" action={<Link href={`/stacks/${stack.name}`} className="text-sky-700 hover:underline">Back to the stack</Link>}>
        Its status is {stack.status ?? "unknown"}.
        {stack.activeDeployment ? <div className="mt-3 text-left"><ActiveChangeNotice stackName={stack.name} deploymentId={stack.activeDeployment.id} status={stack.activeDeployment.status} /></div> : null}
      </EmptyState>
    );
  }
  const environment = await getEnvironmentByKey(db, stack.environment);
  const { title, fields } = await changeFormFields(db, { actor, template: template, environment, current: stack.parameters });
  const upstream = await checkUpstream(db, { environment, template: template });
  return (
    <>
      <p className="mb-2 text-sm"><Link href={`/stacks/${stack.name}`} className="text-sky-700 hover:underline">← {stack.name}</Link></p>
      <PageHeader title={`Update ${stack.name}`} description={`${title}, latest template version. Previewing creates a change set; nothing changes until you deploy it.`} />
      <UpstreamNotice environment={stack.environment} template={template} chain={upstream.chain} />
      <ChangeForm
        environment={stack.environment} template={template} action="update" stackName={stack.name} fields={fields} clientToken={randomUUID()} requiresApproval={environment.requiresApproval}
        blocked={upstream.chain.length ? `Create ${upstream.chain.map((s) => s.stackName).join(", ")} first.` : undefined}
      />
    </>
  );
}
