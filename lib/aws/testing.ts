import { withAwsTarget, type AwsTarget } from "./target-context.ts";

/** Tests of lib/aws itself: the base credentials, no role, the default sandbox account. */
export const BASE_TARGET: AwsTarget = {
  environment: "test", accountId: "000000000000", roleArn: null, externalId: null,
  sessionDurationSeconds: 3600, sessionName: "stackdeck-test", sourceIdentity: null, serviceRoleArn: null,
};

/** A test body run with BASE_TARGET: `it("...", inBaseAccount(async () => { ... }))`. */
export const inBaseAccount = (fn: () => Promise<void>, target: AwsTarget = BASE_TARGET) => () => withAwsTarget(target, fn);
