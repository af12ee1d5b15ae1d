"use client";

import { useState, type ReactNode } from "react";
import { checkParameter, exampleValue, type ProfileBound } from "@/lib/templates/parameters";
import type { ParameterSpec } from "@/lib/templates/types";
import type { ActionState } from "@/lib/auth/action-state";
import { inputClass } from "@/components/ui/button";

export interface ParameterField {
  name: string;
  spec: ParameterSpec;
  value: string;
  editable: boolean;
  bound: ProfileBound | null;
}

export const PARAM_PREFIX = "param.";

/**
 * One input per template parameter, generated from the template and the environment profile. Values are checked
 * as the user types with the same function the server runs (CloudFormation's rules plus the profile's bounds);
 * the server's answer (state.fields) is shown too, since it is the one that counts.
 */
export function ParameterForm({
  fields,
  state,
  enforceRequired = true,
  children,
}: {
  fields: ParameterField[];
  state: ActionState;
  enforceRequired?: boolean;
  children?: ReactNode;
}) {
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const serverErrors = state.status === "error" ? state.fields ?? {} : {};
  const check = (field: ParameterField, value: string) =>
    setErrors((e) => ({ ...e, [field.name]: checkParameter(field.name, field.spec, value, field.bound ?? undefined, { enforceRequired }) }));
  return (
    <div className="grid gap-3 md:grid-cols-2">
      {fields.map((field) => {
        const id = `param-${field.name}`;
        const error = errors[field.name] ?? serverErrors[field.name]?.join(" ");
        return (
          <div key={field.name}>
            <label htmlFor={id} className="mb-1 flex items-center justify-between text-sm font-medium">
              <span className="font-mono">{field.name}</span>
              {!field.editable ? <span className="text-xs font-normal text-slate-500">set by profile</span> : field.bound?.required ? <span className="text-xs font-normal text-amber-700">required</span> : null}
            </label>
            <Input id={id} field={field} onChange={(v) => check(field, v)} invalid={Boolean(error)} describedBy={`${id}-help`} />
            <p id={`${id}-help`} className={`mt-1 text-xs ${error ? "text-red-700" : "text-slate-500"}`}>
              {error ?? hint(field)}
            </p>
          </div>
        );
      })}
      {children}
    </div>
  );
}

function Input({ id, field, onChange, invalid, describedBy }: { id: string; field: ParameterField; onChange: (v: string) => void; invalid: boolean; describedBy: string }) {
  const common = {
    id,
    name: `${PARAM_PREFIX}${field.name}`,
    defaultValue: field.value,
    disabled: !field.editable,
    "aria-invalid": invalid,
    "aria-describedby": describedBy,
    className: `${inputClass} disabled:bg-slate-50 disabled:text-slate-500`,
  };
  const allowed = field.bound?.allowedValues ?? field.spec.AllowedValues;
  if (allowed) {
    return (
      <select {...common} onChange={(e) => onChange(e.target.value)}>
        {allowed.map((v) => <option key={String(v)} value={String(v)}>{String(v)}</option>)}
      </select>
    );
  }
  const noEcho = field.spec.NoEcho === true || field.spec.NoEcho === "true";
  const type = noEcho ? "password" : field.spec.Type === "Number" ? "number" : "text";
  const example = exampleValue(field.spec);
  return <input {...common} type={type} placeholder={example ? `e.g. ${example}` : undefined} onChange={(e) => onChange(e.target.value)} />;
}

function hint({ spec, bound, editable }: ParameterField): string {
  const parts: string[] = [];
  const example = exampleValue(spec);
  if (editable && bound?.required && example) parts.push(`Required in this environment, e.g. ${example}`);
  const min = bound?.min ?? spec.MinValue;
  const max = bound?.max ?? spec.MaxValue;
  if (min !== undefined || max !== undefined) parts.push(`${min ?? "…"}–${max ?? "…"}`);
  if (spec.MaxLength !== undefined) parts.push(`up to ${spec.MaxLength} characters`);
  if (spec.Description) parts.push(spec.Description);
  return parts.join(" · ");
}
