import type { Architecture } from '../model/arch';
import { callFits, type Call } from '../model/call';
import type { Convention } from '../model/convention';
import { familyLoaders } from './families';
import type { Family } from './family';
import { smcccCalls } from './smccc/calls';
import { smcccConventions } from './smccc/conventions';

/**
 * The catalog as an immutable value: the families loaded so far, and what
 * they hold. Adding a family (a loaded chunk, or a custom convention) makes
 * a new catalog; nothing changes one in place. The store holds the page's
 * catalog; Node (tests, the command line, the build) uses the whole one
 * (all.ts). The first load has SMCCC's conventions for AArch64 callers and
 * the default view's calls (firstCatalog); the other SMCCC calls
 * ('smccc-more'), SMCCC for AArch32 callers ('smccc-aarch32') and the other
 * families arrive when a view needs them (loadFamilies below, with families.ts).
 */
export interface Catalog {
  /** The families, by key, in FAMILY_KEYS order; keys outside it (custom conventions) follow. */
  families: ReadonlyMap<string, Family>;
  /** The architectures of the conventions loaded, so an architecture's data arrives with the family that uses it. */
  architectures: readonly Architecture[];
  conventions: readonly Convention[];
  calls: readonly Call[];
  /** Lookups, built with the value. */
  byId: {
    conventions: ReadonlyMap<string, Convention>;
    calls: ReadonlyMap<string, Call>;
    /** The key of the family holding each convention ('conv:<id>') and call ('call:<id>'). */
    keys: ReadonlyMap<string, string>;
  };
}

/**
 * Old ids that links may still carry, mapped to the current id. Ids are
 * never deleted or reused: a renamed one is added here.
 */
export const ALIASES: { conventions: Readonly<Record<string, string>>; calls: Readonly<Record<string, string>> } = {
  conventions: {},
  calls: {},
};

/**
 * Families in the order the picker lists them: SMCCC first, its less-used
 * calls right after its first ones, then its conventions for AArch32 callers.
 */
export const FAMILY_KEYS = [
  'smccc',
  'smccc-more',
  'smccc-aarch32',
  'hyperv',
  'gunyah',
  'hypstub',
  'xen',
  'kvm-x86',
  'vmware',
  'riscv',
  'pkvm-host',
  'ffa',
  'tdx',
  'sev',
  'cca',
] as const;
export type FamilyKey = (typeof FAMILY_KEYS)[number];

/** Custom conventions are families of their own, keyed by this prefix and the definition's id. */
const CUSTOM = 'custom:';

export function customFamilyKey(definitionId: string): string {
  return `${CUSTOM}${definitionId}`;
}

function catalogOf(families: Iterable<readonly [string, Family]>): Catalog {
  const order = (k: string) => {
    const i = (FAMILY_KEYS as readonly string[]).indexOf(k);
    return i < 0 ? FAMILY_KEYS.length : i;
  };
  const sorted = [...families].sort((a, b) => order(a[0]) - order(b[0]));
  const keys = new Map<string, string>();
  for (const [k, f] of sorted) {
    for (const c of f.conventions) keys.set(`conv:${c.id}`, k);
    for (const c of f.calls) keys.set(`call:${c.id}`, k);
  }
  const conventions = sorted.flatMap(([, f]) => f.conventions);
  const calls = sorted.flatMap(([, f]) => f.calls);
  const arches = new Map<string, Architecture>();
  for (const c of conventions) if (!arches.has(c.arch.id)) arches.set(c.arch.id, c.arch);
  return {
    families: new Map(sorted),
    architectures: [...arches.values()],
    conventions,
    calls,
    byId: { conventions: new Map(conventions.map((c) => [c.id, c])), calls: new Map(calls.map((c) => [c.id, c])), keys },
  };
}

/** The catalog with these families added; a key already there keeps the family it has, except a custom one, which is replaced. */
export function withFamilies(cat: Catalog, added: Iterable<readonly [string, Family]>): Catalog {
  const families = new Map(cat.families);
  let changed = false;
  for (const [k, f] of added) {
    if (families.get(k) === f || (families.has(k) && !k.startsWith(CUSTOM))) continue;
    families.set(k, f);
    changed = true;
  }
  return changed ? catalogOf(families) : cat;
}

/** The catalog without a custom convention the reader deleted. Built-in families are never removed. */
export function withoutCustomFamily(cat: Catalog, key: string): Catalog {
  if (!key.startsWith(CUSTOM) || !cat.families.has(key)) return cat;
  return catalogOf([...cat.families].filter(([k]) => k !== key));
}

/** What the first load has: SMCCC's conventions for AArch64 callers and the default view's calls. */
export const firstCatalog: Catalog = catalogOf([['smccc', { conventions: smcccConventions, calls: smcccCalls }]]);

export const DEFAULT_VIEW = { convention: 'smccc-1.1-hvc64', call: 'psci-cpu-on-64' } as const;

export function isFamilyLoaded(cat: Catalog, key: string): boolean {
  return cat.families.has(key);
}

/** The key of the family a convention or call came in. */
export function familyKeyOf(cat: Catalog, kind: 'conv' | 'call', id: string): string | undefined {
  return cat.byId.keys.get(`${kind}:${id}`);
}

export function isCustomConvention(cat: Catalog, conv: Convention): boolean {
  return familyKeyOf(cat, 'conv', conv.id)?.startsWith(CUSTOM) ?? false;
}

export function findConvention(cat: Catalog, id: string): Convention | undefined {
  return cat.byId.conventions.get(ALIASES.conventions[id] ?? id);
}

export function findCall(cat: Catalog, id: string): Call | undefined {
  return cat.byId.calls.get(ALIASES.calls[id] ?? id);
}

/** For ids the code itself names (tests, guides): a missing one is a bug, so it throws. */
export function requireConvention(cat: Catalog, id: string): Convention {
  const c = findConvention(cat, id);
  if (!c) throw new Error(`no convention ${id}`);
  return c;
}

export function requireCall(cat: Catalog, id: string): Call {
  const c = findCall(cat, id);
  if (!c) throw new Error(`no call ${id}`);
  return c;
}

export function callsFor(cat: Catalog, conv: Convention): Call[] {
  return cat.calls.filter((c) => callFits(conv, c));
}

/** The catalog with these families added, loading those it does not have yet. */
export async function loadFamilies(cat: Catalog, keys: Iterable<string>): Promise<Catalog> {
  const missing = [...new Set(keys)].filter((k): k is keyof typeof familyLoaders => k in familyLoaders && !isFamilyLoaded(cat, k));
  return withFamilies(cat, await Promise.all(missing.map(async (k) => [k, await familyLoaders[k]()] as const)));
}
