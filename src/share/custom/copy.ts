import type { BitLayout } from '../../model/bits';
import { callFits, callUnder, type Call } from '../../model/call';
import { cellOf, msrCells } from '../../model/arch';
import type { Convention, FixedInput } from '../../model/convention';
import type { MemoryArg } from '../../model/memory';
import { formatHex, maxFor } from '../../model/value';
import { ARCHITECTURES, customArchId, instructionsFor } from './architectures';
import { copyPath } from './path';
import {
  FORMAT_TAG,
  FORMAT_VERSION,
  LIMITS,
  type CustomArchId,
  type CustomCall,
  type CustomConvention,
  type CustomDefinition,
  type CustomFixed,
  type CustomLayout,
  type CustomMemory,
} from './schema';

/** Any id as kebab-case within the schema's 48 characters ("smccc-1.1-hvc64" becomes "smccc-1-1-hvc64"). */
export function kebab(s: string, fallback = 'custom'): string {
  const k = s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 48)
    .replace(/^-+|-+$/g, '');
  return k || fallback;
}

/** Names must be unique within a list; a repeated one gets its position ("reserved 2"). */
function uniqueNames<T extends { name: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.map((it, i) => {
    let name = it.name.slice(0, LIMITS.name);
    if (seen.has(name.toLowerCase())) name = `${name.slice(0, LIMITS.name - 6)} ${i + 1}`;
    seen.add(name.toLowerCase());
    return { ...it, name };
  });
}

function uniqueIds<T extends { id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.map((it, i) => {
    let id = it.id;
    if (seen.has(id)) id = `${id.slice(0, 40)}-${i + 1}`;
    seen.add(id);
    return { ...it, id };
  });
}

const hex = (v: bigint) => formatHex(v);
const clip = (s: string) => s.slice(0, LIMITS.text);

function fixedOf(list: readonly FixedInput[] | undefined): CustomFixed[] | undefined {
  return list?.map((f) => ({ register: f.register, name: f.name.slice(0, LIMITS.name), meaning: clip(f.meaning), value: hex(f.value) }));
}

const cut = (s: string) => s.slice(0, LIMITS.name);

function layoutOf(layout: BitLayout | undefined): { layout?: CustomLayout } {
  if (!layout) return {};
  return {
    layout: {
      name: cut(layout.name),
      fields: layout.fields.map((f) => ({
        key: f.key,
        name: cut(f.name),
        hi: f.hi,
        lo: f.lo,
        ...(f.names ? { names: Object.fromEntries(Object.entries(f.names).map(([k, n]) => [k, cut(n)])) } : {}),
        ...(f.mustBe !== undefined ? { mustBe: hex(f.mustBe) } : {}),
      })),
    },
  };
}

function memoryOf(m: MemoryArg): CustomMemory {
  return {
    name: cut(m.name),
    ...(m.where ? { register: m.where.register } : {}),
    ...(m.buffer ? { buffer: cut(m.buffer) } : {}),
    ...(m.address !== undefined ? { address: hex(m.address) } : {}),
    size: m.size,
    direction: m.direction,
    fields: m.fields.map((f) => ({
      name: cut(f.name),
      offset: f.offset,
      bytes: f.bytes,
      direction: f.direction,
      meaning: clip(f.meaning),
      ...(f.example !== undefined ? { example: hex(f.example) } : {}),
      ...(f.result !== undefined ? { result: hex(f.result) } : {}),
      ...(f.resultMeaning !== undefined ? { resultMeaning: clip(f.resultMeaning) } : {}),
      ...(f.selects ? { selects: true as const } : {}),
    })),
  };
}

/** Layouts with the SMCCC bit 30 and bits 23:17 (SMCCC's own, Gunyah's refinement of it). */
function isSmcccLayout(layout: BitLayout | undefined): boolean {
  if (!layout) return false;
  const at = (hi: number, lo: number) => layout.fields.some((f) => f.hi === hi && f.lo === lo);
  return layout.bits === 32 && at(30, 30) && at(23, 17) && at(29, 24);
}

function copyCall(conv: Convention, given: Call): CustomCall {
  // What the call is under this convention (FF-A under pKVM: the proxy's answer and what it keeps).
  const call = callUnder(conv, given);
  const out: CustomCall = {
    id: kebab(call.id, 'call'),
    name: call.name.slice(0, LIMITS.name),
    number: hex(call.number.value),
    args: uniqueNames(call.args).map((a) => ({
      name: a.name,
      meaning: clip(a.meaning),
      example: hex(a.example),
      ...(a.register ? { register: a.register } : {}),
      ...layoutOf(a.layout),
    })),
    results: uniqueNames(call.results).map((r, i) => {
      const ex = r.exampleByEra?.[conv.era] ?? r;
      // Cut to the register, as the caller would read it: a built-in example may be written 64 bits wide for a w register.
      const bits = cellOf(conv.arch, r.register ?? conv.results[i] ?? '')?.bits;
      const example = bits === undefined ? ex.example : ex.example & maxFor(bits);
      return {
        name: r.name,
        meaning: clip(r.meaning),
        example: hex(example),
        exampleMeaning: clip(ex.exampleMeaning),
        ...(r.register ? { register: r.register } : {}),
        ...layoutOf(r.layout),
      };
    }),
    summary: clip(call.summary),
    handles: clip(call.handles),
    returnsOnSuccess: call.returnsOnSuccess,
  };
  const fixed = fixedOf(call.fixed);
  const rules = {
    ...(call.rules?.clobbered ? { clobbered: [...call.rules.clobbered] } : {}),
    ...(call.rules?.preserved ? { preserved: [...call.rules.preserved] } : {}),
  };
  // A call's own path only counts under the convention whose trap it starts with (model/path.ts pathFor).
  const path = call.path?.instruction === conv.instruction.id ? copyPath(call.path, conv.arch) : undefined;
  return { ...out, ...(fixed ? { fixed } : {}), ...rules, ...(call.memory ? { memory: call.memory.map(memoryOf) } : {}), ...(path ? { path } : {}) };
}

/**
 * A definition that makes the same plans as a built-in convention with the
 * calls given (those that fit it). What the format has no place for is left
 * behind: sources, notes, era links, paths across several levels, register masks and runs.
 */
export function copyOfBuiltIn(conv: Convention, calls: readonly Call[]): CustomDefinition {
  const arch = conv.arch;
  const cell = (r: string) => cellOf(arch, r)?.cell ?? r;
  const resultCells = new Set(conv.results.map(cell));
  // A preserved result register means "kept when a call leaves it unused"; the format says so explicitly.
  const kept = conv.results.filter((r) => conv.preserved.some((p) => cell(p) === cell(r)));
  const preserved = conv.preserved.filter((p) => !resultCells.has(cell(p)));
  const fixed = fixedOf(conv.fixed);
  const usesSmccc = isSmcccLayout(conv.functionId?.layout);
  const msrs = msrCells(arch).map((r) => ({ register: r.name, index: hex(BigInt(r.msr!.index)), name: cut(r.msr!.name) }));
  const path = conv.path?.instruction === conv.instruction.id ? copyPath(conv.path, arch) : undefined;
  const convention: CustomConvention = {
    id: kebab(`${conv.id}-copy`),
    name: `Copy of ${conv.name}`.slice(0, LIMITS.name),
    arch: customArchId(arch),
    instruction: conv.instruction.mnemonic,
    imm: conv.imm,
    selector: conv.selector ?? null,
    selectorName: conv.selectorName.slice(0, LIMITS.name),
    ...(conv.selectedBy ? { selectedBy: cut(conv.selectedBy) } : {}),
    ...(msrs.length ? { msrs } : {}),
    slotBits: conv.slotBits as 16 | 32 | 64 | 128,
    args: [...conv.args],
    results: [...conv.results],
    clobbered: [...conv.clobbered],
    preserved,
    ...(kept.length ? { resultsKeptWhenUnused: kept } : {}),
    usesSmcccFunctionId: usesSmccc,
    handler: conv.handler.slice(0, LIMITS.name),
    era: conv.era.slice(0, LIMITS.name),
    summary: clip(conv.summary),
    ...(fixed ? { fixed } : {}),
    ...(conv.unknownCall ? { unknownCall: { value: hex(conv.unknownCall.value), name: conv.unknownCall.name.slice(0, LIMITS.name) } } : {}),
    ...(path ? { path } : {}),
  };
  return {
    trapscope: FORMAT_TAG,
    version: FORMAT_VERSION,
    convention: { ...convention, copiedFrom: { id: kebab(conv.id), name: conv.name.slice(0, LIMITS.name), roles: rolesOf(convention) } },
    calls: uniqueIds(uniqueNames(calls.filter((c) => callFits(conv, c)).map((c) => copyCall(conv, c)))).slice(0, LIMITS.calls),
  };
}

/** What the prose of a convention depends on: where the call and its values go. */
const ROLE_WORDS = {
  arch: 'architecture',
  instruction: 'trap instruction',
  imm: 'immediate',
  selector: 'selector register',
  slotBits: 'slot width',
  args: 'argument registers',
  results: 'result registers',
  clobbered: 'clobbered registers',
  preserved: 'preserved registers',
  resultsKeptWhenUnused: 'results kept when unused',
  usesSmcccFunctionId: 'SMCCC function ID',
  msrs: 'MSR cells',
} as const satisfies Partial<Record<keyof CustomConvention, string>>;

type Roles = Partial<Record<keyof typeof ROLE_WORDS, unknown>>;

function roleValues(c: CustomConvention): Roles {
  const out: Roles = {};
  for (const k of Object.keys(ROLE_WORDS) as (keyof typeof ROLE_WORDS)[]) out[k] = c[k] ?? null;
  return out;
}

/** The roles as copied, kept in copiedFrom.roles. */
export function rolesOf(c: CustomConvention): string {
  return JSON.stringify(roleValues(c)).slice(0, LIMITS.text);
}

/**
 * The roles a copy no longer shares with the convention it was copied from
 * ("selector register", "immediate"), in words; none for a copy left as it
 * was, or a definition that is no copy. Register names are compared as
 * written, so "X0" for "x0" counts as a change: the prose is still checked.
 */
export function changedSinceCopy(c: CustomConvention): string[] {
  if (!c.copiedFrom) return [];
  let then: Roles;
  try {
    then = JSON.parse(c.copiedFrom.roles) as Roles;
  } catch {
    return ['roles'];
  }
  const now = roleValues(c);
  return (Object.keys(ROLE_WORDS) as (keyof typeof ROLE_WORDS)[])
    .filter((k) => JSON.stringify(now[k]) !== JSON.stringify(then?.[k] ?? null))
    .map((k) => ROLE_WORDS[k]);
}

/** Register roles to start from on each architecture: its usual selector, argument and result registers. */
const STARTS: Record<CustomArchId, { selector: string; args: string[]; results: string[]; slotBits: 32 | 64 }> = {
  aarch64: { selector: 'x0', args: ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'], results: ['x0', 'x1', 'x2', 'x3'], slotBits: 64 },
  aarch32: { selector: 'r0', args: ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'], results: ['r0', 'r1', 'r2', 'r3'], slotBits: 32 },
  'x86-64': { selector: 'rax', args: ['rbx', 'rcx', 'rdx', 'rsi'], results: ['rax'], slotBits: 64 },
  x86: { selector: 'eax', args: ['ebx', 'ecx', 'edx', 'esi'], results: ['eax'], slotBits: 32 },
  riscv64: { selector: 'a7', args: ['a0', 'a1', 'a2', 'a3', 'a4', 'a5'], results: ['a0', 'a1'], slotBits: 64 },
  'x86-64-td': { selector: 'rax', args: ['rcx', 'rdx', 'r8', 'r9', 'r10', 'r11'], results: ['rax'], slotBits: 64 },
  'aarch64-realm': { selector: 'x0', args: ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'], results: ['x0', 'x1', 'x2', 'x3'], slotBits: 64 },
  'aarch64-host': { selector: 'x0', args: ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'], results: ['x0', 'x1', 'x2', 'x3'], slotBits: 64 },
};

/** A valid definition with no calls, for the editor to start from. */
export function blankDefinition(arch: CustomArchId): CustomDefinition {
  const s = STARTS[arch];
  const ins = instructionsFor(ARCHITECTURES[arch])[0]!;
  return {
    trapscope: FORMAT_TAG,
    version: FORMAT_VERSION,
    convention: {
      id: 'my-convention',
      name: 'My convention',
      arch,
      instruction: ins.mnemonic,
      imm: 0,
      selector: s.selector,
      selectorName: 'call number',
      slotBits: s.slotBits,
      args: [...s.args],
      results: [...s.results],
      clobbered: [],
      preserved: [],
      usesSmcccFunctionId: false,
    },
    calls: [],
  };
}
