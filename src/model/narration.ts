import { cellOf, type Architecture } from './arch';
import type { Call } from './call';
import type { Convention } from './convention';
import type { PlannedHop, Place } from './path';
import type { MemoryField, PlannedMemory } from './memory';
import type { Outcome, Slot, Trap } from './plan';
import { formatHex } from './value';

/**
 * The sentence each step of a plan says, one function per kind of step. They
 * only phrase what the plan computed; nothing here decides a register's role.
 */

/** Registers in a list, grouped into runs for prose: "x4–x17, x19". */
export function describeRegisters(arch: Architecture, names: readonly string[]): string {
  if (names.length === 0) return 'none';
  const order = arch.registers.map((r) => r.name);
  // Each name's place is looked up once, not at every comparison of the sort (plans describe lists on every step).
  const places = new Map(names.map((n) => [n, order.indexOf(cellOf(arch, n)?.cell ?? n)]));
  const pos = (n: string) => places.get(n)!;
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

/** The sentence's first letter in capitals, unless its first word is a name written with its own capitals (pKVM, iPXE). */
export function capital(s: string): string {
  if (/^[a-z]+[A-Z]/.test(s)) return s;
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function cannotBeMade(call: Call, conv: Convention): string {
  return `${call.name} cannot be made under ${conv.name}`;
}

/** The names a phrase may give a level's place: "EL1", "SVC mode". */
export function placeNames(arch: Architecture, levelId: string): string[] {
  return [levelId, ...(arch.levels.find((l) => l.id === levelId)?.aka ?? [])];
}

/** Whether a phrase already places someone at the level: "now running at EL1", "now in SVC mode". */
function placesAt(phrase: string, arch: Architecture, levelId: string): boolean {
  return placeNames(arch, levelId).some((n) => new RegExp(`\\b(at|in) ${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(phrase));
}

/** Where the caller runs, as a phrase after its name (" at EL1", " in guest mode ..."), or nothing where the caller's description already says it. */
function whereCallerRuns(arch: Architecture, caller: string): string {
  if (placesAt(caller, arch, arch.guestLevel)) return '';
  const level = arch.levels.find((l) => l.id === arch.guestLevel);
  return ` ${level?.where ?? `at ${arch.guestLevel}`}`;
}

export function opening(conv: Convention, call: Call, instructionText: string, argRegs: readonly string[]): string {
  const n = call.args.length;
  const how = conv.selector
    ? `the ${conv.selectorName} goes in ${conv.selector}`
    : conv.selectedBy
      ? `${conv.selectedBy} selects the call`
      : `the immediate of ${instructionText} selects the call`;
  const args = n ? `, ${n} argument${n > 1 ? 's' : ''} in ${describeRegisters(conv.arch, argRegs)}.` : ', and it takes no arguments.';
  const caller = conv.caller ?? 'the guest kernel';
  return `${capital(caller)}${whereCallerRuns(conv.arch, caller)} is about to call ${call.name} under ${conv.name}: ${how}${args}`;
}

export function load(s: Slot, call: Call, callNumberIsCatalog: boolean): string {
  const into = `${formatHex(s.value)} into ${s.register}`;
  if (s.kind === 'fixed') return `Load ${s.name} ${into}: ${s.meaning}.`;
  if (s.kind === 'argument') return `Load ${s.name} = ${into}: ${s.meaning}.`;
  return `Load the ${s.name} ${into}${callNumberIsCatalog ? ` (${call.name})` : ' (changed by you: no call in the catalog has it here)'}.`;
}

export function trapSentence(trap: Trap): string {
  const { instruction, syndrome, trappedBy } = trap;
  const reads = syndrome ? `${syndrome.register} = ${formatHex(syndrome.value, 8)} (${syndrome.className})` : '';
  const head = `Execute ${instruction.text} (encoding ${instruction.hex}). The CPU takes an exception from ${trap.from} to ${trap.to}`;
  if (trappedBy) return `${head}. ${trappedBy.level} sees it only if ${trappedBy.control} traps it${reads ? `; then ${reads}.` : '.'}`;
  return reads ? `${head}, which reads ${reads}.` : `${head}.`;
}

/** `readsInstead`: what a handler further down a path reads to know the call, when not the caller's selector (Hop.reads). */
export function dispatch(
  conv: Convention,
  call: Call,
  selectorValue: bigint,
  imm: number,
  callNumberIsCatalog: boolean,
  who = conv.handler,
  readsInstead?: string,
): string {
  const handler = capital(who);
  const selector = `${conv.selector} = ${formatHex(selectorValue)}`;
  if (!callNumberIsCatalog) return `${handler} reads ${selector}, which names no function it implements.`;
  const reads =
    readsInstead ??
    (conv.selector
      ? selector
      : conv.selectedBy
        ? `${conv.selectedBy} = ${formatHex(call.number.value)}`
        : `the immediate ${formatHex(BigInt(imm))} from the syndrome`);
  return `${handler} reads ${reads} and runs ${call.name}: ${call.handles}`;
}

/** The first hop of a path: the caller's own trap, read at the level the path names. */
export function pathTrapSentence(trap: Trap, from: Place, first: PlannedHop): string {
  const syndrome = first.enter.how === 'trap' ? first.enter.syndrome : undefined;
  return trapSentence({ ...trap, from: from.level, to: first.level, trappedBy: undefined, syndrome });
}

/** What a level hands on: "every register", or the registers listed. */
function handed(arch: Architecture, prev: PlannedHop): string {
  const cells = prev.passes?.cells ?? [];
  return `It hands on ${cells.length === arch.registers.length ? 'every register' : describeRegisters(arch, cells)}.`;
}

/**
 * A hop after the first, out or back: how the call gets there and what the
 * level receives. What the level sees there is the hop's own text, shown
 * beside the lanes, so that a step's sentence stays short enough to project.
 */
/** Who runs at a level, placed once: "the TDX module", not "the TDX module at TDX module". */
function whoAt(place: PlannedHop): string {
  return place.who.toLowerCase().includes(place.level.toLowerCase()) ? place.who : `${place.who} at ${place.level}`;
}

export function hopSentence(arch: Architecture, prev: PlannedHop, hop: PlannedHop): string {
  const e = hop.enter;
  const how =
    e.how === 'trap'
      ? `${capital(whoAt(prev))} executes ${e.instruction.text}; the CPU takes an exception to ${hop.level}${e.syndrome ? ` (${e.syndrome.register} = ${formatHex(e.syndrome.value, 8)})` : ''}.`
      : `${capital(whoAt(prev))} passes the call to ${whoAt(hop)}: ${e.what}.`;
  return `${how} ${handed(arch, prev)}`;
}

/** The last hop back: the caller resumes after its trap instruction. */
export function hopHome(arch: Architecture, prev: PlannedHop, hop: PlannedHop, trap: Trap): string {
  const e = hop.enter;
  const how = e.how === 'trap' ? `executes ${e.instruction.text}` : e.what;
  return `${capital(whoAt(prev))} returns to ${hop.level} (${how}), at the instruction after ${trap.instruction.text}. ${handed(arch, prev)}`;
}

export function results(call: Call, outputs: readonly Outcome[], unknown: Convention['unknownCall']): string {
  if (unknown) return `It returns ${unknown.name} (${formatHex(unknown.value)}) in ${outputs[0]!.register}.`;
  if (outputs.length === 0) return call.returnsOnSuccess ? 'It writes no register.' : `${call.name} does not return.`;
  if (call.returnsOnSuccess) {
    const written = outputs.map((o) => `${o.register} = ${formatHex(o.value)} (${o.valueMeaning})`).join(', ');
    return `It writes the result${outputs.length > 1 ? 's' : ''}: ${written}. These are example values.`;
  }
  const written = outputs.map((o) => `${o.register} = ${formatHex(o.value)} (${o.valueMeaning}, an example)`).join(', ');
  return `On success ${call.name} does not return. If it fails it writes ${written}.`;
}

/** `clobbered`: the call's own list where it has one (registerRules), else the convention's. */
export function clobbers(conv: Convention, call: Call, clobbered: readonly string[]): string {
  const who = call.rules?.clobbered ? call.name : conv.name;
  return `${who} lets the callee change ${describeRegisters(conv.arch, clobbered)}: their contents are now unknown to the caller.`;
}

export function returnSentence(conv: Convention, trap: Trap): string {
  return `${capital(conv.arch.returnInstruction)} from ${trap.to} returns to ${trap.from}, at the instruction after ${trap.instruction.text}.`;
}

export function unpack(arch: Architecture, outputs: readonly Outcome[], unknownNow: readonly string[], preserved: readonly string[]): string {
  const lost = unknownNow.length ? ` Unknown now: ${describeRegisters(arch, unknownNow)}.` : '';
  const kept = preserved.length ? ` Preserved: ${describeRegisters(arch, preserved)}.` : '';
  const reads = outputs.length ? `The caller reads ${outputs.map((o) => `${o.register} (${o.name})`).join(', ')}.` : 'No register carries a result.';
  return `${reads}${lost}${kept}`;
}

/** Where a memory argument is, in words: "at 0x8A000000 (its address goes in x3)", "in the TX buffer (FFA_RXTX_MAP)". */
export function memoryPlace(m: PlannedMemory): string {
  const at = m.address !== undefined ? ` at ${formatHex(m.address)}` : '';
  const via = m.carrier ? ` (its address travels in ${m.carrier})` : '';
  return m.arg.buffer ? `in the ${m.arg.buffer}${at}${via}` : `${at.trimStart()}${via}`;
}

export function fillMemory(m: PlannedMemory): string {
  const names = m.arg.fields.filter((f) => f.direction !== 'out' && f.example !== undefined).map((f) => f.name);
  return `Fill the ${m.arg.name} ${memoryPlace(m)} in memory: ${names.join(', ')}. No register carries these.`;
}

export function memoryAnswer(memory: readonly PlannedMemory[], fields: readonly MemoryField[]): string {
  const where = memory.filter((m) => m.arg.fields.some((f) => fields.includes(f))).map((m) => `the ${m.arg.name}`);
  return `In memory it writes ${fields.map((f) => `${f.name} = ${formatHex(f.result!)}`).join(', ')} into ${where.join(' and ')}.`;
}
