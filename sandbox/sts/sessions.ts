import { randomBytes } from "node:crypto";
import { AwsError, type StateStore } from "../core/contracts.ts";
import { DEFAULT_ACCOUNT_ID, isAccountId } from "../core/accounts.ts";

// Who is calling: the account and identity behind a request's access key. Plain access keys are the default
// account's root (any dummy key works, as in LocalStack), a 12-digit access key is that account's root (LocalStack's
// convention), and session credentials from AssumeRole are the assumed role in the role's account until they
// expire. Unknown or expired session keys are refused as AWS refuses them. Expiry is wall-clock time (the SDK
// refreshes credentials by wall-clock time too), not the sandbox's scaled clock.

export interface CallerIdentity {
  accountId: string;
  arn: string;
  userId: string;
  /** Set for assumed-role sessions (role chaining limits their next AssumeRole to one hour). */
  assumedRole: boolean;
}

interface SessionRecord extends CallerIdentity {
  sessionToken: string;
  expiresAt: number;
  sourceIdentity?: string;
}

interface StsState {
  sessions: Record<string, SessionRecord>;
}

/** Sessions are kept this long past their expiry, so a late call is answered "expired", not "invalid". */
const KEEP_EXPIRED_MS = 24 * 3600_000;
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export class StsSessions {
  constructor(private readonly store: StateStore) {}

  private get state(): StsState {
    return this.store.slice<StsState>("sts", () => ({ sessions: {} }));
  }

  identify(accessKeyId: string | undefined, now = Date.now()): CallerIdentity {
    if (!accessKeyId || !accessKeyId.startsWith("ASIA")) {
      const accountId = accessKeyId && isAccountId(accessKeyId) ? accessKeyId : DEFAULT_ACCOUNT_ID;
      return { accountId, arn: `arn:aws:iam::${accountId}:root`, userId: accountId, assumedRole: false };
    }
    const session = this.state.sessions[accessKeyId];
    if (!session) throw new AwsError("InvalidClientTokenId", "The security token included in the request is invalid.", 403);
    if (session.expiresAt <= now) throw new AwsError("ExpiredToken", "The security token included in the request is expired", 403);
    return { accountId: session.accountId, arn: session.arn, userId: session.userId, assumedRole: session.assumedRole };
  }

  open(identity: Omit<CallerIdentity, "assumedRole">, durationSeconds: number, sourceIdentity?: string, now = Date.now()) {
    const sessions = this.state.sessions;
    for (const [key, session] of Object.entries(sessions)) if (session.expiresAt + KEEP_EXPIRED_MS < now) delete sessions[key];
    const accessKeyId = `ASIA${[...randomBytes(16)].map((byte) => BASE32[byte % 32]).join("")}`;
    const record: SessionRecord = {
      ...identity,
      assumedRole: true,
      sessionToken: randomBytes(48).toString("base64"),
      expiresAt: now + durationSeconds * 1000,
      sourceIdentity,
    };
    sessions[accessKeyId] = record;
    this.store.markDirty();
    return { accessKeyId, secretAccessKey: randomBytes(30).toString("base64"), sessionToken: record.sessionToken, expiration: new Date(record.expiresAt) };
  }
}
