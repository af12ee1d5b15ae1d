import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { AwsTarget } from "./target-context.ts";

// Credentials of an environment's assumed role, shared by its clients of every service in a region: the console's
// base credentials come from the SDK's default chain (env, profile, container/instance role), AssumeRole turns them
// into the target's. Refreshed REFRESH_BEFORE_MS before they expire, which is earlier than the SDK clients' own
// 5-minute window, so a client asking for fresh credentials always gets new ones.

export const REFRESH_BEFORE_MS = 6 * 60_000;

export function credentialsCacheKey(target: AwsTarget, region: string): string {
  return [target.accountId, target.roleArn ?? "-", target.externalId ?? "-", target.sessionDurationSeconds, target.sessionName, region].join("|");
}

export function assumedRoleCredentials(target: AwsTarget & { roleArn: string }, region: string): AwsCredentialIdentityProvider {
  const assume = fromTemporaryCredentials({
    params: {
      RoleArn: target.roleArn,
      RoleSessionName: target.sessionName,
      ExternalId: target.externalId ?? undefined,
      DurationSeconds: target.sessionDurationSeconds,
      SourceIdentity: target.sourceIdentity ?? undefined,
    },
    clientConfig: { region },
  });
  let current: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    const fresh = current?.expiration && current.expiration.getTime() - Date.now() > REFRESH_BEFORE_MS;
    if (current && fresh) return current;
    pending ??= assume().then(
      (credentials) => {
        current = credentials;
        pending = undefined;
        return credentials;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
}
