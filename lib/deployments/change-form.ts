import type { Db } from "../db/client.ts";
import type { Actor } from "../auth/guard.ts";
import { assertCan } from "../auth/guard.ts";
import { AppError } from "../errors.ts";
import type { EnvironmentSummary } from "../environments/queries.ts";
import { getTemplateDetail } from "../templates/detail.ts";
import type { ProfileBound } from "../templates/parameters.ts";
import type { ParameterSpec } from "../templates/types.ts";

export interface ChangeFormField {
  name: string;
  spec: ParameterSpec;
  value: string;
  editable: boolean;
  bound: ProfileBound | null;
}

/**
 * The fields of the change form: every parameter, prefilled with the stack's current value (update) or the
 * environment's value; only those the profile lets deployers change are editable. NoEcho values start empty.
 */
export async function changeFormFields(
  db: Db,
  { actor, template, environment, current }: { actor: Actor; template: string; environment: EnvironmentSummary; current?: Record<string, string> },
): Promise<{ title: string; fields: ChangeFormField[] }> {
  assertCan(actor, "change:preview", environment);
  const detail = await getTemplateDetail(db, actor, template, environment);
  if (!detail.entry.version) throw new AppError("conflict", `Template "${template}" has no valid version to deploy.`);
  return {
    title: detail.entry.title,
    fields: detail.parameters.map((p) => {
      const noEcho = p.spec.NoEcho === true || p.spec.NoEcho === "true";
      const value = noEcho ? "" : (current?.[p.name] ?? p.environmentValue ?? (p.spec.Default !== undefined ? String(p.spec.Default) : ""));
      return { name: p.name, spec: p.spec, value, editable: p.changeableBy === "deployers", bound: p.bound };
    }),
  };
}
