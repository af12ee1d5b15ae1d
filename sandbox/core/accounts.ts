import { ACCOUNT_ID, type StateStore } from "./contracts.ts";

// The sandbox keeps state per AWS account, as AWS does: every account has its own CloudFormation, CloudWatch and ECS
// (each service's state still per region inside). Which account a call is made in comes from its credentials
// (sandbox/sts/credentials.ts). The default account's slices keep their old names, so existing state files load.

export const DEFAULT_ACCOUNT_ID = ACCOUNT_ID;
const ACCOUNT = /^\d{12}$/;

export function isAccountId(value: string): boolean {
  return ACCOUNT.test(value);
}

function sliceName(service: string, accountId: string): string {
  return accountId === DEFAULT_ACCOUNT_ID ? service : `${service}@${accountId}`;
}

/** The store as one account's services see it: the same file, slices of their own. */
export function accountStore(store: StateStore, accountId: string): StateStore {
  return {
    slice: (service, init) => store.slice(sliceName(service, accountId), init),
    markDirty: () => store.markDirty(),
  };
}

/** The accounts a loaded state file holds services' state for (the default account is always there). */
export function accountsInState(sliceNames: Iterable<string>): string[] {
  const accounts = new Set([DEFAULT_ACCOUNT_ID]);
  for (const name of sliceNames) {
    const account = name.split("@")[1];
    if (account && isAccountId(account)) accounts.add(account);
  }
  return [...accounts];
}
