"use client";

import { useActionState } from "react";
import { revokeUserTokenAction } from "../actions";
import { IDLE } from "@/lib/auth/action-state";
import type { AdminTokenRow, TokenStatus } from "@/lib/tokens/queries";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/button";

const STATUS_TONE: Record<TokenStatus, "green" | "grey" | "red"> = { active: "green", expired: "grey", revoked: "red" };
const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") : "—");

export function TokensTable({ tokens }: { tokens: AdminTokenRow[] }) {
  if (tokens.length === 0) return <EmptyState title="No API tokens">Users create tokens under Settings → API tokens.</EmptyState>;
  return (
    <Table caption="API tokens of every user" head={<><Th>Token</Th><Th>Owner</Th><Th>Created</Th><Th>Expires</Th><Th>Last used</Th><Th>Status</Th><Th /></>}>
      {tokens.map((t) => (
        <tr key={t.id} data-testid={`token-${t.id}`}>
          <Td>
            <div className="font-medium">{t.name}</div>
            <div className="font-mono text-xs text-slate-500">{t.prefix}…</div>
          </Td>
          <Td>{t.owner.email}{t.owner.disabled ? <span className="ml-1"><Badge tone="red">disabled</Badge></span> : null}</Td>
          <Td className="whitespace-nowrap">{day(t.createdAt)}</Td>
          <Td className="whitespace-nowrap">{t.expiresAt ? day(t.expiresAt) : "never"}</Td>
          <Td className="whitespace-nowrap">{t.lastUsedAt ? day(t.lastUsedAt) : "never"}</Td>
          <Td><Badge tone={STATUS_TONE[t.status]}>{t.status}</Badge></Td>
          <Td className="text-right">{t.status === "revoked" ? null : <RevokeButton token={t} />}</Td>
        </tr>
      ))}
    </Table>
  );
}

function RevokeButton({ token }: { token: AdminTokenRow }) {
  const [state, action, pending] = useActionState(revokeUserTokenAction, IDLE);
  const confirmRevoke = (e: React.FormEvent) => {
    if (!confirm(`Revoke "${token.name}" of ${token.owner.email}? Scripts using it stop working at once.`)) e.preventDefault();
  };
  return (
    <form action={action} onSubmit={confirmRevoke} className="inline-flex flex-col items-end gap-1">
      <input type="hidden" name="tokenId" value={token.id} />
      <button type="submit" className={buttonClass("danger")} disabled={pending} aria-label={`Revoke token ${token.name} of ${token.owner.email}`}>Revoke</button>
      {state.status === "error" ? <span role="alert" className="text-xs text-red-700">{state.message}</span> : null}
    </form>
  );
}
