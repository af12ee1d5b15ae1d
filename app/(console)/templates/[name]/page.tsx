import type { Metadata } from "next";
import Link from "next/link";
import { environmentPage } from "@/lib/environments/page-context";
import { getDb } from "@/lib/db/client";
import { getTemplateDetail } from "@/lib/templates/detail";
import { formatMoney } from "@/lib/cost/format";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { Notice } from "@/components/ui/notice";
import { buttonClass } from "@/components/ui/button";
import { NoEnvironmentAccess } from "@/components/shell/no-environment-access";
import { DependencyGraph } from "@/components/templates/dependency-graph";
import { CodeBlock } from "@/components/templates/code-block";
import { EstimateTable } from "@/components/cost/estimate-table";
import { ParametersTable } from "./_components/parameters-table";
import { ResourcesAndOutputs } from "./_components/resources-and-outputs";
import { VersionHistory } from "./_components/version-history";
import { EstimateForm } from "./_components/estimate-form";

type Props = { params: Promise<{ name: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Template ${(await params).name}` };
}

export default async function TemplatePage({ params, searchParams }: Props) {
  const { actor, environment } = await environmentPage(searchParams);
  if (!environment) return <NoEnvironmentAccess />;
  const t = await getTemplateDetail(getDb(), actor, (await params).name, environment);
  const { entry } = t;
  return (
    <>
      <p className="mb-2 text-sm"><Link href={`/templates?env=${environment.key}`} className="text-sky-700 hover:underline">← Templates</Link></p>
      <PageHeader
        title={entry.title}
        description={entry.description}
        actions={
          <>
            <Badge>{entry.category}</Badge>
            {t.estimate ? <Badge tone="blue">{formatMoney(t.estimate.monthlyTotal)}/mo in {environment.name}</Badge> : null}
            {t.canChange && entry.version ? (
              <Link href={`/stacks/new?env=${environment.key}&template=${entry.name}`} className={buttonClass("primary")}>Create stack in {environment.name}</Link>
            ) : null}
          </>
        }
      />
      {entry.pendingIssues.length ? (
        <div className="mb-6">
          <Notice tone="red">
            The newest source of this template is invalid{entry.version ? "; the previous valid version is still served" : " and it is not offered for deployment"}:
            <ul className="mt-1 list-disc pl-5">
              {entry.pendingIssues.map((i, n) => <li key={n}>{i.line ? `line ${i.line}: ` : ""}{i.message}</li>)}
            </ul>
          </Notice>
        </div>
      ) : null}
      <div className="space-y-8">
        <Section title="Parameters">
          <ParametersTable parameters={t.parameters} environment={environment.name} />
          {t.parameters.some((p) => p.changeableBy === "deployers") ? (
            <div className="mt-4">
              <h3 className="mb-2 text-sm font-semibold">What would other values cost?</h3>
              <EstimateForm
                template={entry.name}
                environment={environment.key}
                fields={t.parameters
                  .filter((p) => p.changeableBy === "deployers")
                  .map((p) => ({ name: p.name, spec: p.spec, value: p.environmentValue ?? String(p.spec.Default ?? ""), editable: true, bound: p.bound }))}
              />
            </div>
          ) : null}
        </Section>
        {t.estimate ? <Section title={`Monthly cost in ${environment.name}`}><EstimateTable estimate={t.estimate} /></Section> : null}
        <ResourcesAndOutputs resources={t.resources} outputs={t.outputs} />
        {t.graph ? <Section title="Dependency graph"><DependencyGraph graph={t.graph} /></Section> : null}
        {t.source && entry.version ? (
          <Section title="Source">
            <CodeBlock source={t.source} language={t.source.trimStart().startsWith("{") ? "json" : "yaml"} label={`infra-templates/${entry.name} · version ${entry.version.sha256.slice(0, 12)}`} />
          </Section>
        ) : null}
        <Section title="Version history"><VersionHistory versions={t.versions} /></Section>
      </div>
    </>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const id = title.toLowerCase().replace(/[^a-z]+/g, "-");
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="mb-3 text-base font-semibold">{title}</h2>
      {children}
    </section>
  );
}
