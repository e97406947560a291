import { registerFamily, unregisterFamily } from '../catalog';
import { conventionId } from '../share/custom/build';
import { decodeCustom } from '../share/custom/decode';
import { DEF_PARAM, decodeDefinitionParam, encodeDefinitionParam } from '../share/custom/link';
import type { CustomDefinition } from '../share/custom/schema';
import { decodeStore, encodeStore, type Rejected } from '../share/custom/storage';
import { params, STORE_KEY } from './custom-links';

/**
 * Custom conventions in this browser: kept in localStorage through the
 * storage codec (which migrates old versions and keeps what it cannot read),
 * registered in the catalog as families, and carried in links as def=.
 */
let stored: CustomDefinition[] = [];
let rejected: Rejected[] = [];
/** False when storage held something this version could not read at all: never overwrite it then. */
let writable = true;

async function register(def: CustomDefinition, param?: string): Promise<string> {
  const decoded = decodeCustom(def);
  if (!decoded.ok) throw new Error(decoded.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  registerFamily(`custom:${def.convention.id}`, decoded.family);
  const id = conventionId(def);
  params.set(id, param ?? (await encodeDefinitionParam(def)));
  return id;
}

export async function loadStoredDefinitions(): Promise<string[]> {
  let text: string | null = null;
  try {
    text = localStorage.getItem(STORE_KEY);
  } catch {
    return [];
  }
  if (!text) return [];
  const result = decodeStore(text);
  stored = result.defs;
  rejected = result.rejected;
  writable = !(result.defs.length === 0 && result.errors.length > 0);
  for (const def of stored) await register(def).catch(() => undefined);
  return result.errors;
}

function persist(): void {
  if (!writable) return;
  try {
    localStorage.setItem(STORE_KEY, encodeStore(stored, rejected));
  } catch {
    // Full or refused storage: the definition still lives in the page and its links.
  }
}

/** Registers and keeps a definition; returns its convention id. */
export async function saveDefinition(def: CustomDefinition): Promise<string> {
  const id = await register(def);
  stored = [...stored.filter((d) => d.convention.id !== def.convention.id), def];
  persist();
  return id;
}

/** Forgets a kept convention: storage, catalog and link parameter. */
export function deleteDefinition(id: string): void {
  const def = stored.find((d) => conventionId(d) === id);
  stored = stored.filter((d) => conventionId(d) !== id);
  persist();
  if (def) unregisterFamily(`custom:${def.convention.id}`);
  params.delete(id);
}

export function exportDefinitions(): string {
  return encodeStore(stored);
}

/** Imports a file written by exportDefinitions, or a single definition; says what it could not read. */
export async function importDefinitions(text: string): Promise<{ added: string[]; errors: string[] }> {
  const store = decodeStore(text);
  let defs = store.defs;
  const errors = [...store.errors, ...store.rejected.flatMap((r) => r.errors)];
  if (defs.length === 0) {
    try {
      const one = decodeCustom(JSON.parse(text));
      if (one.ok) defs = [one.definition];
      else errors.push(...one.errors.map((e) => `${e.path}: ${e.message}`));
    } catch {
      errors.push('The file is not JSON.');
    }
  }
  const added: string[] = [];
  for (const def of defs) added.push(await saveDefinition(def));
  return { added, errors };
}

/** Registers the custom conventions a link carries, its def= values (not stored until the reader keeps them). */
export async function registerFromLink(defs: readonly string[]): Promise<string[]> {
  const messages: string[] = [];
  for (const value of defs) {
    const decoded = await decodeDefinitionParam(value);
    if (decoded.ok) await register(decoded.definition, value);
    else messages.push(...decoded.errors.map((e) => (e.path === DEF_PARAM ? e.message : `Custom convention: ${e.path}: ${e.message}`)));
  }
  return messages;
}
