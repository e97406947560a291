import { cellOf, type Architecture, type Level } from './arch';
import { argRegisters, callFits, callUnder, registerRules, type ArgDef, type Call } from './call';
import type { Convention, FixedInput } from './convention';
import { computeSyndrome, encodeInstruction, type EncodedInstruction, type Syndrome } from './encoding';
import { uniqueSources, type Note, type Source } from './source';
import { pathFor, pathNotes, planPath, type PlannedHop, type PlannedPath } from './path';
import type { BitLayout } from './bits';
import { readMask, type MaskReading } from './mask';
import { editableFields, fieldsWritten, memoryKey, type MemoryStep, type MemoryValues, type PlannedMemory } from './memory';
import * as say from './narration';
import { plannedRun, type PlannedRun } from './pair';
import { formatHex, maxFor } from './value';

export type Phase = 'marshal' | 'trap' | 'handle' | 'return' | 'unpack';
export const PHASES: readonly Phase[] = ['marshal', 'trap', 'handle', 'return', 'unpack'];

/**
 * What a register is to the caller at a given moment. Before the trap a cell
 * is the call id, an argument, or what the convention promises for it; after
 * the return it is a result, unknown (clobbered) or preserved.
 */
export type Role = 'call-id' | 'argument' | 'result' | 'clobbered' | 'preserved' | 'unused';

export interface CellState {
  cell: string;
  /** The name the convention uses for it here (w1 for an SMC32 slot of x1). */
  label: string;
  role: Role;
  /** Known value; undefined when the value is not set by this call (unknown, kept or idle). */
  value?: bigint;
  meaning?: string;
}

export interface Write {
  cell: string;
  label: string;
  value?: bigint;
  by: 'caller' | 'callee';
  meaning: string;
}

export interface Trap {
  instruction: EncodedInstruction;
  from: string;
  to: string;
  /** Set when EL2 sees the trap only if a control bit routes it there. */
  trappedBy?: { level: string; control: string; sources: readonly Source[] };
  /** What EL2 reads (ESR_EL2), when it sees the trap. */
  syndrome?: Syndrome;
  alsoSyndromes: readonly Syndrome[];
  sources: readonly Source[];
}

export interface Step {
  index: number;
  phase: Phase;
  /** The level the CPU is at once this step is done. */
  level: string;
  text: string;
  writes: readonly Write[];
  /** Registers to point at: read in this step, or just written. */
  highlight: readonly string[];
  cells: Readonly<Record<string, CellState>>;
  trap?: Trap;
  /** On a call that crosses several levels: the index in `Plan.path.hops` of the level this step happens at. */
  hop?: number;
  /** Set only for calls with memory arguments: the fields this step writes and reads, and every field's value after it. */
  memory?: MemoryStep;
}

export interface Slot {
  register: string;
  cell: string;
  /** selector: the function id or call number; fixed: loaded on every call; argument: the caller's data. */
  kind: 'selector' | 'fixed' | 'argument';
  name: string;
  meaning: string;
  value: bigint;
  bits: number;
  /** For an argument whose bits select registers to hand on: which ones this value selects. */
  mask?: MaskReading;
  /** Fields of the value, when the argument is a bit-field. */
  layout?: BitLayout;
  sources: readonly Source[];
}

export interface Outcome {
  register: string;
  cell: string;
  name: string;
  meaning: string;
  value: bigint;
  valueMeaning: string;
  /** Fields of the value, when the result has a layout (Hyper-V's status and reps completed). */
  layout?: BitLayout;
}

export interface Plan {
  convention: Convention;
  call: Call;
  /** The value the selector register receives, or the immediate that selects the call. */
  callNumber: bigint;
  /** False when the reader replaced the call id with one this call does not have. */
  callNumberIsCatalog: boolean;
  inputs: readonly Slot[];
  outputs: readonly Outcome[];
  /** After the return: cells whose contents the caller must treat as lost. */
  lost: readonly string[];
  preserved: readonly string[];
  cellOrder: readonly string[];
  /** The cells a register file draws: every register up to 64 bits, and the wider (vector) ones this call uses. */
  drawnCells: readonly string[];
  trap: Trap;
  /** Set when the call crosses more than one level (FF-A's direct request: EL3, then the SPMC); unset, it is a single hop. */
  path?: PlannedPath;
  steps: readonly Step[];
  /** Arguments in memory, beside the registers; empty for calls that use registers only. */
  memory: readonly PlannedMemory[];
  /** Values that span several registers, each with its parts; only on calls that have them. */
  runs?: readonly PlannedRun[];
  sources: readonly Source[];
}

/** Every note a view of the plan shows: its convention's, its call's, then its path's. */
export function planNotes(plan: Plan): Note[] {
  return [...plan.convention.notes, ...plan.call.notes, ...(plan.path ? pathNotes(plan.path) : [])];
}

/** Argument values keyed by register name as written (x1, w1, r1); missing ones use examples. */
export type ArgValues = Readonly<Record<string, bigint>>;

export class PlanError extends Error {}

function cell(arch: Architecture, name: string): { cell: string; bits: number } {
  const c = cellOf(arch, name);
  if (!c) throw new PlanError(`${arch.name} has no register ${name}`);
  return c;
}

/**
 * An instruction that goes one way unless a control traps it (an SMC to EL3,
 * or to EL2 under HCR_EL2.TSC) takes the trapped way when the call's path
 * says its first level is another: a host under pKVM always traps its SMC.
 */
function takenRoute(trap: Trap, path: PlannedPath | undefined): Trap {
  const first = path?.hops[0];
  if (!trap.trappedBy || !first || first.level === trap.to) return trap;
  return { ...trap, to: first.level, trappedBy: undefined };
}

/** Every memory field's value as the caller has written it when it traps, and as it finds it once the call is over. */
export function memoryBeforeAfter(plan: Plan): { written: MemoryStep['values']; answered: MemoryStep['values'] } {
  return { written: plan.steps.find((s) => s.phase === 'trap')?.memory?.values ?? {}, answered: plan.steps.at(-1)?.memory?.values ?? {} };
}

/** The levels a plan's CPU moves between: its path's lanes where it crosses several, else its architecture's levels. */
export function planLevels(plan: Plan): readonly Level[] {
  return plan.path ? plan.path.lanes.map((l) => ({ id: l.level, name: l.level, who: l.who, where: `at ${l.level}` })) : plan.convention.arch.levels;
}

/**
 * The whole story of one call as data: marshal the arguments, trap, handle,
 * return, and what the caller finds afterwards. The UI animates these steps,
 * the exports print them and the tests assert on them; same input, same plan.
 */
export function marshal(conv: Convention, given: Call, values: ArgValues = {}, memoryValues: MemoryValues = {}): Plan {
  if (!callFits(conv, given)) throw new PlanError(say.cannotBeMade(given, conv));
  const call = callUnder(conv, given);
  const selection = selectCall(conv, call, values);
  const inputs = inputSlots(conv, call, values, selection);
  const unknown = selection.callNumberIsCatalog ? undefined : conv.unknownCall;
  const outputs = unknown ? unknownCallOutcome(conv, unknown) : callOutcomes(conv, call);
  const fates = registerFates(conv, call, inputs, outputs);
  const declared = pathFor(conv, call);
  const path = declared && planPath(conv.arch, declared, selection.imm, inputs, conv.instruction);
  const trap = takenRoute(trapOf(conv, selection.imm), path);
  const memory = plannedMemory(call, inputs);
  const steps = withMemory(story(conv, call, selection, inputs, outputs, fates, trap, path), memory, memoryInputs(call, memoryValues));
  const runs = call.runs && runsOf(call.runs, inputs, outputs);
  return {
    convention: conv,
    call,
    callNumber: selection.selectorValue,
    callNumberIsCatalog: selection.callNumberIsCatalog,
    inputs,
    outputs,
    lost: fates.lost,
    preserved: fates.preserved,
    cellOrder: conv.arch.registers.map((r) => r.name),
    drawnCells: conv.arch.registers.filter((r) => r.bits <= 64 || steps.some((s) => s.cells[r.name]!.role !== 'unused')).map((r) => r.name),
    trap,
    ...(path ? { path } : {}),
    steps,
    memory,
    ...(runs ? { runs } : {}),
    sources: uniqueSources([planSources(conv, call, inputs, trap, unknown), path?.sources ?? []]),
  };
}

/** Each run read back from the registers the plan loads or finds; a result run is absent when an error reply leaves its registers out. */
function runsOf(defs: NonNullable<Call['runs']>, inputs: readonly Slot[], outputs: readonly Outcome[]): PlannedRun[] {
  return defs
    .map((def) => plannedRun(def, (register) => (def.direction === 'in' ? inputs : outputs).find((x) => x.register === register)))
    .filter((r) => r !== undefined);
}

/** What selects the call: the selector's value (the reader may have changed it) or the immediate. */
interface Selection {
  selectorValue: bigint;
  callNumberIsCatalog: boolean;
  imm: number;
}

function selectCall(conv: Convention, call: Call, values: ArgValues): Selection {
  const selectorValue = conv.selector ? (values[conv.selector] ?? call.number.value) : call.number.value;
  return {
    selectorValue,
    callNumberIsCatalog: selectorValue === call.number.value,
    imm: conv.imm === 'call' ? Number(call.number.value) : conv.imm,
  };
}

/** Every register the caller loads, in the order it loads them: fixed values, the selector, the call's own fixed values, the arguments. */
function inputSlots(conv: Convention, call: Call, values: ArgValues, sel: Selection): Slot[] {
  const arch = conv.arch;
  const slot = (kind: Slot['kind'], register: string, name: string, meaning: string, value: bigint, sources: readonly Source[], mask?: ArgDef['mask']): Slot => {
    const c = cell(arch, register);
    if (value < 0n || value > maxFor(c.bits)) throw new PlanError(`${register}: ${formatHex(value)} does not fit in ${c.bits} bits`);
    return { register, cell: c.cell, kind, name, meaning, value, bits: c.bits, ...(mask ? { mask: readMask(mask, value) } : {}), sources };
  };
  const fixed = (f: FixedInput) => slot('fixed', f.register, f.name, f.meaning, f.value, f.sources);
  const argRegs = argRegisters(conv, call);
  return [
    ...(conv.fixed ?? []).map(fixed),
    ...(conv.selector
      ? [
          slot('selector', conv.selector, conv.selectorName, sel.callNumberIsCatalog ? call.name : 'not a call in the catalog', sel.selectorValue, [
            call.number.stated.source,
          ]),
        ]
      : []),
    ...(call.fixed ?? []).map(fixed),
    ...call.args.map((a, i) => ({
      ...slot('argument', argRegs[i]!, a.name, a.meaning, values[argRegs[i]!] ?? a.example, a.sources, a.mask),
      ...(a.layout ? { layout: a.layout } : {}),
    })),
  ];
}

/** A call id the callee does not implement: it answers with the convention's error. */
function unknownCallOutcome(conv: Convention, unknown: NonNullable<Convention['unknownCall']>): Outcome[] {
  const register = conv.results[0]!;
  return [
    { register, cell: cell(conv.arch, register).cell, name: 'status', meaning: 'error: unknown function', value: unknown.value, valueMeaning: unknown.name },
  ];
}

/** The call's results with their example values (per era where the sources give one per era). */
function callOutcomes(conv: Convention, call: Call): Outcome[] {
  return call.results.map((r, i) => {
    const register = r.register ?? conv.results[i]!;
    const ex = r.exampleByEra?.[conv.era] ?? r;
    return {
      register,
      cell: cell(conv.arch, register).cell,
      name: r.name,
      meaning: r.meaning,
      value: ex.example,
      valueMeaning: ex.exampleMeaning,
      layout: r.layout,
    };
  });
}

/** What the convention and this call make of each cell, as sets of cell names. */
interface Fates {
  inCells: Set<string>;
  outCells: Set<string>;
  clobberCells: Set<string>;
  resultCells: string[];
  preservedCells: Set<string>;
  /** After the return: lost to the caller, and kept for it. */
  lost: string[];
  preserved: string[];
}

/** The one place a call's lost and preserved registers are worked out, from its own rules where it has them (registerRules). */
function registerFates(conv: Convention, call: Call, inputs: readonly Slot[], outputs: readonly Outcome[]): Fates {
  const arch = conv.arch;
  const rules = registerRules(conv, call);
  const all = arch.registers.map((r) => r.name);
  const outCells = new Set(outputs.map((o) => o.cell));
  const inCells = new Set(inputs.map((s) => s.cell));
  const clobberCells = new Set(rules.clobbered.map((r) => cell(arch, r).cell));
  const resultCells = conv.results.map((r) => cell(arch, r).cell);
  const unusedResultCells = resultCells.filter((c) => !outCells.has(c));
  const preservedCells = new Set(rules.preserved.map((r) => cell(arch, r).cell));
  // A result register the call leaves unused, or an argument register, is lost unless the convention keeps it.
  const lost = all.filter((c) => !outCells.has(c) && (clobberCells.has(c) || ((unusedResultCells.includes(c) || inCells.has(c)) && !preservedCells.has(c))));
  const preserved = all.filter((c) => preservedCells.has(c) && !lost.includes(c) && !outCells.has(c));
  return { inCells, outCells, clobberCells, resultCells, preservedCells, lost, preserved };
}

function trapOf(conv: Convention, imm: number): Trap {
  const ins = conv.instruction;
  const syndrome = ins.syndrome ? computeSyndrome(ins.syndrome, imm, conv.targetState) : undefined;
  return {
    instruction: encodeInstruction(ins, imm),
    from: conv.arch.guestLevel,
    to: ins.target,
    trappedBy: ins.trappedBy,
    syndrome,
    alsoSyndromes: (ins.alsoSyndromes ?? []).map((d) => computeSyndrome(d, imm, conv.targetState)),
    sources: uniqueSources([ins.sources, ins.encoding.sources, syndrome?.sources ?? [], ...(ins.alsoSyndromes ?? []).map((d) => d.sources)]),
  };
}

/**
 * Roles before the call: what the caller may rely on for each cell. A cell
 * this call returns a result in is, until the callee writes it, a result to
 * come, not one the caller loses (Gunyah 2022 returns in x0-x3, which its
 * contract otherwise clobbers); a cell that carries an input stays that input.
 */
function contractCells(arch: Architecture, inputs: readonly Slot[], outputs: readonly Outcome[], f: Fates): Record<string, CellState> {
  const labels = new Map<string, string>();
  for (const s of inputs) labels.set(s.cell, s.register);
  for (const o of outputs) labels.set(o.cell, o.register);
  const role = (c: string): Role => {
    const input = inputs.find((s) => s.cell === c);
    if (input) return input.kind === 'argument' ? 'argument' : 'call-id';
    if (f.outCells.has(c)) return 'result';
    if (f.clobberCells.has(c) || (f.resultCells.includes(c) && !f.preservedCells.has(c))) return 'clobbered';
    return f.preservedCells.has(c) ? 'preserved' : 'unused';
  };
  const cellState = (c: string): CellState => {
    const state: CellState = { cell: c, label: labels.get(c) ?? c, role: role(c) };
    const result = state.role === 'result' ? outputs.find((o) => o.cell === c) : undefined;
    return result ? { ...state, meaning: result.name } : state;
  };
  return Object.fromEntries(arch.registers.map((r) => [r.name, cellState(r.name)]));
}

/** The caller's view after the return: results, what is lost, what is kept. */
function finalCells(arch: Architecture, cells: Readonly<Record<string, CellState>>, f: Fates): Record<string, CellState> {
  const lost = new Set(f.lost);
  return Object.fromEntries(
    arch.registers.map((r) => {
      const prev = cells[r.name]!;
      const role: Role = f.outCells.has(r.name) ? 'result' : lost.has(r.name) ? 'clobbered' : f.preservedCells.has(r.name) ? 'preserved' : 'unused';
      return [r.name, { ...prev, role, value: role === 'clobbered' ? undefined : prev.value }];
    }),
  );
}

/** Each step's cells are the previous step's with its writes applied. */
function stepper(initial: Record<string, CellState>) {
  const steps: Step[] = [];
  let cells = initial;
  return {
    steps,
    get cells() {
      return cells;
    },
    push(phase: Phase, level: string, text: string, writes: Write[], highlight: string[], extra?: Partial<Step>) {
      const next = { ...cells };
      // A value the callee writes is already the caller's result, or already lost to it.
      for (const w of writes) {
        const role = w.by === 'callee' ? (w.value === undefined ? 'clobbered' : 'result') : next[w.cell]!.role;
        next[w.cell] = { ...next[w.cell]!, value: w.value, meaning: w.meaning, label: w.label, role };
      }
      cells = next;
      steps.push({ index: steps.length, phase, level, text, writes, highlight, cells, ...extra });
    },
    replace(next: Record<string, CellState>) {
      cells = next;
    },
  };
}

function story(
  conv: Convention,
  call: Call,
  sel: Selection,
  inputs: readonly Slot[],
  outputs: readonly Outcome[],
  f: Fates,
  trap: Trap,
  path: PlannedPath | undefined,
): Step[] {
  const arch = conv.arch;
  const hops = path?.hops ?? [];
  const handlerHop = path ? hops[path.handler] : undefined;
  // A single hop is the caller's level and the trap's target; a path names its own levels.
  const guest = path?.from.level ?? trap.from;
  const target = handlerHop?.level ?? trap.to;
  const atHandler = handlerHop ? { hop: handlerHop.index } : undefined;
  const s = stepper(contractCells(arch, inputs, outputs, f));

  s.push('marshal', guest, say.opening(conv, call, trap.instruction.text, argRegisters(conv, call)), [], []);
  for (const slot of inputs) {
    const write: Write = {
      cell: slot.cell,
      label: slot.register,
      value: slot.value,
      by: 'caller',
      meaning: slot.kind === 'argument' ? slot.name : slot.meaning,
    };
    s.push('marshal', guest, say.load(slot, call, sel.callNumberIsCatalog), [write], [slot.cell]);
  }

  const selectorCells = conv.selector ? [cell(arch, conv.selector).cell] : [];
  if (path) {
    const first = hops[0]!;
    s.push('trap', first.level, say.pathTrapSentence(trap, path.from, first), [], selectorCells, { trap, hop: 0 });
    for (const hop of hops.slice(1, path.handler + 1)) {
      const prev = hops[hop.index - 1]!;
      s.push('trap', hop.level, say.hopSentence(arch, prev, hop), [], passedHighlight(arch, prev), { hop: hop.index });
    }
  } else {
    s.push('trap', target, say.trapSentence(trap), [], selectorCells, { trap });
  }
  const handler = handlerHop?.who ?? conv.handler;
  s.push('handle', target, say.dispatch(conv, call, sel.selectorValue, sel.imm, sel.callNumberIsCatalog, handler, handlerHop?.reads), [], [...f.inCells], atHandler);

  const unknown = sel.callNumberIsCatalog ? undefined : conv.unknownCall;
  const resultWrites: Write[] = outputs.map((o) => ({
    cell: o.cell,
    label: o.register,
    value: o.value,
    by: 'callee',
    meaning: `${o.name}: ${o.valueMeaning}`,
  }));
  s.push('handle', target, say.results(call, outputs, unknown), resultWrites, [...f.outCells], atHandler);

  if (f.clobberCells.size > 0) {
    const clobberWrites: Write[] = [...f.clobberCells]
      .filter((c) => !f.outCells.has(c))
      .map((c) => ({ cell: c, label: c, value: undefined, by: 'callee', meaning: 'unknown' }));
    s.push(
      'handle',
      target,
      say.clobbers(conv, call, registerRules(conv, call).clobbered),
      clobberWrites,
      clobberWrites.map((w) => w.cell),
      atHandler,
    );
  }

  if (path) {
    for (const hop of hops.slice(path.handler + 1)) {
      const prev = hops[hop.index - 1]!;
      const home = hop.index === hops.length - 1;
      const text = home ? say.hopHome(arch, prev, hop, trap) : say.hopSentence(arch, prev, hop);
      s.push('return', hop.level, text, [], passedHighlight(arch, prev), { hop: hop.index });
    }
  } else {
    s.push('return', guest, say.returnSentence(conv, trap), [], []);
  }
  s.replace(finalCells(arch, s.cells, f));
  s.push('unpack', guest, say.unpack(arch, outputs, f.lost, f.preserved), [], [...f.outCells]);
  return s.steps;
}

/** The registers a hop hands on, to point at when the next level receives them; none when it hands on everything. */
function passedHighlight(arch: Architecture, hop: PlannedHop): string[] {
  const cells = hop.passes?.cells ?? [];
  return cells.length < arch.registers.length ? [...cells] : [];
}

function planSources(conv: Convention, call: Call, inputs: readonly Slot[], trap: Trap, unknown: Convention['unknownCall']): readonly Source[] {
  const syndromes = [conv.instruction.syndrome, ...(conv.instruction.alsoSyndromes ?? [])];
  return uniqueSources([
    conv.sources,
    conv.roleSources.args,
    conv.roleSources.results,
    registerRules(conv, call).sources,
    trap.sources,
    conv.functionId?.layout.sources ?? [],
    ...(conv.functionId?.layout.fields.map((f) => f.sources) ?? []),
    ...syndromes.flatMap((d) => d?.layout.fields.map((f) => f.sources) ?? []),
    trap.trappedBy?.sources ?? [],
    [call.number.stated.source],
    call.sources,
    ...inputs.map((i) => i.sources),
    ...call.args.map((a) => (a.mask ? [...a.mask.sources, ...a.mask.usual.sources, ...a.mask.layout.fields.flatMap((f) => f.sources)] : [])),
    ...call.results.map((r) => r.sources),
    ...call.results.map((r) => r.layout?.fields.flatMap((f) => f.sources) ?? []),
    ...call.args.map((a) => a.layout?.fields.flatMap((f) => f.sources) ?? []),
    ...(call.memory ?? []).flatMap((m) => [m.sources, ...m.fields.map((f) => f.sources)]),
    ...(call.runs ?? []).map((r) => r.sources),
    unknown ? unknown.sources : [],
    ...conv.notes.map((n) => n.sources),
    ...call.notes.map((n) => n.sources),
  ]);
}

/** Each memory argument with its address: from the register (or MSR) that carries it, else its own example. */
function plannedMemory(call: Call, inputs: readonly Slot[]): PlannedMemory[] {
  return (call.memory ?? []).map((arg) => {
    const carrier = arg.where ? inputs.find((s) => s.register === arg.where!.register || s.cell === arg.where!.register) : undefined;
    if (arg.where && !carrier) throw new PlanError(`${call.name}: ${arg.name} travels in ${arg.where.register}, which the call does not load`);
    const address = carrier ? carrier.value : arg.address;
    return { arg, ...(address !== undefined ? { address } : {}), ...(carrier ? { carrier: carrier.cell } : {}) };
  });
}

/** What the caller writes into each field it fills: the reader's value where set (only fields a reader may set), else the field's example. */
function memoryInputs(call: Call, set: MemoryValues): Record<string, bigint> {
  const args = call.memory ?? [];
  const editable = editableFields(args);
  for (const [key, value] of Object.entries(set)) {
    const f = editable.find((x) => x.key === key);
    if (!f) throw new PlanError(`${call.name}: ${key} is no memory field a reader may set`);
    if (value < 0n || value > maxFor(f.field.bytes * 8)) throw new PlanError(`${call.name}: ${formatHex(value)} does not fit ${f.field.name} (${f.field.bytes} bytes)`);
  }
  return Object.fromEntries(
    args.flatMap((arg, i) =>
      fieldsWritten(arg, 'caller').map((f) => {
        const key = memoryKey(i, f.name);
        return [key, set[key] ?? f.example!];
      }),
    ),
  );
}

/**
 * The register story with memory woven in: the caller fills each argument
 * before it loads the registers, the callee reads what it was given as it
 * dispatches and fills what it answers with its results, and the caller reads
 * those after the return. A call without memory keeps its steps unchanged.
 */
function withMemory(steps: Step[], memory: readonly PlannedMemory[], written: Readonly<Record<string, bigint>>): Step[] {
  if (memory.length === 0) return steps;
  const keys = (by: 'caller' | 'callee') => memory.flatMap((m, i) => fieldsWritten(m.arg, by).map((f) => ({ key: memoryKey(i, f.name), field: f, i })));
  const filled = keys('caller');
  const answered = keys('callee');
  const firstLoad = steps.findIndex((s) => s.phase === 'marshal' && s.index > 0);
  const dispatch = steps.findIndex((s) => s.phase === 'handle');
  const resultsAt = dispatch + 1;
  const unpack = steps.length - 1;
  const out: Step[] = [];
  let values: Record<string, bigint | undefined> = {};
  const at = (step: Step, writes: string[], reads: string[]) => ({ ...step, index: out.length, memory: { writes, reads, values } satisfies MemoryStep });
  steps.forEach((step, i) => {
    if (i === (firstLoad < 0 ? dispatch - 1 : firstLoad)) {
      for (const [n, m] of memory.entries()) {
        const mine = filled.filter((k) => k.i === n);
        if (mine.length === 0) continue;
        values = { ...values, ...Object.fromEntries(mine.map((k) => [k.key, written[k.key]])) };
        out.push(at({ ...step, text: say.fillMemory(m), writes: [], highlight: [], cells: steps[Math.max(0, i - 1)]!.cells }, mine.map((k) => k.key), []));
      }
    }
    if (i === resultsAt) {
      values = { ...values, ...Object.fromEntries(answered.map((k) => [k.key, k.field.result])) };
      const extra = answered.length ? ` ${say.memoryAnswer(memory, answered.map((k) => k.field))}` : '';
      out.push(at({ ...step, text: step.text + extra }, answered.map((k) => k.key), []));
      return;
    }
    const reads = i === dispatch ? filled.map((k) => k.key) : i === unpack ? answered.map((k) => k.key) : [];
    out.push(at(step, [], reads));
  });
  return out;
}
