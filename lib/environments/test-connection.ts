import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { Db } from "../db/client.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import { stsClient } from "../aws/clients.ts";
import { withEnvironmentTarget } from "./aws-target.ts";

// "Test connection" on the Environments page: assume the environment's role (as the admin asking) and ask STS who we
// are, then check what can be checked of the service role without changing anything. Neither the sandbox nor
// CloudFormation offers a dry run of passing a role: the check is that it is a role ARN in the account the assumed
// role acts in (CloudFormation refuses a role of another account); iam:PassRole itself is proven by the first change set.

export interface ConnectionTest {
  ok: boolean;
  /** GetCallerIdentity of the assumed role (null when assuming or asking failed). */
  identity: { account: string; arn: string; userId: string } | null;
  accountMatches: boolean;
  serviceRole: { arn: string | null; inAccount: boolean; note: string };
  error: string | null;
}

export async function testEnvironmentConnection(db: Db, { actor, input }: { actor: Actor; input: { environment: string } }): Promise<ConnectionTest> {
  assertCan(actor, "environment:configure");
  return withEnvironmentTarget(db, input.environment, actor, async (target) => {
    const serviceArn = target.serviceRoleArn;
    const roleAccount = serviceArn?.split(":")[4] ?? null;
    try {
      const out = await stsClient(target.region).send(new GetCallerIdentityCommand({}));
      const identity = { account: out.Account ?? "", arn: out.Arn ?? "", userId: out.UserId ?? "" };
      const accountMatches = identity.account === target.accountId;
      const inAccount = roleAccount !== null && roleAccount === identity.account;
      return {
        ok: accountMatches && (serviceArn === null || inAccount),
        identity,
        accountMatches,
        serviceRole: {
          arn: serviceArn,
          inAccount,
          note: serviceArn === null
            ? "No service role: CloudFormation would act with the console role's own permissions."
            : inAccount
              ? "A role of this account: CloudFormation can be given it. Whether the console role may pass it (iam:PassRole) shows at the first change set."
              : `The service role is in account ${roleAccount}, not ${identity.account}: CloudFormation refuses it.`,
        },
        error: accountMatches ? null : `The role acts in account ${identity.account}, not ${target.accountId} as configured.`,
      };
    } catch (error) {
      const e = error as Error;
      return { ok: false, identity: null, accountMatches: false, serviceRole: { arn: serviceArn, inAccount: false, note: "Not checked: the role could not be assumed." }, error: `${e.name}: ${e.message}` };
    }
  });
}
