import type { Architecture } from '../model/arch';
import { callFits, type Call } from '../model/call';
import type { Convention } from '../model/convention';
import { aarch32 } from './arch/aarch32';
import { aarch64 } from './arch/aarch64';
import { x86, x8664 } from './arch/x86-64';
import type { Family } from './family';
import { gunyah } from './gunyah';
import { hyperv } from './hyperv';
import { hypstub } from './hypstub';
import { kvmX86 } from './kvm-x86';
import { riscv } from './riscv';
import { smcccCalls } from './smccc/calls';
import { smcccConventions } from './smccc/conventions';
import { moreSmcccCalls } from './smccc/more-calls';
import { vmware } from './vmware';
import { xenArm } from './xen/arm';
import { xenX86 } from './xen/x86';

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

/** Families in the order the picker lists them: SMCCC first, the standard the others are measured against. */
const families: readonly Family[] = [
  { conventions: smcccConventions, calls: [...smcccCalls, ...moreSmcccCalls] },
  hyperv,
  gunyah,
  hypstub,
  xenArm,
  kvmX86,
  vmware,
  xenX86,
  riscv,
];

export const catalog: Catalog = {
  architectures: [aarch64, aarch32, x8664, x86, ...riscvArchitectures()],
  conventions: families.flatMap((f) => f.conventions),
  calls: families.flatMap((f) => f.calls),
  aliases: { conventions: {}, calls: {} },
};

/** Architectures a family brings that the catalog does not already list (RISC-V). */
function riscvArchitectures(): Architecture[] {
  const known = new Set(['aarch64', 'aarch32', 'x86-64', 'x86']);
  const seen = new Map<string, Architecture>();
  for (const c of riscv.conventions) if (!known.has(c.arch.id)) seen.set(c.arch.id, c.arch);
  return [...seen.values()];
}

export const DEFAULT_VIEW = { convention: 'smccc-1.1-hvc64', call: 'psci-cpu-on-64' } as const;

const conventionById = new Map(catalog.conventions.map((c) => [c.id, c]));
const callById = new Map(catalog.calls.map((c) => [c.id, c]));

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

/** Conventions grouped for the picker by family name (the eras of one ABI together), in catalog order. */
export function conventionGroups(): { family: string; name: string; conventions: Convention[] }[] {
  const groups = new Map<string, { family: string; name: string; conventions: Convention[] }>();
  for (const c of catalog.conventions) {
    const g = groups.get(c.familyName) ?? { family: c.family, name: c.familyName, conventions: [] };
    g.conventions.push(c);
    groups.set(c.familyName, g);
  }
  return [...groups.values()];
}
