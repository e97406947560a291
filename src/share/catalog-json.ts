import { callsFor, type Catalog } from '../catalog';
import type { Convention } from '../model/convention';
import type { Call } from '../model/call';
import type { Source } from '../model/source';
import { marshal, memoryBeforeAfter, type Plan, type Slot } from '../model/plan';
import type { Syndrome } from '../model/encoding';
import { memoryKey } from '../model/memory';
import { formatHex } from '../model/value';
import { runBits } from '../model/pair';

/**
 * The catalog as data for other tools (test generators, docs), written
 * next to index.html by the build. It is generated from the same model the
 * app draws, so the two cannot disagree. schemaVersion changes only when a
 * key changes meaning; new keys may be added.
 */
export const CATALOG_SCHEMA_VERSION = 2;

const hex = (v: bigint) => formatHex(v).toLowerCase();
type SourceJson = { title: string; where: string; url?: string };
const sourceJson = (x: Source): SourceJson => ({ title: x.title, where: x.where, ...(x.url ? { url: x.url } : {}) });

/** How a list of sources is written: in full (one view's export), or as indexes into catalog.json's source table. */
type Cite = (s: readonly Source[]) => readonly (SourceJson | number)[];
const inline: Cite = (s) => s.map(sourceJson);

/**
 * catalog.json's table of sources: each source once, cited elsewhere by its
 * index. Written in full at every citation, the same sources made up more
 * than half of the file (every call repeats its convention's).
 */
function sourceTable() {
  const index = new Map<string, number>();
  const table: SourceJson[] = [];
  const cite = (list: readonly Source[]) =>
    list.map((x) => {
      const entry = sourceJson(x);
      const key = JSON.stringify(entry);
      let i = index.get(key);
      if (i === undefined) index.set(key, (i = table.push(entry) - 1));
      return i;
    });
  return { cite, table };
}

export function conventionJson(c: Convention, src: Cite = inline) {
  return {
    id: c.id,
    name: c.name,
    family: c.family,
    era: c.era,
    arch: c.arch.id,
    summary: c.summary,
    instruction: c.instruction.mnemonic,
    immediate: c.imm === 'call' ? 'selects the call' : c.imm,
    selector: c.selector ?? null,
    ...(c.selectedBy ? { selectedBy: c.selectedBy } : {}),
    arguments: c.args,
    results: c.results,
    clobbered: c.clobbered,
    preserved: c.preserved,
    target: c.instruction.target,
    notes: c.notes.map((n) => ({ kind: n.kind, text: n.text, sources: src(n.sources) })),
    sources: src(c.sources),
  };
}

/** "0xd4000002" for an instruction word, "0f 01 c1" for bytes. */
function encodingJson(plan: Plan): string {
  const { hex: text } = plan.trap.instruction;
  return plan.convention.instruction.encoding.kind === 'bytes' ? text.toLowerCase() : hex(BigInt(text));
}

/**
 * The levels a call crosses, when more than one: `path` is added to a layout
 * only then, so single-hop layouts keep their keys. Each hop says how it is
 * entered (a trap, with its encoding and syndrome, or a forwarding in words),
 * what that level sees, the registers it receives and what it hands on.
 */
export function pathJson(plan: Plan) {
  const p = plan.path;
  if (!p) return {};
  const place = (x: { level: string; world: string; who: string }) => ({ level: x.level, world: x.world, who: x.who });
  return {
    path: {
      from: place(p.from),
      handler: p.handler,
      hops: p.hops.map((h) => ({
        ...place(h),
        direction: h.direction,
        enter:
          h.enter.how === 'trap'
            ? {
                how: 'trap',
                instruction: h.enter.instruction.text,
                encoding: h.enter.instruction.hex.startsWith('0x') ? hex(BigInt(h.enter.instruction.hex)) : h.enter.instruction.hex.toLowerCase(),
                syndrome: h.enter.syndrome ? { register: h.enter.syndrome.register, value: hex(h.enter.syndrome.value) } : null,
              }
            : { how: 'forward', what: h.enter.what },
        sees: h.sees,
        receives: h.receives,
        passes: h.passes ? { registers: h.passes.cells, to: h.passes.to.level } : null,
      })),
    },
  };
}

/** Values spanning several registers, whole and in parts; only on calls that have them, so other layouts keep their keys. */
function runsJson(plan: Plan) {
  if (!plan.runs) return {};
  return {
    runs: plan.runs.map((r) => ({
      name: r.def.name,
      direction: r.def.direction,
      order: r.def.order,
      bits: runBits(r.def),
      value: hex(r.value),
      parts: r.parts.map((p) => ({ register: p.register, part: p.label, value: hex(p.value) })),
    })),
  };
}

/** For an argument whose bits select registers (TDG.VP.VMCALL's RCX): its bits, and what this value hands on. */
function maskJson(s: Slot) {
  const m = s.mask;
  if (!m) return {};
  return {
    mask: {
      name: m.mask.name,
      to: m.mask.to,
      bits: Object.fromEntries(m.mask.layout.fields.map((f) => [f.key, f.lo])),
      usual: { name: m.mask.usual.name, value: hex(m.mask.usual.value) },
      exposed: m.exposed,
      hidden: m.hidden,
      unnamedBits: m.unnamedBits,
      ...(m.mask.refuses ? { refusedBits: m.mask.refuses.bits, refusedWith: { name: m.mask.refuses.error.name, value: hex(m.mask.refuses.error.value) }, refused: m.refused } : {}),
    },
  };
}

/** One call laid out under one convention, with the values the plan uses. */
export function callLayoutJson(plan: Plan, src: Cite = inline) {
  const { call, convention: c, trap } = plan;
  return {
    id: call.id,
    name: call.name,
    convention: c.id,
    instruction: trap.instruction.text,
    encoding: encodingJson(plan),
    callNumber: hex(plan.callNumber),
    syndrome: trap.syndrome ? { register: trap.syndrome.register, value: hex(trap.syndrome.value) } : null,
    inputs: plan.inputs.map((s) => ({ register: s.register, meaning: `${s.name}: ${s.meaning}`, value: hex(s.value), ...maskJson(s) })),
    outputs: plan.outputs.map((o) => ({ register: o.register, meaning: `${o.name}: ${o.meaning}`, example: hex(o.value) })),
    ...runsJson(plan),
    clobbered: plan.lost,
    preserved: plan.preserved,
    ...memoryJson(plan),
    sources: src(plan.sources),
  };
}

/** Arguments in memory, when the call has any: each field at its offset with what the caller writes and what comes back. */
function memoryJson(plan: Plan) {
  if (plan.memory.length === 0) return {};
  const { written: filled, answered } = memoryBeforeAfter(plan);
  return {
    memory: plan.memory.map((m, i) => ({
      name: m.arg.name,
      ...(m.arg.buffer ? { buffer: m.arg.buffer } : {}),
      ...(m.carrier ? { addressIn: m.carrier } : {}),
      ...(m.address !== undefined ? { address: hex(m.address) } : {}),
      size: m.arg.size,
      direction: m.arg.direction,
      fields: m.arg.fields.map((f) => {
        const value = filled[memoryKey(i, f.name)];
        const example = f.direction === 'in' ? undefined : answered[memoryKey(i, f.name)];
        return {
          name: f.name,
          offset: f.offset,
          bytes: f.bytes,
          direction: f.direction,
          meaning: f.meaning,
          ...(value !== undefined ? { value: hex(value) } : {}),
          ...(example !== undefined ? { example: hex(example) } : {}),
        };
      }),
    })),
  };
}

/**
 * One call resolved under one convention, everything a consumer needs to make
 * it without re-implementing the marshalling: the instruction and its
 * encoding, the syndrome with its register and fields, every register the
 * call loads or reads back with what it means, and what the caller loses.
 */
export function resolvedLayoutJson(plan: Plan) {
  const { trap } = plan;
  const syndrome = (s: Syndrome) => ({
    register: s.register,
    value: hex(s.value),
    className: s.className,
    fields: Object.fromEntries(Object.entries(s.fields).map(([k, v]) => [k, hex(v)])),
  });
  return {
    convention: plan.convention.id,
    instruction: trap.instruction.text,
    encoding: encodingJson(plan),
    callNumber: hex(plan.callNumber),
    trap: { from: trap.from, to: trap.to, ...(trap.trappedBy ? { trappedBy: { level: trap.trappedBy.level, control: trap.trappedBy.control } } : {}) },
    syndrome: trap.syndrome ? syndrome(trap.syndrome) : null,
    otherSyndromes: trap.alsoSyndromes.map(syndrome),
    inputs: plan.inputs.map((s) => ({ register: s.register, kind: s.kind, name: s.name, meaning: s.meaning, value: hex(s.value), ...maskJson(s) })),
    outputs: plan.outputs.map((o) => ({ register: o.register, name: o.name, meaning: o.meaning, example: hex(o.value), exampleMeaning: o.valueMeaning })),
    ...runsJson(plan),
    clobbered: plan.lost,
    preserved: plan.preserved,
    ...pathJson(plan),
    ...memoryJson(plan),
  };
}

function callJson(catalog: Catalog, call: Call, src: Cite) {
  const fits = catalog.conventions.filter((c) => callsFor(catalog, c).includes(call));
  const plans = fits.map((c) => marshal(c, call));
  const { inputs, outputs, ...rest } = callLayoutJson(plans[0]!, src);
  return {
    ...rest,
    conventions: fits.map((c) => c.id),
    summary: call.summary,
    inputs: inputs.map(({ register, meaning }) => ({ register, meaning })),
    outputs: outputs.map(({ register, meaning }) => ({ register, meaning })),
    layouts: plans.map(resolvedLayoutJson),
  };
}

export function catalogJson(catalog: Catalog) {
  const { cite, table } = sourceTable();
  const conventions = catalog.conventions.map((c) => conventionJson(c, cite));
  const calls = catalog.calls.filter((call) => catalog.conventions.some((c) => callsFor(catalog, c).includes(call))).map((call) => callJson(catalog, call, cite));
  return {
    schemaVersion: CATALOG_SCHEMA_VERSION,
    generator: 'Trapscope',
    about: SOURCES_ABOUT,
    sources: table,
    conventions,
    calls,
  };
}

/** Said in the file itself, so that a reader of catalog.json needs no README to follow a citation. */
export const SOURCES_ABOUT =
  'Every "sources" list in "conventions" and "calls" (and in their notes) holds 0-based indexes into the top-level "sources" array, where each source ({ title, where, url? }) is written once.';

/** A view's layouts as JSON, as the Share panel and the command line print it: one entry per pane. */
export function viewJson(plans: readonly Plan[]): string {
  // A path belongs to one convention's layout (FF-A's direct request has one over smc only), so catalog.json gives it per layout and a view per pane.
  const entries = plans.map((p) => ({ ...callLayoutJson(p), ...pathJson(p), arguments: Object.fromEntries(p.inputs.map((s) => [s.register, hex(s.value)])) }));
  return `${JSON.stringify(entries, null, 2)}\n`;
}
