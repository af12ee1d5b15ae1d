import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listUsers } from "@/lib/users/queries";
import { listEnvironments } from "@/lib/environments/queries";
import { listAllTokens } from "@/lib/tokens/queries";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { UsersTable } from "./_components/users-table";
import { GrantRoleForm } from "./_components/grant-role-form";
import { CreateUserForm } from "./_components/create-user-form";
import { TokensTable } from "./_components/tokens-table";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const actor = await requireActor();
  if (!can(actor, "users:manage")) {
    return (
      <EmptyState title="Administrators only">
        Managing users and access needs the admin role for all environments.
      </EmptyState>
    );
  }
  const db = getDb();
  const [users, environments, tokens] = await Promise.all([listUsers(db, actor), listEnvironments(db), listAllTokens(db, actor)]);
  const envOptions = environments.map((e) => ({ key: e.key, name: e.name }));
  return (
    <>
      <PageHeader title="Users and access" description="Grant roles per environment, disable accounts and add users. Every change is audited." />
      <div className="grid gap-4 lg:grid-cols-2">
        <GrantRoleForm emails={users.map((u) => u.email)} environments={envOptions} />
        <CreateUserForm environments={envOptions} />
      </div>
      <div className="mt-6">
        <UsersTable users={users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString(), isSelf: u.id === actor.userId }))} />
      </div>
      <section className="mt-8" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="mb-2 text-base font-semibold text-slate-900">API tokens</h2>
        <p className="mb-3 text-sm text-slate-600">Every user&apos;s tokens. Revoking one stops it at once and is audited.</p>
        <TokensTable tokens={tokens} />
      </section>
    </>
  );
}
