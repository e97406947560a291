import { decodeCustom } from './decode';
import type { CustomDefinition } from './schema';

/**
 * How custom definitions are kept in localStorage and in files. The store
 * has its own `storageVersion`, apart from each definition's `version`, so
 * the container can change without touching definitions. Older stores are
 * migrated, never dropped; an entry that does not decode is set aside with
 * its text and errors, and written back, so nothing a person wrote is lost.
 *
 *   { "trapscope": "custom-store", "storageVersion": 1,
 *     "definitions": [ <CustomDefinition>, … ],
 *     "rejected": [ { "text": "<the entry as JSON>", "errors": ["…"] } ] }
 */

export const STORE_TAG = 'custom-store';
export const STORAGE_VERSION = 1;

export interface Rejected {
  /** The entry exactly as it was found (JSON text), so it can be fixed and tried again. */
  text: string;
  errors: string[];
}

export interface DecodedStore {
  defs: CustomDefinition[];
  /** One line per problem, for a message to the reader. */
  errors: string[];
  rejected: Rejected[];
}

export function encodeStore(defs: readonly unknown[], rejected: readonly unknown[] = []): string {
  return JSON.stringify({ trapscope: STORE_TAG, storageVersion: STORAGE_VERSION, definitions: defs, rejected }, null, 2);
}

/**
 * Storage version 0, the first draft (never released; kept so the migration
 * path is exercised): no version field, entries under "customConventions",
 * each entry `{ convention, functions: [{ …, fid }] }`.
 */
type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/** migrations[n] turns a storage-version-n object into version n + 1. They read unknown data, so they check every shape. */
const migrations: Readonly<Record<number, Migration>> = {
  0: (old) => ({
    trapscope: STORE_TAG,
    storageVersion: 1,
    definitions: (Array.isArray(old.customConventions) ? old.customConventions : []).map(migrateEntry0),
    rejected: [],
  }),
};

function migrateEntry0(entry: unknown): unknown {
  if (!isObject(entry)) return entry; // left as it is: it will be set aside with its text
  const { functions, ...rest } = entry;
  const calls = Array.isArray(functions) ? functions.map((f) => (isObject(f) ? renameKey(f, 'fid', 'number') : f)) : functions;
  return { trapscope: 'custom-convention', version: 1, ...rest, calls };
}

function renameKey(o: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  if (!(from in o)) return o;
  const { [from]: value, ...rest } = o;
  return { ...rest, [to]: value };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function storageVersionOf(data: Record<string, unknown>): number | undefined {
  if (typeof data.storageVersion === 'number' && Number.isInteger(data.storageVersion) && data.storageVersion >= 0) return data.storageVersion;
  if (data.storageVersion === undefined && Array.isArray(data.customConventions)) return 0;
  return undefined;
}

/**
 * Who wrote the text, for the messages: the store this browser keeps (whose
 * text is never overwritten when it cannot be read), or a file being imported.
 */
export type StoreOrigin = 'storage' | 'file';

const WORDS: Record<StoreOrigin, { whole: string; kept: string; entry: string; are: string; have: string; were: string }> = {
  storage: { whole: 'The saved conventions', kept: '; they are kept unchanged', entry: 'Saved definition', are: 'are', have: 'have', were: 'were' },
  file: { whole: 'The file', kept: '', entry: 'Definition', are: 'is', have: 'has', were: 'was' },
};

/** A store's entries after migration, before any is decoded: cheap, so start-up need not decode what it does not show. */
export type OpenedStore = { ok: true; definitions: unknown[]; rejected: unknown[]; errors: string[] } | { ok: false; message: string };

/** Total: reads the container (JSON, storage version, migrations) and says in one sentence why it cannot. */
export function openStore(text: string, origin: StoreOrigin = 'storage'): OpenedStore {
  const w = WORDS[origin];
  const fail = (problem: string): OpenedStore => ({ ok: false, message: `${w.whole} ${problem}${w.kept}.` });
  try {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return fail(`${w.are} not valid JSON`);
    }
    if (!isObject(data)) return fail(`${w.are} not a Trapscope store`);
    let version = storageVersionOf(data);
    if (version === undefined) return fail(`${w.have} no readable storage version`);
    if (version > STORAGE_VERSION) return fail(`${w.were} written by a newer Trapscope (storage version ${version})`);
    let current = data;
    while (version < STORAGE_VERSION) {
      const step = migrations[version];
      if (!step) return fail(`${w.have} storage version ${version}, which this Trapscope cannot migrate`);
      current = step(current);
      version++;
    }
    const errors: string[] = [];
    if (!Array.isArray(current.definitions) && current.definitions !== undefined) errors.push(`The "definitions" of ${w.whole.toLowerCase()} are not a list; nothing was read from them.`);
    return {
      ok: true,
      definitions: Array.isArray(current.definitions) ? current.definitions : [],
      rejected: Array.isArray(current.rejected) ? current.rejected : [],
      errors,
    };
  } catch {
    return fail('could not be read');
  }
}

/** Total: any text gives a store; what cannot be read is returned in `rejected`, never thrown away. */
export function decodeStore(text: string, origin: StoreOrigin = 'storage'): DecodedStore {
  const steps = decodeSteps(text, origin);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * decodeStore a slice at a time, giving the browser room to draw between
 * slices and telling how far it got: a file of thousands of definitions
 * takes seconds to check.
 */
export async function decodeStoreInSteps(text: string, origin: StoreOrigin, progress: (done: number, total: number) => void): Promise<DecodedStore> {
  const steps = decodeSteps(text, origin);
  let last = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - last > 30) {
      progress(step.value.done, step.value.total);
      await new Promise((r) => setTimeout(r, 0));
      last = performance.now();
    }
  }
}

function* decodeSteps(text: string, origin: StoreOrigin): Generator<{ done: number; total: number }, DecodedStore> {
  if (typeof text !== 'string' || text.trim() === '') return { defs: [], errors: [], rejected: [] };
  const opened = openStore(text, origin);
  if (!opened.ok) return { defs: [], errors: [opened.message], rejected: [{ text: String(text), errors: [opened.message] }] };
  return yield* readEntries(opened, WORDS[origin].entry);
}

function* readEntries(
  store: Extract<OpenedStore, { ok: true }>,
  entryWord: string,
): Generator<{ done: number; total: number }, DecodedStore> {
  const out: DecodedStore = { defs: [], errors: [...store.errors], rejected: [] };
  const ids = new Set<string>();
  const take = (entry: unknown, where: string, original?: string) => {
    const r = decodeCustom(entry);
    if (r.ok && !ids.has(r.definition.convention.id)) {
      ids.add(r.definition.convention.id);
      out.defs.push(r.definition);
      return;
    }
    const errors = r.ok
      ? [`Convention id: another definition already uses "${r.definition.convention.id}"; rename one of them`]
      : r.errors.map((e) => e.message);
    out.rejected.push({ text: original ?? jsonText(entry), errors });
    out.errors.push(`${where}: ${errors[0]}`);
  };
  const total = store.definitions.length + store.rejected.length;
  for (const [i, entry] of store.definitions.entries()) {
    take(entry, `${entryWord} ${i + 1}${nameOf(entry)} was set aside`);
    yield { done: i + 1, total };
  }
  // Entries set aside earlier are tried again: a newer Trapscope may read them now.
  for (const [i, entry] of store.rejected.entries()) {
    yield { done: store.definitions.length + i, total };
    if (!isObject(entry) || typeof entry.text !== 'string') {
      out.rejected.push({ text: jsonText(entry), errors: ['not a set-aside entry'] });
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(entry.text);
    } catch {
      const errors = Array.isArray(entry.errors) ? entry.errors.filter((e): e is string => typeof e === 'string') : [];
      out.rejected.push({ text: entry.text, errors });
      continue;
    }
    take(parsed, `A definition set aside earlier${nameOf(parsed)} still cannot be read`, entry.text);
  }
  return out;
}

function nameOf(entry: unknown): string {
  if (!isObject(entry) || !isObject(entry.convention) || typeof entry.convention.name !== 'string') return '';
  return ` ("${entry.convention.name.slice(0, 60)}")`;
}

function jsonText(x: unknown): string {
  try {
    return JSON.stringify(x) ?? String(x);
  } catch {
    return String(x);
  }
}
