import { AwsError } from "../../core/contracts.ts";
import { accountOfArn } from "../engine/context.ts";

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/[\w+=,.@/-]+$/;

/**
 * The service role (RoleARN) a stack operation runs with. AWS refuses a role it cannot assume with this sentence;
 * the sandbox models no IAM trust, so "cannot be assumed" means: not a role ARN, or a role in another account
 * (CloudFormation only assumes a role of the stack's own account, as iam:PassRole allows no other).
 */
export function checkServiceRole(roleArn: string | undefined, stackId: string): string | undefined {
  if (roleArn === undefined || roleArn === "") return undefined;
  if (roleArn.length < 20 || roleArn.length > 2048) {
    throw new AwsError("ValidationError", `1 validation error detected: Value '${roleArn}' at 'roleARN' failed to satisfy constraint: Member must have length between 20 and 2048`);
  }
  const match = ROLE_ARN.exec(roleArn);
  if (!match || match[1] !== accountOfArn(stackId)) {
    throw new AwsError("ValidationError", `Role ${roleArn} is invalid or cannot be assumed`);
  }
  return roleArn;
}
