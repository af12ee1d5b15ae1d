// Renders lib/auth/access-table.ts into docs/access.md: `npx tsx scripts/docs/access-table.ts`. A test fails when
// the committed file and the table disagree, so the documentation is always the table the matrix test checks.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ACCESS_TABLE, type AccessRow } from "../../lib/auth/access-table.ts";

export const ACCESS_DOC = path.resolve(import.meta.dirname, "../../docs/access.md");

function cell(row: AccessRow, environment: "staging" | "production"): string {
  const { scope } = row;
  if (scope.kind === "own") return "anyone signed in (their own)";
  if (scope.kind === "global") return `${scope.roles.join(", ")} of all environments`;
  const roles = scope[environment].join(", ") || "nobody";
  return environment === "production" && row.withApproval ? `${roles}; with an approved request: ${row.withApproval.join(", ")}` : roles;
}

export function renderAccessTable(rows: AccessRow[] = ACCESS_TABLE): string {
  const line = (r: AccessRow) => `| \`${r.operation}\` | ${r.what} | ${cell(r, "staging")} | ${cell(r, "production")} | ${r.note ?? ""} |`;
  return [
    "# Who may do what",
    "",
    "Generated from `lib/auth/access-table.ts` by `npx tsx scripts/docs/access-table.ts`; do not edit by hand.",
    "`e2e/access-matrix.spec.ts` calls every row as every kind of caller (each role for all environments, each role",
    "for staging only, a disabled user, a revoked and an expired token, no credentials) in both environments and checks",
    "the answer against this table. A role counts where the user holds it: for that environment, or for all of them.",
    "Anyone not listed gets **403** before any input is validated; dead credentials get **401**.",
    "",
    "## API (`/api/v1`, bearer token or session)",
    "",
    "| call | what | staging | production | note |",
    "|---|---|---|---|---|",
    ...rows.filter((r) => r.kind === "api").map(line),
    "",
    "## Console (server actions, session)",
    "",
    "| action | what | staging | production | note |",
    "|---|---|---|---|---|",
    ...rows.filter((r) => r.kind === "action").map(line),
    "",
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(ACCESS_DOC, renderAccessTable());
  console.log(`wrote ${path.relative(process.cwd(), ACCESS_DOC)}`);
}
