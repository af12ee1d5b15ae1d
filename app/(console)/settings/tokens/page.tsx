import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listTokensOf } from "@/lib/tokens/queries";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { CreateTokenForm } from "./_components/create-token-form";
import { RevokeTokenButton } from "./_components/revoke-token-button";

export const metadata: Metadata = { title: "API tokens" };

const fmt = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") + " UTC" : "—");

export default async function TokensPage() {
  const actor = await requireActor();
  const tokens = await listTokensOf(getDb(), actor.userId);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="API tokens"
        description={<>Personal tokens for CI and scripts: send <code className="font-mono">Authorization: Bearer &lt;token&gt;</code> to <code className="font-mono">/api/v1</code>. A token acts with your roles. Every call is in the <Link href="/api-reference" className="text-sky-700 hover:underline">API reference</Link>.</>}
      />
      <CreateTokenForm />
      <div className="mt-6">
        {tokens.length === 0 ? (
          <EmptyState title="No tokens yet">Create one above; it is shown once, then only its prefix.</EmptyState>
        ) : (
          <Table caption="Your API tokens" head={<><Th>Name</Th><Th>Prefix</Th><Th>Created</Th><Th>Expires</Th><Th>Last used</Th><Th>Status</Th><Th /></>}>
            {tokens.map((t) => {
              const expired = t.expiresAt !== null && t.expiresAt <= now;
              const active = !t.revokedAt && !expired;
              return (
                <tr key={t.id}>
                  <Td className="font-medium">{t.name}</Td>
                  <Td className="font-mono text-xs">{t.prefix}…</Td>
                  <Td>{fmt(t.createdAt)}</Td>
                  <Td>{fmt(t.expiresAt)}</Td>
                  <Td>{fmt(t.lastUsedAt)}</Td>
                  <Td>{t.revokedAt ? <Badge tone="grey">revoked</Badge> : expired ? <Badge tone="grey">expired</Badge> : <Badge tone="green">active</Badge>}</Td>
                  <Td className="text-right">{active ? <RevokeTokenButton tokenId={t.id} name={t.name} /> : null}</Td>
                </tr>
              );
            })}
          </Table>
        )}
      </div>
    </>
  );
}
