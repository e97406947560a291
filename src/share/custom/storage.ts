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

export function encodeStore(defs: readonly CustomDefinition[], rejected: readonly Rejected[] = []): string {
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

/** Total: any text gives a store; what cannot be read is returned in `rejected`, never thrown away. */
export function decodeStore(text: string): DecodedStore {
  try {
    return decode(text);
  } catch {
    return wholeRejected(String(text), 'The saved conventions could not be read; they are kept unchanged.');
  }
}

function wholeRejected(text: string, message: string): DecodedStore {
  return { defs: [], errors: [message], rejected: [{ text, errors: [message] }] };
}

function decode(text: string): DecodedStore {
  if (typeof text !== 'string' || text.trim() === '') return { defs: [], errors: [], rejected: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return wholeRejected(text, 'The saved conventions are not valid JSON; they are kept unchanged.');
  }
  if (!isObject(data)) return wholeRejected(text, 'The saved conventions are not a Trapscope store; they are kept unchanged.');
  let version = storageVersionOf(data);
  if (version === undefined) return wholeRejected(text, 'The saved conventions have no readable storage version; they are kept unchanged.');
  if (version > STORAGE_VERSION) {
    return wholeRejected(text, `The saved conventions were written by a newer Trapscope (storage version ${version}); they are kept unchanged.`);
  }
  let current = data;
  while (version < STORAGE_VERSION) {
    const step = migrations[version];
    if (!step) return wholeRejected(text, `No migration from storage version ${version}; the saved conventions are kept unchanged.`);
    current = step(current);
    version++;
  }
  return readCurrent(current);
}

function readCurrent(data: Record<string, unknown>): DecodedStore {
  const out: DecodedStore = { defs: [], errors: [], rejected: [] };
  const ids = new Set<string>();
  const take = (entry: unknown, where: string, original?: string) => {
    const r = decodeCustom(entry);
    if (r.ok && !ids.has(r.definition.convention.id)) {
      ids.add(r.definition.convention.id);
      out.defs.push(r.definition);
      return;
    }
    const errors = r.ok
      ? [`Convention id: another saved definition already uses "${r.definition.convention.id}"; rename one of them`]
      : r.errors.map((e) => e.message);
    out.rejected.push({ text: original ?? jsonText(entry), errors });
    out.errors.push(`${where}: ${errors[0]}`);
  };
  const defs = Array.isArray(data.definitions) ? data.definitions : [];
  if (!Array.isArray(data.definitions) && data.definitions !== undefined)
    out.errors.push('The saved "definitions" are not a list; nothing was read from them.');
  defs.forEach((entry, i) => take(entry, `Saved definition ${i + 1}${nameOf(entry)} was set aside`));
  // Entries set aside earlier are tried again: a newer Trapscope may read them now.
  const old = Array.isArray(data.rejected) ? data.rejected : [];
  old.forEach((entry) => {
    if (!isObject(entry) || typeof entry.text !== 'string') return out.rejected.push({ text: jsonText(entry), errors: ['not a set-aside entry'] });
    let parsed: unknown;
    try {
      parsed = JSON.parse(entry.text);
    } catch {
      const errors = Array.isArray(entry.errors) ? entry.errors.filter((e): e is string => typeof e === 'string') : [];
      return out.rejected.push({ text: entry.text, errors });
    }
    take(parsed, `A definition set aside earlier${nameOf(parsed)} still cannot be read`, entry.text);
  });
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
