import { cellOf, type Architecture } from './arch';
import { argRegisters, callFits, type Call } from './call';
import type { Convention } from './convention';
import { computeSyndrome, encodeInstruction, type EncodedInstruction, type Syndrome } from './encoding';
import { uniqueSources, type Source } from './source';
import type { BitLayout } from './bits';
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
  steps: readonly Step[];
  sources: readonly Source[];
}

/** Argument values keyed by register name as written (x1, w1, r1); missing ones use examples. */
export type ArgValues = Readonly<Record<string, bigint>>;

export class PlanError extends Error {}

function cell(arch: Architecture, name: string): { cell: string; bits: number } {
  const c = cellOf(arch, name);
  if (!c) throw new PlanError(`${arch.name} has no register ${name}`);
  return c;
}

/** Registers in a list, grouped into runs for prose: "x4–x17, x19". */
export function describeRegisters(arch: Architecture, names: readonly string[]): string {
  if (names.length === 0) return 'none';
  const order = arch.registers.map((r) => r.name);
  const pos = (n: string) => order.indexOf(cellOf(arch, n)?.cell ?? n);
  const sorted = [...names].sort((a, b) => pos(a) - pos(b));
  const runs: string[][] = [];
  for (const n of sorted) {
    const last = runs.at(-1);
    if (last && pos(n) === pos(last.at(-1)!) + 1 && samePrefix(n, last[0]!)) last.push(n);
    else runs.push([n]);
  }
  return runs.map((r) => (r.length > 2 ? `${r[0]}–${r.at(-1)}` : r.join(', '))).join(', ');
}

function samePrefix(a: string, b: string): boolean {
  return a.replace(/\d+$/, '') === b.replace(/\d+$/, '');
}

/**
 * The whole story of one call as data: marshal the arguments, trap, handle,
 * return, and what the caller finds afterwards. The UI animates these steps,
 * the exports print them and the tests assert on them; same input, same plan.
 */
export function marshal(conv: Convention, call: Call, values: ArgValues = {}): Plan {
  if (!callFits(conv, call)) throw new PlanError(`${call.name} cannot be made under ${conv.name}`);
  const arch = conv.arch;
  const guest = arch.guestLevel;
  const target = conv.instruction.target;

  const selectorValue = conv.selector ? (values[conv.selector] ?? call.number.value) : call.number.value;
  const callNumberIsCatalog = selectorValue === call.number.value;
  const imm = conv.imm === 'call' ? Number(call.number.value) : conv.imm;

  const inputs: Slot[] = [];
  const slot = (kind: Slot['kind'], register: string, name: string, meaning: string, value: bigint, sources: readonly Source[]) => {
    const c = cell(arch, register);
    if (value < 0n || value > maxFor(c.bits)) throw new PlanError(`${register}: ${formatHex(value)} does not fit in ${c.bits} bits`);
    inputs.push({ register, cell: c.cell, kind, name, meaning, value, bits: c.bits, sources });
  };
  for (const f of conv.fixed ?? []) slot('fixed', f.register, f.name, f.meaning, f.value, f.sources);
  if (conv.selector) {
    slot('selector', conv.selector, conv.selectorName, callNumberIsCatalog ? call.name : 'not a call in the catalog', selectorValue, [
      call.number.stated.source,
    ]);
  }
  for (const f of call.fixed ?? []) slot('fixed', f.register, f.name, f.meaning, f.value, f.sources);
  const argRegs = argRegisters(conv, call);
  call.args.forEach((a, i) => slot('argument', argRegs[i]!, a.name, a.meaning, values[argRegs[i]!] ?? a.example, a.sources));

  const unknown = callNumberIsCatalog ? undefined : conv.unknownCall;
  const outputs: Outcome[] = unknown
    ? [
        {
          register: conv.results[0]!,
          cell: cell(arch, conv.results[0]!).cell,
          name: 'status',
          meaning: 'error: unknown function',
          value: unknown.value,
          valueMeaning: unknown.name,
        },
      ]
    : call.results.map((r, i) => {
        const reg = r.register ?? conv.results[i]!;
        const ex = r.exampleByEra?.[conv.era] ?? r;
        return {
          register: reg,
          cell: cell(arch, reg).cell,
          name: r.name,
          meaning: r.meaning,
          value: ex.example,
          valueMeaning: ex.exampleMeaning,
          layout: r.layout,
        };
      });

  const outCells = new Set(outputs.map((o) => o.cell));
  const inCells = new Set(inputs.map((s) => s.cell));
  const clobberCells = new Set(conv.clobbered.map((r) => cell(arch, r).cell));
  const resultCells = conv.results.map((r) => cell(arch, r).cell);
  const unusedResultCells = resultCells.filter((c) => !outCells.has(c));
  const preservedCells = new Set(conv.preserved.map((r) => cell(arch, r).cell));
  const lost = arch.registers
    .map((r) => r.name)
    .filter((c) => !outCells.has(c) && (clobberCells.has(c) || ((unusedResultCells.includes(c) || inCells.has(c)) && !preservedCells.has(c))));
  const lostSet = new Set(lost);
  const preserved = arch.registers.map((r) => r.name).filter((c) => preservedCells.has(c) && !lostSet.has(c) && !outCells.has(c));

  const encoded = encodeInstruction(conv.instruction, imm);
  const syndrome = conv.instruction.syndrome ? computeSyndrome(conv.instruction.syndrome, imm) : undefined;
  const trap: Trap = {
    instruction: encoded,
    from: guest,
    to: target,
    trappedBy: conv.instruction.trappedBy,
    syndrome,
    alsoSyndromes: (conv.instruction.alsoSyndromes ?? []).map((d) => computeSyndrome(d, imm)),
    sources: uniqueSources([
      conv.instruction.sources,
      conv.instruction.encoding.sources,
      conv.instruction.syndrome?.sources ?? [],
      ...(conv.instruction.alsoSyndromes ?? []).map((d) => d.sources),
    ]),
  };

  // Contract roles before the call: what the caller may rely on for each cell.
  const labels = new Map<string, string>();
  for (const s of inputs) labels.set(s.cell, s.register);
  for (const o of outputs) labels.set(o.cell, o.register);
  const baseRole = (c: string): Role => {
    const input = inputs.find((s) => s.cell === c);
    if (input) return input.kind === 'argument' ? 'argument' : 'call-id';
    if (clobberCells.has(c) || (resultCells.includes(c) && !preservedCells.has(c))) return 'clobbered';
    if (preservedCells.has(c)) return 'preserved';
    return 'unused';
  };
  let cells: Record<string, CellState> = {};
  for (const r of arch.registers) cells[r.name] = { cell: r.name, label: labels.get(r.name) ?? r.name, role: baseRole(r.name) };

  const steps: Step[] = [];
  const push = (phase: Phase, level: string, text: string, writes: Write[], highlight: string[], extra?: Partial<Step>) => {
    const next = { ...cells };
    // A value the callee writes is already the caller's result, or already lost to it.
    for (const w of writes) {
      const role = w.by === 'callee' ? (w.value === undefined ? 'clobbered' : 'result') : next[w.cell]!.role;
      next[w.cell] = { ...next[w.cell]!, value: w.value, meaning: w.meaning, label: w.label, role };
    }
    cells = next;
    steps.push({ index: steps.length, phase, level, text, writes, highlight, cells, ...extra });
  };

  const argCount = call.args.length;
  push(
    'marshal',
    guest,
    `${capital(conv.caller ?? 'the guest kernel')} at ${guest} is about to call ${call.name} under ${conv.name}: ` +
      (conv.selector ? `the ${conv.selectorName} goes in ${conv.selector}` : `the immediate of ${encoded.text} selects the call`) +
      (argCount ? `, ${argCount} argument${argCount > 1 ? 's' : ''} in ${describeRegisters(arch, argRegs)}.` : ', and it takes no arguments.'),
    [],
    [],
  );

  for (const s of inputs) {
    const text =
      s.kind === 'selector'
        ? `Load the ${s.name} ${formatHex(s.value)} into ${s.register}${callNumberIsCatalog ? ` (${call.name})` : ' (changed by you: no call in the catalog has it here)'}.`
        : s.kind === 'fixed'
          ? `Load ${s.name} ${formatHex(s.value)} into ${s.register}: ${s.meaning}.`
          : `Load ${s.name} = ${formatHex(s.value)} into ${s.register}: ${s.meaning}.`;
    push(
      'marshal',
      guest,
      text,
      [{ cell: s.cell, label: s.register, value: s.value, by: 'caller', meaning: s.kind === 'argument' ? s.name : s.meaning }],
      [s.cell],
    );
  }

  const trapText =
    `Execute ${encoded.text} (encoding ${encoded.hex}). The CPU takes an exception from ${guest} to ${target}` +
    (trap.trappedBy
      ? `. ${trap.trappedBy.level} sees it only if ${trap.trappedBy.control} traps it` +
        (syndrome ? `; then ${syndrome.register} = ${formatHex(syndrome.value, 8)} (${syndrome.className}).` : '.')
      : syndrome
        ? `, which reads ${syndrome.register} = ${formatHex(syndrome.value, 8)} (${syndrome.className}).`
        : '.');
  push('trap', target, trapText, [], conv.selector ? [cell(arch, conv.selector).cell] : [], { trap });

  const handler = conv.handler;
  const dispatch = callNumberIsCatalog
    ? `${capital(handler)} reads ${conv.selector ? `${conv.selector} = ${formatHex(selectorValue)}` : `the immediate ${formatHex(BigInt(imm))} from the syndrome`} and runs ${call.name}: ${call.handles}`
    : `${capital(handler)} reads ${conv.selector} = ${formatHex(selectorValue)}, which names no function it implements.`;
  push('handle', target, dispatch, [], [...inCells]);

  const resultWrites: Write[] = outputs.map((o) => ({
    cell: o.cell,
    label: o.register,
    value: o.value,
    by: 'callee',
    meaning: `${o.name}: ${o.valueMeaning}`,
  }));
  const resultText = unknown
    ? `It returns ${unknown.name} (${formatHex(unknown.value)}) in ${outputs[0]!.register}.`
    : call.returnsOnSuccess
      ? `It writes the result${outputs.length > 1 ? 's' : ''}: ${outputs.map((o) => `${o.register} = ${formatHex(o.value)} (${o.valueMeaning})`).join(', ')}. These are example values.`
      : `On success ${call.name} does not return. If it fails it writes ${outputs.map((o) => `${o.register} = ${formatHex(o.value)} (${o.valueMeaning}, an example)`).join(', ')}.`;
  push('handle', target, resultText, resultWrites, [...outCells]);

  const clobberNow = lost.filter((c) => !outCells.has(c));
  if (clobberCells.size > 0) {
    const clobberWrites: Write[] = [...clobberCells]
      .filter((c) => !outCells.has(c))
      .map((c) => ({ cell: c, label: c, value: undefined, by: 'callee', meaning: 'unknown' }));
    push(
      'handle',
      target,
      `${conv.name} lets the callee change ${describeRegisters(arch, conv.clobbered)}: their contents are now unknown to the caller.`,
      clobberWrites,
      clobberWrites.map((w) => w.cell),
    );
  }

  const ret = `${arch.returnInstruction} from ${target}`;
  push('return', guest, `${capital(ret)} returns to ${guest}, at the instruction after ${encoded.text}.`, [], []);

  // The caller's view: results, what is lost, what is kept.
  const finalCells: Record<string, CellState> = {};
  for (const r of arch.registers) {
    const prev = cells[r.name]!;
    const role: Role = outCells.has(r.name) ? 'result' : lostSet.has(r.name) ? 'clobbered' : preservedCells.has(r.name) ? 'preserved' : 'unused';
    finalCells[r.name] = { ...prev, role, value: role === 'result' ? prev.value : role === 'clobbered' ? undefined : prev.value };
  }
  cells = finalCells;
  const lostText = clobberNow.length ? ` Unknown now: ${describeRegisters(arch, clobberNow)}.` : '';
  const keptText = preserved.length ? ` Preserved: ${describeRegisters(arch, preserved)}.` : '';
  push('unpack', guest, `The caller reads ${outputs.map((o) => `${o.register} (${o.name})`).join(', ')}.${lostText}${keptText}`, [], [...outCells]);

  const sources = uniqueSources([
    conv.sources,
    conv.roleSources.args,
    conv.roleSources.results,
    conv.roleSources.clobbered,
    conv.roleSources.preserved,
    trap.sources,
    conv.functionId?.layout.sources ?? [],
    ...(conv.functionId?.layout.fields.map((f) => f.sources) ?? []),
    ...[conv.instruction.syndrome, ...(conv.instruction.alsoSyndromes ?? [])].flatMap((d) => d?.layout.fields.map((f) => f.sources) ?? []),
    trap.trappedBy?.sources ?? [],
    [call.number.stated.source],
    call.sources,
    ...inputs.map((i) => i.sources),
    ...call.results.map((r) => r.sources),
    ...call.results.map((r) => r.layout?.fields.flatMap((f) => f.sources) ?? []),
    unknown ? unknown.sources : [],
    ...conv.notes.map((n) => n.sources),
    ...call.notes.map((n) => n.sources),
  ]);

  return {
    convention: conv,
    call,
    callNumber: selectorValue,
    callNumberIsCatalog,
    inputs,
    outputs,
    lost,
    preserved,
    cellOrder: arch.registers.map((r) => r.name),
    drawnCells: arch.registers.filter((r) => r.bits <= 64 || steps.some((s) => s.cells[r.name]!.role !== 'unused')).map((r) => r.name),
    trap,
    steps,
    sources,
  };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
