import type { Architecture } from '../model/arch';
import { callFits, type Call } from '../model/call';
import type { Convention } from '../model/convention';
import type { Family } from './family';
import { smcccCalls } from './smccc/calls';
import { smcccConventions } from './smccc/conventions';

/**
 * The catalog as a registry. SMCCC's conventions for AArch64 callers and the
 * default view's call (the standard every other convention is measured
 * against) are always here; the other SMCCC calls ('smccc-more'), SMCCC for
 * AArch32 callers ('smccc-aarch32') and the other
 * families register themselves when they are loaded (see families.ts and
 * store/ensure-loaded.ts), so the first page load carries only what it shows.
 */
export interface Catalog {
  architectures: readonly Architecture[];
  conventions: readonly Convention[];
  calls: readonly Call[];
  /**
   * Old ids that links may still carry, mapped to the current id. Ids are
   * never deleted or reused: a renamed one is added here.
   */
  aliases: { conventions: Readonly<Record<string, string>>; calls: Readonly<Record<string, string>> };
}

/**
 * Families in the order the picker lists them: SMCCC first, its less-used
 * calls right after its first ones, then its conventions for AArch32 callers.
 */
export const FAMILY_KEYS = ['smccc', 'smccc-more', 'smccc-aarch32', 'hyperv', 'gunyah', 'hypstub', 'xen', 'kvm-x86', 'vmware', 'riscv', 'pkvm-host', 'ffa'] as const;
export type FamilyKey = (typeof FAMILY_KEYS)[number];

const loaded = new Map<string, Family>();
const keyOf = new Map<string, string>();

export const catalog: Catalog = { architectures: [], conventions: [], calls: [], aliases: { conventions: {}, calls: {} } };
let conventionById = new Map<string, Convention>();
let callById = new Map<string, Call>();

/**
 * Adds a family under its key. Families are kept in FAMILY_KEYS order
 * whatever order they arrive in; keys outside it (custom conventions) follow.
 */
export function registerFamily(key: string, family: Family): void {
  loaded.set(key, family);
  rebuild();
}

/** Removes a family (a custom convention the reader deleted). Built-in families are never removed. */
export function unregisterFamily(key: string): void {
  if ((FAMILY_KEYS as readonly string[]).includes(key)) return;
  if (loaded.delete(key)) rebuild();
}

function rebuild(): void {
  const order = (k: string) => {
    const i = (FAMILY_KEYS as readonly string[]).indexOf(k);
    return i < 0 ? FAMILY_KEYS.length : i;
  };
  const families = [...loaded.entries()].sort((a, b) => order(a[0]) - order(b[0]));
  keyOf.clear();
  for (const [k, f] of families) {
    for (const c of f.conventions) keyOf.set(`conv:${c.id}`, k);
    for (const c of f.calls) keyOf.set(`call:${c.id}`, k);
  }
  const conventions = families.flatMap(([, f]) => f.conventions);
  // The architectures of the conventions loaded, so an architecture's data arrives with the family that uses it.
  const arches = new Map<string, Architecture>();
  for (const c of conventions) if (!arches.has(c.arch.id)) arches.set(c.arch.id, c.arch);
  Object.assign(catalog, { conventions, calls: families.flatMap(([, f]) => f.calls), architectures: [...arches.values()] });
  conventionById = new Map(catalog.conventions.map((c) => [c.id, c]));
  callById = new Map(catalog.calls.map((c) => [c.id, c]));
}

export function isFamilyLoaded(key: string): boolean {
  return loaded.has(key);
}

/** The key of the family a convention or call was registered under. */
export function familyKeyOf(kind: 'conv' | 'call', id: string): string | undefined {
  return keyOf.get(`${kind}:${id}`);
}

registerFamily('smccc', { conventions: smcccConventions, calls: smcccCalls });

export const DEFAULT_VIEW = { convention: 'smccc-1.1-hvc64', call: 'psci-cpu-on-64' } as const;

export function findConvention(id: string): Convention | undefined {
  return conventionById.get(catalog.aliases.conventions[id] ?? id);
}

export function findCall(id: string): Call | undefined {
  return callById.get(catalog.aliases.calls[id] ?? id);
}

/** For ids the code itself names (tests, guides): a missing one is a bug, so it throws. */
export function requireConvention(id: string): Convention {
  const c = findConvention(id);
  if (!c) throw new Error(`no convention ${id}`);
  return c;
}

export function requireCall(id: string): Call {
  const c = findCall(id);
  if (!c) throw new Error(`no call ${id}`);
  return c;
}

export function callsFor(conv: Convention): Call[] {
  return catalog.calls.filter((c) => callFits(conv, c));
}
