import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { StateStore } from "./contracts.ts";

/**
 * The state file holds one JSON document per service. Services keep only JSON-safe data in their slices (dates as
 * ISO strings or epoch numbers) and call markDirty() after each change; writes are debounced and atomic
 * (temp file + rename), so a crash leaves either the old or the new file, never half of one.
 */
export interface SandboxStore extends StateStore {
  /** Writes pending changes now. */
  flush(): Promise<void>;
  /** Empties every slice in place (services keep their references) and re-creates it from its `init`. */
  reset(): void;
  /** Names of the slices the state file held when opened (which accounts to resume, sandbox/core/accounts.ts). */
  loadedSlices(): string[];
  close(): Promise<void>;
}

interface StateDocument {
  version: 1;
  savedAt: string;
  services: Record<string, unknown>;
}

export interface StoreOptions {
  /** File to load from and save to; ignored when ephemeral. */
  path?: string;
  ephemeral?: boolean;
  debounceMs?: number;
}

export async function openStateStore(options: StoreOptions): Promise<SandboxStore> {
  const path = options.ephemeral ? undefined : options.path;
  const debounceMs = options.debounceMs ?? 250;
  const loaded = path ? await loadDocument(path) : {};
  const slices = new Map<string, object>();
  const inits = new Map<string, () => object>();
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  let writing: Promise<void> = Promise.resolve();

  const write = (): Promise<void> => {
    if (!path || !dirty) return writing;
    dirty = false;
    const document: StateDocument = {
      version: 1,
      savedAt: new Date().toISOString(),
      services: Object.fromEntries(slices),
    };
    // Serialise now (a consistent snapshot), write after any earlier write has finished.
    const text = JSON.stringify(document);
    writing = writing.then(() => writeAtomically(path, text)).catch((error: unknown) => {
      console.error(`sandbox: could not save state to ${path}`, error);
    });
    return writing;
  };

  const store: SandboxStore = {
    slice<T>(service: string, init: () => T): T {
      const existing = slices.get(service);
      if (existing) return existing as T;
      const created = (loaded[service] ?? init()) as T & object;
      if (typeof created !== "object" || created === null || Array.isArray(created)) {
        throw new TypeError(`state slice "${service}" must be a plain object`);
      }
      slices.set(service, created);
      inits.set(service, init as () => object);
      return created;
    },
    markDirty() {
      if (!path) return;
      dirty = true;
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void write();
      }, debounceMs);
      timer.unref();
    },
    flush() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      return write();
    },
    reset() {
      for (const [service, slice] of slices) {
        const record = slice as Record<string, unknown>;
        for (const key of Object.keys(record)) delete record[key];
        Object.assign(record, inits.get(service)?.());
      }
      if (path) {
        dirty = true;
        void write();
      }
    },
    loadedSlices: () => Object.keys(loaded),
    async close() {
      await store.flush();
    },
  };
  return store;
}

async function loadDocument(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
  try {
    const document = JSON.parse(text) as Partial<StateDocument>;
    if (document.version !== 1 || typeof document.services !== "object" || document.services === null) {
      throw new Error("unknown state file format");
    }
    return document.services;
  } catch (error) {
    // Keep the unreadable file for inspection instead of silently overwriting it with an empty sandbox.
    const aside = `${path}.unreadable-${Date.now()}`;
    await rename(path, aside);
    console.error(`sandbox: state file ${path} could not be read (${(error as Error).message}); moved to ${aside}`);
    return {};
  }
}

async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}
