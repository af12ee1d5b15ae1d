import type { Db } from "../../lib/db/client.ts";
import { parseInput } from "../../lib/validation.ts";
import { createUserSchema, grantSchema, userRefSchema } from "../../lib/users/schema.ts";
import { createUser, grantRole, revokeRole, setUserDisabled } from "../../lib/users/commands.ts";
import { createTokenSchema } from "../../lib/tokens/schema.ts";
import { createApiToken } from "../../lib/tokens/commands.ts";
import { describeReport, verifyAuditLog } from "../../lib/audit/verify.ts";
import { AppError } from "../../lib/errors.ts";
import { parseOptions, readStdin, required } from "./args.ts";

const meta = { userAgent: "stackdeck cli" };
type Run = (db: Db, argv: string[], out: (line: string) => void) => Promise<number>;

const grantOptions = { email: "value", role: "value", environment: "value" } as const;

export const COMMANDS: Record<string, { usage: string; run: Run }> = {
  "user create": {
    usage: "user create --email E --name N --password-stdin [--role R --environment ENV]",
    async run(db, argv, out) {
      const o = parseOptions(argv, { email: "value", name: "value", "password-stdin": "flag", role: "value", environment: "value" });
      if (!o["password-stdin"]) throw new AppError("validation_failed", "--password-stdin is required (never pass a password as an argument)");
      const input = parseInput(createUserSchema, { email: o.email, name: o.name, password: await readStdin(), role: o.role, environment: o.environment });
      await createUser(db, { actor: "system", input, meta });
      out(`created ${input.email}${input.role ? ` with ${input.role} (${input.environment})` : ""}`);
      return 0;
    },
  },
  "user grant": {
    usage: "user grant --email E --role R [--environment ENV|*]",
    async run(db, argv, out) {
      const input = parseInput(grantSchema, parseOptions(argv, grantOptions));
      await grantRole(db, { actor: "system", input, meta });
      out(`granted ${input.role} (${input.environment}) to ${input.email}`);
      return 0;
    },
  },
  "user revoke": {
    usage: "user revoke --email E --role R [--environment ENV|*]",
    async run(db, argv, out) {
      const input = parseInput(grantSchema, parseOptions(argv, grantOptions));
      await revokeRole(db, { actor: "system", input, meta });
      out(`revoked ${input.role} (${input.environment}) from ${input.email}`);
      return 0;
    },
  },
  "user disable": {
    usage: "user disable --email E",
    async run(db, argv, out) {
      const { email } = parseInput(userRefSchema, parseOptions(argv, { email: "value" }));
      await setUserDisabled(db, { actor: "system", input: { email, disabled: true }, meta });
      out(`disabled ${email}`);
      return 0;
    },
  },
  "token create": {
    usage: "token create --email E [--name N] [--expires-in-days D]",
    async run(db, argv, out) {
      const o = parseOptions(argv, { email: "value", name: "value", "expires-in-days": "value" });
      const { email } = parseInput(userRefSchema, { email: required(o, "email") });
      const input = parseInput(createTokenSchema, { name: o.name, expiresInDays: o["expires-in-days"] });
      const owner = await db.user.findUnique({ where: { email }, select: { id: true } });
      if (!owner) throw new AppError("not_found", `User ${email} was not found.`);
      const created = await createApiToken(db, { actor: "system", ownerId: owner.id, input, meta });
      out(created.token);
      return 0;
    },
  },
  "audit verify": {
    usage: "audit verify   (needs AUDIT_HMAC_KEY; holds the log against the last checkpoint of AUDIT_CHECKPOINT_FILE)",
    async run(db, argv, out) {
      parseOptions(argv, {});
      const progress = process.stderr.isTTY
        ? (checked: number, total: bigint) => void process.stderr.write(`\rverified ${checked.toLocaleString("en")} of ${total.toLocaleString("en")} entries`)
        : undefined;
      const report = await verifyAuditLog(db, { onProgress: progress });
      if (progress) process.stderr.write("\n");
      for (const line of describeReport(report)) out(line);
      return report.ok ? 0 : 1;
    },
  },
};
