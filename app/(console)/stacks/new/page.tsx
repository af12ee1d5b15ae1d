import type { Metadata } from "next";
import Link from "next/link";
import { randomUUID } from "node:crypto";
import { environmentPage } from "@/lib/environments/page-context";
import { getDb } from "@/lib/db/client";
import { changeFormFields } from "@/lib/deployments/change-form";
import { stackNameFor } from "@/lib/templates/estimate";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { NoEnvironmentAccess } from "@/components/shell/no-environment-access";
import { ChangeForm } from "../_components/change-form";

export const metadata: Metadata = { title: "New stack" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NewStackPage({ searchParams }: Props) {
  const { actor, environment } = await environmentPage(searchParams);
  if (!environment) return <NoEnvironmentAccess />;
  const template = (await searchParams).template;
  if (typeof template !== "string") {
    return <EmptyState title="Choose a template first" action={<Link href={`/templates?env=${environment.key}`} className="text-sky-700 hover:underline">Browse templates →</Link>}>A stack is created from a template in the catalog.</EmptyState>;
  }
  const { title, fields } = await changeFormFields(getDb(), { actor, template, environment });
  return (
    <>
      <PageHeader
        title={`New ${title} stack in ${environment.name}`}
        description="Values come from the environment's profile; the ones you may change are editable. Previewing creates a CloudFormation change set; nothing is created until you deploy it."
      />
      <ChangeForm environment={environment.key} template={template} action="create" stackName={stackNameFor(environment.key, template)} fields={fields} clientToken={randomUUID()} requiresApproval={environment.requiresApproval} />
    </>
  );
}
