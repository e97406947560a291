import { anyHostException } from '../../catalog/exception/any-host';
import type { Family } from '../../catalog/family';
import { smcccFunctionId } from '../../catalog/smccc/function-id';
import { decodeFields } from '../../model/bits';
import type { Call } from '../../model/call';
import type { Convention, FixedInput } from '../../model/convention';
import type { Note, Source } from '../../model/source';
import { ARCHITECTURES, findInstruction } from './architectures';
import { changedSinceCopy } from './copy';
import { valueOf, type CustomCall, type CustomDefinition, type CustomFixed } from './schema';

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
  const arch = ARCHITECTURES[c.arch];
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
    sources: SOURCES,
    notes: [UNVERIFIED_NOTE, ...copyNotes(c)],
  };

  const calls = d.calls.map((call): Call => {
    const value = valueOf(call.number);
    const callFixed = fixedInputs(call.fixed);
    return {
      id: callId(d, call),
      name: call.name,
      family,
      summary: call.summary ?? `${call.name}, a call of the user-written convention ${c.name}.`,
      number: {
        value,
        ...(c.usesSmcccFunctionId ? { fields: decodeFields(smcccFunctionId, value) } : {}),
        stated: { value, how: 'literal', source: CUSTOM_SOURCE },
      },
      ...(callFixed ? { fixed: callFixed } : {}),
      args: call.args.map((a) => ({
        name: a.name,
        meaning: a.meaning,
        ...(a.register ? { register: a.register.toLowerCase() } : {}),
        example: valueOf(a.example),
        sources: SOURCES,
      })),
      results: call.results.map((r) => ({
        name: r.name,
        meaning: r.meaning,
        ...(r.register ? { register: r.register.toLowerCase() } : {}),
        example: valueOf(r.example),
        exampleMeaning: r.exampleMeaning ?? 'an example value',
        sources: SOURCES,
      })),
      handles: call.handles ?? 'what it does is not described in the user-written definition.',
      returnsOnSuccess: call.returnsOnSuccess ?? true,
      ...(call.clobbered || call.preserved
        ? { rules: { ...(call.clobbered ? { clobbered: lower(call.clobbered) } : {}), ...(call.preserved ? { preserved: lower(call.preserved) } : {}), sources: SOURCES } }
        : {}),
      sources: SOURCES,
      notes: [],
    };
  });

  return { conventions: [convention], calls };
}
