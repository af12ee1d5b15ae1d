// A small in-process cache for AWS reads made while a page renders: a reload within `ttlMs` reuses the answer, and
// two renders asking at once share one call. Failures are not kept, so the next render asks again.

interface Entry {
  at: number;
  value: Promise<unknown>;
}

const entries = new Map<string, Entry>();
const MAX_ENTRIES = 1000;

export async function cachedRead<T>(key: string, ttlMs: number, load: () => Promise<T>, now = Date.now()): Promise<T> {
  const hit = entries.get(key);
  if (hit && ttlMs > 0 && now - hit.at < ttlMs) return hit.value as Promise<T>;
  const value = load();
  entries.set(key, { at: now, value });
  if (entries.size > MAX_ENTRIES) prune();
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key);
  });
  return value;
}

/** Drops the oldest half: the cache only needs to survive a reload, not to be complete. */
function prune(): void {
  const byAge = [...entries.entries()].sort((a, b) => a[1].at - b[1].at);
  for (const [key] of byAge.slice(0, Math.ceil(byAge.length / 2))) entries.delete(key);
}
