import { estimateMonthlyCost } from "../cost/estimate.ts";
import type { Estimate } from "../cost/types.ts";
import type { TemplateDocument } from "./types.ts";
import { resolveTemplate } from "./resolve.ts";
import { stackProfile, type EnvironmentProfile } from "./profiles.ts";

export const stackNameFor = (environment: string, template: string) => `${environment}-${template}`;

/** The parameter values a template gets in an environment: its defaults, the profile's values, then overrides. */
export function environmentParameterValues(
  doc: TemplateDocument,
  template: string,
  environment: string,
  profile: EnvironmentProfile | null,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const values: Record<string, string> = {};
  if (doc.Parameters && "EnvironmentName" in doc.Parameters) values.EnvironmentName = environment;
  Object.assign(values, stackProfile(profile, template).parameters, overrides);
  return Object.fromEntries(Object.entries(values).filter(([name]) => name in (doc.Parameters ?? {})));
}

/** Monthly estimate of one template deployed in an environment with its profile (and optional overrides). */
export function estimateTemplate(
  doc: TemplateDocument,
  template: string,
  environment: string,
  profile: EnvironmentProfile | null,
  overrides: Record<string, string> = {},
): Estimate {
  const region = profile?.region ?? "us-east-1";
  const values = environmentParameterValues(doc, template, environment, profile, overrides);
  const resources = resolveTemplate(doc, values, { region, stackName: stackNameFor(environment, template) });
  return estimateMonthlyCost({ resources, region, assumptions: profile?.costAssumptions ?? {} });
}
