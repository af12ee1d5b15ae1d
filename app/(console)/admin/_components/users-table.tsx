"use client";

import { useActionState } from "react";
import { revokeRoleAction, setUserDisabledAction } from "../actions";
import { IDLE } from "@/lib/auth/action-state";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";

export interface UserRow {
  id: string;
  email: string;
  name: string;
  disabled: boolean;
  sso: boolean;
  isSelf: boolean;
  grants: { environment: string; role: string }[];
}

export function UsersTable({ users }: { users: UserRow[] }) {
  return (
    <Table caption="Users" head={<><Th>User</Th><Th>Roles</Th><Th>Status</Th><Th /></>}>
      {users.map((u) => (
        <tr key={u.id}>
          <Td>
            <div className="font-medium">{u.name}</div>
            <div className="text-xs text-slate-500">{u.email}{u.sso ? " · SSO" : ""}</div>
          </Td>
          <Td>
            <div className="flex flex-wrap gap-1.5">
              {u.grants.length === 0 ? <span className="text-xs text-slate-500">no roles</span> : null}
              {u.grants.map((g) => <RevokableGrant key={`${g.environment}:${g.role}`} email={u.email} {...g} />)}
            </div>
          </Td>
          <Td>{u.disabled ? <Badge tone="red">disabled</Badge> : <Badge tone="green">active</Badge>}</Td>
          <Td className="text-right">{u.isSelf ? null : <DisableToggle email={u.email} disabled={u.disabled} />}</Td>
        </tr>
      ))}
    </Table>
  );
}

function RevokableGrant({ email, environment, role }: { email: string; environment: string; role: string }) {
  const [state, action, pending] = useActionState(revokeRoleAction, IDLE);
  const scope = environment === "*" ? "all" : environment;
  return (
    <form action={action} className="inline-flex items-center">
      <input type="hidden" name="email" value={email} />
      <input type="hidden" name="role" value={role} />
      <input type="hidden" name="environment" value={environment} />
      <Badge tone={role === "admin" ? "amber" : "grey"}>
        {role} · {scope}
        <button type="submit" disabled={pending} aria-label={`Revoke ${role} (${scope}) from ${email}`} className="ml-1 text-slate-500 hover:text-red-700">×</button>
      </Badge>
      {state.status === "error" ? <span role="alert" className="ml-1 text-xs text-red-700">{state.message}</span> : null}
    </form>
  );
}

function DisableToggle({ email, disabled }: { email: string; disabled: boolean }) {
  const [state, action, pending] = useActionState(setUserDisabledAction, IDLE);
  return (
    <form action={action} className="inline-flex flex-col items-end gap-1">
      <input type="hidden" name="email" value={email} />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
      <button type="submit" className={buttonClass(disabled ? "secondary" : "danger")} disabled={pending}>
        {disabled ? "Enable" : "Disable"}
      </button>
      {state.status === "error" ? <span role="alert" className="text-xs text-red-700">{state.message}</span> : null}
    </form>
  );
}
