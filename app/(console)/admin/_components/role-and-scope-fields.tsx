import type { ActionState } from "@/lib/auth/action-state";
import { FieldError } from "@/components/ui/field-error";
import { inputClass } from "@/components/ui/button";

export interface EnvOption {
  key: string;
  name: string;
}

const ROLE_HELP = "viewer reads · deployer previews and deploys (requests in production) · approver approves production changes · admin does everything";

export function RoleAndScopeFields({ idPrefix, environments, state, optional = false }: { idPrefix: string; environments: EnvOption[]; state: ActionState; optional?: boolean }) {
  return (
    <div className="grid grid-cols-2 gap-3">
      <div>
        <label htmlFor={`${idPrefix}-role`} className="mb-1 block text-sm font-medium">Role</label>
        <select id={`${idPrefix}-role`} name="role" className={inputClass} defaultValue={optional ? "" : "viewer"} title={ROLE_HELP}>
          {optional ? <option value="">No role yet</option> : null}
          <option value="viewer">viewer</option>
          <option value="deployer">deployer</option>
          <option value="approver">approver</option>
          <option value="admin">admin</option>
        </select>
        <FieldError state={state} field="role" />
      </div>
      <div>
        <label htmlFor={`${idPrefix}-environment`} className="mb-1 block text-sm font-medium">Environment</label>
        <select id={`${idPrefix}-environment`} name="environment" className={inputClass} defaultValue="*">
          <option value="*">All environments</option>
          {environments.map((e) => <option key={e.key} value={e.key}>{e.name}</option>)}
        </select>
        <FieldError state={state} field="environment" />
      </div>
    </div>
  );
}
