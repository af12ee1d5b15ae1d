import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listEnvironmentSettings } from "@/lib/environments/target-queries";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { TargetForm } from "./_components/target-form";
import { TestConnection } from "./_components/test-connection";

export const metadata: Metadata = { title: "Environments" };

/** Each environment's AWS account, region and roles: everyone who may see it reads them, admins change them. */
export default async function EnvironmentsPage() {
  const actor = await requireActor();
  const environments = await listEnvironmentSettings(getDb(), actor);
  const admin = can(actor, "environment:configure");
  if (!environments.length) return <EmptyState title="No environments">You have no role in any environment yet.</EmptyState>;
  return (
    <>
      <PageHeader
        title="Environments"
        description="Each environment is an AWS account: the console assumes its role (the session named after you) and CloudFormation runs every change with its service role."
      />
      <div className="space-y-6">
        {environments.map((env) => (
          <section key={env.key} aria-labelledby={`env-${env.key}`} className="rounded-lg border border-slate-200 bg-white p-4">
            <div className="mb-3 flex flex-wrap items-baseline gap-2">
              <h2 id={`env-${env.key}`} className="text-base font-semibold">{env.name}</h2>
              <Badge tone="grey">{env.source === "console" ? "set in the console" : "from its profile"}</Badge>
              {env.requiresApproval ? <Badge tone="amber">approval required</Badge> : null}
            </div>
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2" aria-label={`${env.name} AWS target`}>
              <Item label="Account" value={env.accountId} />
              <Item label="Regions" value={env.regions.join(", ")} />
              <Item label="Console role" value={env.roleArn ?? "none: the console's own credentials"} />
              <Item label="CloudFormation service role" value={env.serviceRoleArn ?? "none"} />
              <Item label="Session" value={`${env.sessionDurationSeconds} s${env.externalIdSet ? ", with an external id" : ""}`} />
            </dl>
            {admin ? (
              <div className="mt-4 space-y-4 border-t border-slate-100 pt-4">
                <TestConnection environment={env.key} />
                <TargetForm environment={env.key} name={env.name} target={{ accountId: env.accountId, region: env.region, roleArn: env.roleArn, serviceRoleArn: env.serviceRoleArn, sessionDurationSeconds: env.sessionDurationSeconds }} />
              </div>
            ) : null}
          </section>
        ))}
      </div>
    </>
  );
}

function Item({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="break-all font-mono text-xs text-slate-900">{value}</dd>
    </div>
  );
}
