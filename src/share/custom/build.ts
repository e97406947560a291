import { anyHostException } from '../../catalog/exception/any-host';
import type { Family } from '../../catalog/family';
import { smcccFunctionId } from '../../catalog/smccc/function-id';
import { cellOf, type Architecture } from '../../model/arch';
import { decodeFields, type BitLayout } from '../../model/bits';
import { argRegisters, type Call } from '../../model/call';
import type { Convention, FixedInput } from '../../model/convention';
import type { MemoryArg } from '../../model/memory';
import type { Note, Source } from '../../model/source';
import { ARCHITECTURES, findInstruction } from './architectures';
import { changedSinceCopy } from './copy';
import { buildPath } from './path';
import { valueOf, type CustomCall, type CustomConvention, type CustomDefinition, type CustomFixed, type CustomLayout, type CustomMemory } from './schema';

/** Every fact of a custom definition cites this one source: the app must never present it as checked. */
export const CUSTOM_SOURCE: Source = {
  title: 'Custom definition (unverified)',
  where: 'written by a Trapscope user; not checked against any source',
};

const SOURCES: readonly Source[] = [CUSTOM_SOURCE];

export const UNVERIFIED_NOTE: Note = {
  kind: 'unconfirmed',
  text: 'This is a user-written convention. Nothing in it has been checked against any source: its registers, numbers and examples are as its author wrote them.',
  sources: [CUSTOM_SOURCE],
};

export const CUSTOM_PREFIX = 'custom-';

export const conventionId = (d: CustomDefinition) => `${CUSTOM_PREFIX}${d.convention.id}`;
export const callId = (d: CustomDefinition, call: CustomCall) => `${CUSTOM_PREFIX}${d.convention.id}-${call.id}`;

const lower = (regs: readonly string[]) => regs.map((r) => r.toLowerCase());

function fixedInputs(list: readonly CustomFixed[] | undefined): FixedInput[] | undefined {
  return list?.map((f) => ({ register: f.register.toLowerCase(), name: f.name, meaning: f.meaning, value: valueOf(f.value), sources: SOURCES }));
}

/** The definition's architecture, with its MSR cells drawn after the architecture's own registers. */
export function customArch(c: CustomConvention): Architecture {
  const base = ARCHITECTURES[c.arch];
  if (!c.msrs?.length) return base;
  const msrs = c.msrs.map((m) => ({ name: m.register.toLowerCase(), bits: 64, msr: { index: Number(valueOf(m.index)), name: m.name, sources: SOURCES } }));
  return { ...base, registers: [...base.registers, ...msrs] };
}

function layoutOf(l: CustomLayout, id: string, bits: number): BitLayout {
  return {
    id,
    name: l.name,
    bits,
    fields: l.fields.map((f) => ({
      key: f.key,
      name: f.name,
      hi: f.hi,
      lo: f.lo,
      ...(f.names ? { names: f.names } : {}),
      ...(f.mustBe !== undefined ? { mustBe: valueOf(f.mustBe) } : {}),
      sources: SOURCES,
    })),
    sources: SOURCES,
  };
}

function memoryOf(m: CustomMemory): MemoryArg {
  return {
    name: m.name,
    ...(m.register ? { where: { register: m.register.toLowerCase() } } : {}),
    ...(m.buffer ? { buffer: m.buffer } : {}),
    ...(m.address !== undefined ? { address: valueOf(m.address) } : {}),
    size: m.size,
    direction: m.direction,
    fields: m.fields.map((f) => ({
      name: f.name,
      offset: f.offset,
      bytes: f.bytes,
      meaning: f.meaning,
      direction: f.direction,
      ...(f.example !== undefined ? { example: valueOf(f.example) } : {}),
      ...(f.result !== undefined ? { result: valueOf(f.result) } : {}),
      ...(f.resultMeaning !== undefined ? { resultMeaning: f.resultMeaning } : {}),
      ...(f.selects ? { selects: true as const } : {}),
      sources: SOURCES,
    })),
    sources: SOURCES,
  };
}

/** A copy whose roles were changed says that its prose was written for the original. */
function copyNotes(c: CustomDefinition['convention']): Note[] {
  const changed = changedSinceCopy(c);
  if (!c.copiedFrom || changed.length === 0) return [];
  const was = c.copiedFrom.name;
  return [
    {
      kind: 'unconfirmed',
      text: `Copied from ${was}, then changed (${changed.join(', ')}). Its summary, selector name and call descriptions were written for ${was} and may not describe this convention.`,
      sources: [CUSTOM_SOURCE],
    },
  ];
}

/**
 * The Convention and Calls of a definition that passed checkDefinition().
 * Only called then: an unknown instruction here is a bug, so it throws, and
 * decodeCustom's guard turns that into an error rather than a crash.
 */
export function buildFamily(d: CustomDefinition): Family {
  const c = d.convention;
  const arch = customArch(c);
  const found = findInstruction(arch, c.instruction);
  if (!found) throw new Error(`no instruction ${c.instruction} on ${arch.name}`);
  const instruction = c.target && c.target !== found.target ? { ...found, target: c.target } : found;
  const family = conventionId(d);
  const selector = c.selector === null ? undefined : c.selector.toLowerCase();
  const fixed = fixedInputs(c.fixed);

  const convention: Convention = {
    id: family,
    name: c.name,
    family,
    familyName: `Custom: ${c.name}`,
    era: c.era ?? 'user-defined',
    summary: c.summary ?? `A convention written by a Trapscope user: ${c.name}.`,
    arch,
    instruction,
    imm: c.imm,
    ...(selector ? { selector } : {}),
    selectorName: c.selectorName,
    ...(c.selectedBy ? { selectedBy: c.selectedBy } : {}),
    ...(fixed ? { fixed } : {}),
    slotBits: c.slotBits,
    args: lower(c.args),
    results: lower(c.results),
    clobbered: lower(c.clobbered),
    // The model keeps "kept when unused" results in `preserved` (see Convention.preserved).
    preserved: lower([...c.preserved, ...(c.resultsKeptWhenUnused ?? [])]),
    roleSources: { args: SOURCES, results: SOURCES, clobbered: SOURCES, preserved: SOURCES },
    ...(c.usesSmcccFunctionId ? { functionId: { layout: smcccFunctionId, fixed: { cc: c.slotBits === 64 ? 1n : 0n } } } : {}),
    ...(c.unknownCall ? { unknownCall: { value: valueOf(c.unknownCall.value), name: c.unknownCall.name, sources: SOURCES } } : {}),
    handler: c.handler ?? 'the hypervisor',
    exception: anyHostException(instruction.id),
    ...(c.path ? { path: buildPath(c.path, arch, instruction, SOURCES) } : {}),
    sources: SOURCES,
    notes: [UNVERIFIED_NOTE, ...copyNotes(c)],
  };

  const bitsOf = (register: string) => cellOf(arch, register)?.bits ?? 64;
  const calls = d.calls.map((call): Call => {
    const value = valueOf(call.number);
    const callFixed = fixedInputs(call.fixed);
    const id = callId(d, call);
    const argRegs = argRegisters(convention, { args: call.args.map((a) => (a.register ? { register: a.register.toLowerCase() } : {})) });
    return {
      id,
      name: call.name,
      family,
      summary: call.summary ?? `${call.name}, a call of the user-written convention ${c.name}.`,
      number: {
        value,
        ...(c.usesSmcccFunctionId ? { fields: decodeFields(smcccFunctionId, value) } : {}),
        stated: { value, how: 'literal', source: CUSTOM_SOURCE },
      },
      ...(callFixed ? { fixed: callFixed } : {}),
      args: call.args.map((a, j) => ({
        name: a.name,
        meaning: a.meaning,
        ...(a.register ? { register: a.register.toLowerCase() } : {}),
        example: valueOf(a.example),
        ...(a.layout ? { layout: layoutOf(a.layout, `${id}-arg-${j + 1}`, bitsOf(argRegs[j]!)) } : {}),
        sources: SOURCES,
      })),
      results: call.results.map((r, j) => ({
        name: r.name,
        meaning: r.meaning,
        ...(r.register ? { register: r.register.toLowerCase() } : {}),
        example: valueOf(r.example),
        exampleMeaning: r.exampleMeaning ?? 'an example value',
        ...(r.layout ? { layout: layoutOf(r.layout, `${id}-result-${j + 1}`, bitsOf(r.register ?? convention.results[j]!)) } : {}),
        sources: SOURCES,
      })),
      handles: call.handles ?? 'what it does is not described in the user-written definition.',
      returnsOnSuccess: call.returnsOnSuccess ?? true,
      ...(call.path ? { path: buildPath(call.path, arch, instruction, SOURCES) } : {}),
      ...(call.clobbered || call.preserved
        ? { rules: { ...(call.clobbered ? { clobbered: lower(call.clobbered) } : {}), ...(call.preserved ? { preserved: lower(call.preserved) } : {}), sources: SOURCES } }
        : {}),
      ...(call.memory ? { memory: call.memory.map(memoryOf) } : {}),
      sources: SOURCES,
      notes: [],
    };
  });

  return { conventions: [convention], calls };
}
