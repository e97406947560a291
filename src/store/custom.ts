import { customFamilyKey, findConvention, withFamilies, withoutCustomFamily } from '../catalog';
import { conventionId, CUSTOM_PREFIX } from '../share/custom/build';
import { decodeCustom } from '../share/custom/decode';
import { DEF_PARAM, decodeDefinitionParam, encodeDefinitionParam } from '../share/custom/link';
import { FORMAT_TAG, FORMAT_VERSION, LIMITS, type CustomDefinition } from '../share/custom/schema';
import { decodeStoreInSteps, encodeStore, openStore } from '../share/custom/storage';
import { addNotice, BESIDE_KEY, SHOWN_AT_START, STORE_KEY, storageFailure, useKept, type KeptEntry } from './custom-links';
import { useApp } from './store';

/**
 * Custom conventions in this browser: kept in localStorage through the
 * storage codec, added to the store's catalog as families, and carried in links
 * as def=.
 *
 * What is kept is held as found and written back as found: an entry is
 * decoded only when it is shown, so start-up does not grow with the number
 * kept (the last SHOWN_AT_START are registered for the pickers; the rest are
 * listed in the Design panel and decoded when opened), and an entry this
 * version cannot read is never rewritten. Text this version cannot read at
 * all stays under its key, untouched; conventions saved meanwhile go under
 * BESIDE_KEY and join the main store once it can be read again.
 */
let entries: unknown[] = [];
/** Entries an earlier version set aside (storage.ts), kept as found. */
let rejected: unknown[] = [];
/** Where saves go: null when neither key can be written without losing what it holds. */
let target: string | null = STORE_KEY;
/** The text under STORE_KEY when it cannot be read, for the reader to download as it is. */
let unreadableText: string | undefined;

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

function rawId(entry: unknown): string | undefined {
  const c = isObject(entry) ? entry.convention : undefined;
  return isObject(c) && typeof c.id === 'string' ? c.id : undefined;
}

function listed(entry: unknown, i: number): KeptEntry {
  const id = rawId(entry);
  const c = isObject(entry) ? entry.convention : undefined;
  const name = isObject(c) && typeof c.name === 'string' && c.name.trim() ? c.name.slice(0, LIMITS.name) : `Saved definition ${i + 1} (no name)`;
  return { id: id === undefined ? undefined : `${CUSTOM_PREFIX}${id}`, name };
}

/** Written by a newer Trapscope: known without decoding, and said at start-up. */
function isNewer(entry: unknown): boolean {
  return isObject(entry) && entry.trapscope === FORMAT_TAG && typeof entry.version === 'number' && entry.version > FORMAT_VERSION;
}

function publish(): void {
  useKept.setState({ kept: entries.map(listed) });
}

async function register(def: CustomDefinition, param?: string): Promise<string> {
  const decoded = decodeCustom(def);
  if (!decoded.ok) throw new Error(decoded.errors.map((e) => e.message).join('\n'));
  const id = conventionId(def);
  const value = param ?? (await encodeDefinitionParam(def));
  useApp.setState((s) => ({ catalog: withFamilies(s.catalog, [[customFamilyKey(def.convention.id), decoded.family]]), defs: { ...s.defs, [id]: value } }));
  return id;
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export async function loadStoredDefinitions(): Promise<void> {
  const problems: string[] = [];
  const main = read(STORE_KEY);
  const beside = read(BESIDE_KEY);
  entries = [];
  rejected = [];
  target = STORE_KEY;
  unreadableText = undefined;
  if (main !== null && main.trim() !== '') {
    const opened = openStore(main);
    if (opened.ok) {
      entries = opened.definitions;
      rejected = opened.rejected;
      problems.push(...opened.errors);
    } else {
      unreadableText = main;
      target = BESIDE_KEY;
      problems.push(`${opened.message} Conventions you save now are kept beside them.`);
    }
  }
  let joined = false;
  if (beside !== null && beside.trim() !== '') {
    const opened = openStore(beside);
    if (!opened.ok) {
      // Both unreadable (another version wrote both): nothing can be saved without overwriting one.
      if (target === BESIDE_KEY) target = null;
      problems.push(opened.message);
    } else {
      const ids = new Set(entries.map(rawId));
      entries = [...entries, ...opened.definitions.filter((e) => !ids.has(rawId(e)))];
      rejected = [...rejected, ...opened.rejected];
      joined = target === STORE_KEY;
    }
  }
  const newer = entries.filter(isNewer).length;
  if (newer) {
    problems.push(
      `${newer === 1 ? 'One saved convention was' : `${newer} saved conventions were`} written by a newer Trapscope; ${newer === 1 ? 'it is' : 'they are'} kept unchanged.`,
    );
  }
  publish();
  for (const entry of entries.slice(-SHOWN_AT_START)) {
    if (isNewer(entry)) continue;
    const r = decodeCustom(entry);
    if (r.ok) await register(r.definition).catch(() => undefined);
    else problems.push(`"${listed(entry, entries.indexOf(entry)).name}" could not be read (${r.errors[0]!.message}); it is kept unchanged.`);
  }
  if (problems.length) addNotice({ kind: 'unreadable', message: problems.join(' ') });
  // Conventions saved while the main store could not be read join it now that it can.
  if (joined && persist('The conventions saved beside the unreadable ones')) remove(BESIDE_KEY);
}

function remove(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Left as it is: it is read again, and joined again, next time.
  }
}

/** Writes what is kept; says so when storage refuses (full, or a private window), and returns false. */
function persist(what: string): boolean {
  const keep = 'It is on screen and in this page’s link; export your conventions to a file to keep them.';
  if (target === null) {
    addNotice({ kind: 'unsaved', message: `${what} could not be saved in this browser: the conventions stored here cannot be read, and would be overwritten. ${keep}` });
    return false;
  }
  try {
    localStorage.setItem(target, encodeStore(entries, rejected));
    useKept.setState({ notices: useKept.getState().notices.filter((n) => n.kind !== 'unsaved') });
    return true;
  } catch (error) {
    addNotice({ kind: 'unsaved', message: `${what} could not be saved: ${storageFailure(error)}. ${keep}` });
    return false;
  }
}

function keep(defs: readonly CustomDefinition[]): void {
  const ids = new Set(defs.map((d) => d.convention.id));
  entries = [...entries.filter((e) => !ids.has(rawId(e) ?? '')), ...defs];
  publish();
}

/** Registers and keeps a definition; returns its convention id. */
export async function saveDefinition(def: CustomDefinition): Promise<string> {
  const id = await register(def);
  keep([def]);
  persist(`"${def.convention.name}"`);
  return id;
}

/** Forgets a kept convention: storage, catalog and link parameter. */
export function deleteDefinition(id: string): void {
  const entry = entries.find((e) => listed(e, 0).id === id);
  entries = entries.filter((e) => e !== entry);
  publish();
  persist('The deletion');
  useApp.setState((s) => ({
    catalog: withoutCustomFamily(s.catalog, customFamilyKey(id.slice(CUSTOM_PREFIX.length))),
    defs: Object.fromEntries(Object.entries(s.defs).filter(([k]) => k !== id)),
  }));
}

/** Decodes and registers a kept convention that start-up did not; returns why it could not. */
export async function openKept(id: string): Promise<string | undefined> {
  const i = entries.findIndex((e) => listed(e, 0).id === id);
  if (i < 0) return 'That convention is no longer kept here.';
  const r = decodeCustom(entries[i]);
  if (!r.ok) return `"${listed(entries[i], i).name}" could not be read, and is kept unchanged: ${r.errors.map((e) => e.message).join('; ')}`;
  await register(r.definition);
  return undefined;
}

/** Every kept convention, as kept (a file for Import, or to keep when storage is full). */
export function exportDefinitions(): string {
  return encodeStore(entries, rejected);
}

/** The stored text this version could not read, exactly as it is. */
export function unreadableStore(): string | undefined {
  return unreadableText ?? read(STORE_KEY) ?? undefined;
}

/**
 * Imports a file written by exportDefinitions, or a single definition, in
 * one write, telling its progress through useKept; says once what it could
 * not read. Registers the first to open it; the others are listed.
 */
export async function importDefinitions(text: string): Promise<{ added: string[]; errors: string[] }> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { added: [], errors: ['The file is not JSON.'] };
  }
  let defs: CustomDefinition[];
  let errors: string[];
  if (isObject(data) && data.trapscope === FORMAT_TAG) {
    const one = decodeCustom(data);
    defs = one.ok ? [one.definition] : [];
    errors = one.ok ? [] : one.errors.map((e) => e.message);
  } else {
    useKept.setState({ importing: { done: 0, total: 0 } });
    try {
      const store = await decodeStoreInSteps(text, 'file', (done, total) => useKept.setState({ importing: { done, total } }));
      defs = store.defs;
      errors = store.errors;
    } finally {
      useKept.setState({ importing: null });
    }
  }
  if (defs.length === 0) return { added: [], errors };
  keep(defs);
  persist(defs.length === 1 ? `"${defs[0]!.convention.name}"` : `The ${defs.length} imported conventions`);
  await register(defs[0]!);
  return { added: defs.map(conventionId), errors };
}

/**
 * Registers the custom conventions a link carries, its def= values (not
 * stored until the reader keeps them). The link's definition is what it
 * means, so it is shown; where another one has its id, the messages say
 * which was used and why.
 */
export async function registerFromLink(defs: readonly string[]): Promise<string[]> {
  const messages: string[] = [];
  const inLink = new Map<string, string>();
  for (const value of defs) {
    const decoded = await decodeDefinitionParam(value);
    if (!decoded.ok) {
      messages.push(...decoded.errors.map((e) => (e.path === DEF_PARAM ? e.message : `Custom convention: ${e.message}`)));
      continue;
    }
    const def = decoded.definition;
    const id = conventionId(def);
    const earlier = inLink.get(id);
    if (earlier !== undefined) {
      messages.push(
        `This link carries two custom conventions with the id "${def.convention.id}" ("${earlier}" and "${def.convention.name}"); the last one in the link is shown.`,
      );
    } else {
      const other = sameIdElsewhere(def, value);
      if (other) messages.push(other);
    }
    inLink.set(id, def.convention.name);
    await register(def, value);
  }
  return messages;
}

/** Says so when a convention open in this page, or kept here, has this id but another definition. */
function sameIdElsewhere(def: CustomDefinition, value: string): string | undefined {
  const id = conventionId(def);
  const { defs, catalog } = useApp.getState();
  const open = Object.hasOwn(defs, id) && defs[id] !== value ? findConvention(catalog, id) : undefined;
  const stored = entries.find((e) => rawId(e) === def.convention.id);
  const storedDef = stored === undefined ? undefined : decodeCustom(stored);
  const storedDiffers = storedDef !== undefined && !(storedDef.ok && JSON.stringify(storedDef.definition) === JSON.stringify(def));
  if (!open && !storedDiffers) return undefined;
  const name = open?.name ?? listed(stored, 0).name;
  const where = storedDiffers ? 'kept in this browser' : 'open in this page';
  const after = storedDiffers ? 'The one kept here is unchanged; save this one under another id to keep both.' : 'It replaces the other for this page.';
  return `This link's custom convention "${def.convention.name}" has the id "${def.convention.id}", like "${name}", ${where}: the link's own definition is shown. ${after}`;
}
