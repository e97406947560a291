import { cellOf, type Architecture, type InstructionDef } from './arch';
import { exposedCells, type MaskReading } from './mask';
import { computeSyndrome, encodeInstruction, type EncodedInstruction, type Syndrome } from './encoding';
import { uniqueSources, type Note, type Source } from './source';
import { formatHex } from './value';

/**
 * A call that crosses several levels: an FF-A direct request goes from the
 * normal-world kernel to EL3 (TF-A's SPMD), which forwards it to the SPMC at
 * S-EL2, and the answer comes back the same way. Catalog folders declare a
 * path as data (`Path`); the model resolves it against the convention's
 * architecture (`PlannedPath`), and the plan tells the story hop by hop.
 * A convention or call without a path is a single hop: caller to the trap
 * instruction's target and straight back.
 */

/**
 * The security state or world a level runs in. Arm: Non-secure, Secure,
 * Realm, and Root (EL3 on a system with RME). x86: a TDX trust domain (`td`),
 * the TDX module in SEAM root mode (`seam`), the host VMM (`host`), and a
 * guest whose state the host cannot read (`guest`: an SEV-ES/SNP guest).
 */
export type World = 'non-secure' | 'secure' | 'realm' | 'root' | 'td' | 'seam' | 'host' | 'guest';

export const WORLD_NAMES: Readonly<Record<World, string>> = {
  'non-secure': 'Non-secure',
  secure: 'Secure',
  realm: 'Realm',
  root: 'Root',
  td: 'Trust domain',
  seam: 'SEAM (TDX module)',
  host: 'Host',
  guest: 'Guest',
};

/**
 * Which registers a level hands to the next one. 'all': every register as it
 * is (a trap changes none). 'listed': only these; the next level does not see
 * the others (the SPMD copies x0–x7 or x0–x17 into the other world's context).
 * 'mask': those the set bits of the call's argument in `register` select
 * (TDG.VP.VMCALL's RCX: the TDX module shows the VMM only those), read from
 * the value the call loads there (model/mask.ts), and `also` the registers
 * the level fills itself whatever the mask says (the module's exit reason in
 * RAX and exit qualification in RCX); nothing when the receiver refuses the
 * value.
 * Registers are named as the architecture writes them (x0, w1, rcx).
 */
export type RegisterView = { kind: 'all' } | { kind: 'listed'; registers: readonly string[] } | { kind: 'mask'; register: string; also?: readonly string[] };

/** The call's inputs, as far as a view needs them: which register carries a mask, and what its value selects. */
export type MaskInputs = readonly { register: string; mask?: MaskReading }[];

/** A level on the path: its lane id ("NS-EL1", "EL3", "S-EL2"), its world, and who runs there. */
export interface Place {
  level: string;
  world: World;
  who: string;
}

/**
 * How the call gets into a level. 'trap': an instruction of the architecture
 * (by its id in `Architecture.instructions`) raises an exception there; the
 * model computes its encoding and syndrome. 'forward': the level before hands
 * it on by other means (an eret into the other world's saved context, a VM
 * entry), said in words.
 */
export type HopEntry = { how: 'trap'; instruction: string; imm: number } | { how: 'forward'; what: string };

/** One level the call reaches, in order. */
export interface Hop extends Place {
  enter: HopEntry;
  /** What this level sees on arrival, in words (its syndrome, or that it resumes from its own call). */
  sees: string;
  /**
   * On the handler (the last hop out): what it reads to know which call it
   * serves, when that is not the caller's selector register. The host
   * answering a realm's RSI_HOST_CALL reads the REC exit record; its x0 then
   * holds RMI_REC_ENTER's status, not the realm's function ID.
   */
  reads?: string;
  /**
   * Where the trap's syndrome lands at this level and how its class reads
   * there, when not as the instruction's definition says (that definition
   * describes an SMC trapped to EL2; one that reaches EL3 is read in ESR_EL3).
   * The value is still computed from the definition's fields.
   */
  syndromeAt?: { register: string; className: string; sources: readonly Source[] };
  /** What this level hands to the next hop; omitted only on the last hop back (the caller). */
  passes?: RegisterView;
  /** How it hands them on, in words ("spmd_smc_switch_state copies x0–x17 into the SPMC's context"). */
  passesHow?: string;
  sources: readonly Source[];
  notes?: readonly Note[];
}

/**
 * The levels a call crosses. `out` ends at the level that handles the call;
 * `back` ends at the caller's level (`from`), and may take another route.
 * The first hop out is the convention's own trap: `out[0].enter` must be a
 * 'trap' with the instruction named by `instruction`.
 */
export interface Path {
  /** The id of the trap instruction this path starts with; under a convention with another instruction (FF-A over hvc) the call stays a single hop. */
  instruction: string;
  from: Place;
  /**
   * What the caller's trap hands to the first level, when not every register:
   * an SEV-ES guest's VMGEXIT hands the host only the GHCB MSR, its other
   * registers staying encrypted in the VMSA.
   */
  fromPasses?: RegisterView;
  out: readonly Hop[];
  back: readonly Hop[];
  sources: readonly Source[];
  notes?: readonly Note[];
}

/** A hop resolved against the architecture: encodings, syndromes and register cells computed. */
export interface PlannedHop extends Place {
  /** Position over out then back. */
  index: number;
  direction: 'out' | 'back';
  enter: { how: 'trap'; instruction: EncodedInstruction; syndrome?: Syndrome } | { how: 'forward'; what: string };
  sees: string;
  /** What it reads to know the call, when not the caller's selector (Hop.reads). */
  reads?: string;
  /** Cells this level receives from the one before. */
  receives: readonly string[];
  /** Cells it hands to the next level, and who that is; absent at the end of the path. */
  passes?: { cells: readonly string[]; to: Place; how?: string };
  sources: readonly Source[];
  notes: readonly Note[];
}

/** One lane of the stage for a path: a distinct level. */
export type PathLane = Place;

export interface PlannedPath {
  from: Place;
  hops: readonly PlannedHop[];
  /** Index in `hops` of the level that handles the call (the last hop out). */
  handler: number;
  /** Distinct levels, grouped by world in the order worlds are first met, each world's levels in the order first met. */
  lanes: readonly PathLane[];
  sources: readonly Source[];
  notes: readonly Note[];
}

export class PathError extends Error {}

/** The cells a view selects: every register of the architecture, those listed, or those a mask argument selects. */
export function viewCells(arch: Architecture, view: RegisterView, inputs: MaskInputs = []): string[] {
  if (view.kind === 'all') return arch.registers.map((r) => r.name);
  if (view.kind === 'mask') {
    const mask = maskAt(inputs, view.register);
    if (mask.refused.length > 0) return [];
    return [...new Set([...listedCells(arch, view.also ?? []), ...exposedCells(arch, mask)])];
  }
  return listedCells(arch, view.registers);
}

function listedCells(arch: Architecture, names: readonly string[]): string[] {
  return names.map((name) => {
    const c = cellOf(arch, name);
    if (!c) throw new PathError(`${arch.name} has no register ${name}`);
    return c.cell;
  });
}

function maskAt(inputs: MaskInputs, register: string): MaskReading {
  const mask = inputs.find((s) => s.register === register)?.mask;
  if (!mask) throw new PathError(`no mask argument in ${register} to select the registers handed on`);
  return mask;
}

/** The note a hop gets when the value of its mask is one the receiver refuses: the call stops there. */
function refusalNote(hop: Hop, inputs: MaskInputs): Note | undefined {
  if (hop.passes?.kind !== 'mask') return undefined;
  const m = maskAt(inputs, hop.passes.register);
  const r = m.mask.refuses;
  if (!r || m.refused.length === 0) return undefined;
  return {
    kind: 'info',
    text:
      `With ${hop.passes.register} = ${formatHex(m.value)}, ${hop.who} refuses the call: bit${m.refused.length > 1 ? 's' : ''} ${m.refused.join(', ')} must be 0. ` +
      `It answers ${r.error.name} (${formatHex(r.error.value)}) and hands nothing to ${m.mask.to}; the levels drawn after it show what a bitmap it accepts would do.`,
    sources: [...r.sources],
  };
}

/** Lanes: one per distinct level, grouped by world. */
export function pathLanes(from: Place, hops: readonly Place[]): PathLane[] {
  const seen = new Map<string, PathLane>();
  for (const p of [from, ...hops]) if (!seen.has(p.level)) seen.set(p.level, { level: p.level, world: p.world, who: p.who });
  const worlds = [...new Set([...seen.values()].map((l) => l.world))];
  return worlds.flatMap((w) => [...seen.values()].filter((l) => l.world === w));
}

/**
 * Resolve a path under an architecture. `imm` is the immediate of the call's
 * own trap (the first hop out), which the convention decides; `inputs` the
 * call's loaded registers, for a hop that hands on what a mask selects.
 * `own` is the convention's trap instruction, which the first hop uses even
 * when the architecture does not list it (a custom convention's borrowed
 * VMGEXIT on plain x86-64).
 */
export function planPath(arch: Architecture, path: Path, imm: number, inputs: MaskInputs = [], own?: InstructionDef): PlannedPath {
  const first = path.out[0];
  if (!first || first.enter.how !== 'trap' || first.enter.instruction !== path.instruction) {
    throw new PathError(`a path must start with a trap by ${path.instruction}`);
  }
  const last = path.back.at(-1);
  if (!last || last.level !== path.from.level) throw new PathError(`a path must come back to ${path.from.level}`);
  const all = [...path.out.map((h) => ['out', h] as const), ...path.back.map((h) => ['back', h] as const)];
  const allCells = arch.registers.map((r) => r.name);
  const hops: PlannedHop[] = all.map(([direction, hop], index) => {
    const next = all[index + 1]?.[1];
    if (next && !hop.passes) throw new PathError(`${hop.who} at ${hop.level} must say what it passes to ${next.level}`);
    const prev = all[index - 1]?.[1];
    return {
      level: hop.level,
      world: hop.world,
      who: hop.who,
      index,
      direction,
      enter: enterOf(arch, hop, index === 0 ? imm : undefined, index === 0 ? own : undefined),
      sees: hop.sees,
      ...(hop.reads ? { reads: hop.reads } : {}),
      receives: prev?.passes ? viewCells(arch, prev.passes, inputs) : index === 0 && path.fromPasses ? viewCells(arch, path.fromPasses, inputs) : allCells,
      passes:
        next && hop.passes
          ? { cells: viewCells(arch, hop.passes, inputs), to: { level: next.level, world: next.world, who: next.who }, how: hop.passesHow }
          : undefined,
      sources: hop.sources,
      notes: [refusalNote(hop, inputs), ...(hop.notes ?? [])].filter((n): n is Note => n !== undefined),
    };
  });
  return {
    from: path.from,
    hops,
    handler: path.out.length - 1,
    lanes: pathLanes(
      path.from,
      all.map(([, h]) => h),
    ),
    sources: uniqueSources([
      path.sources,
      ...(path.notes ?? []).map((n) => n.sources),
      ...hops.flatMap((h) => [h.sources, ...h.notes.map((n) => n.sources), h.enter.how === 'trap' ? (h.enter.syndrome?.sources ?? []) : []]),
    ]),
    notes: path.notes ?? [],
  };
}

/** Lanes of the same world next to each other, as runs: what a stage labels as one world. */
export function worldRuns(lanes: readonly PathLane[]): { world: World; name: string; lanes: number }[] {
  const runs: { world: World; name: string; lanes: number }[] = [];
  for (const l of lanes) {
    const last = runs.at(-1);
    if (last?.world === l.world) last.lanes++;
    else runs.push({ world: l.world, name: WORLD_NAMES[l.world], lanes: 1 });
  }
  return runs;
}

/**
 * At a step where the call reaches a level (a trap or return step of a
 * path), the level and the drawn cells it does not receive; undefined where
 * it receives them all or the step is not an arrival.
 */
export function withheldAt(path: PlannedPath | undefined, step: { hop?: number; phase: string }, drawn: readonly string[]): { to: PlannedHop; cells: string[] } | undefined {
  if (!path || step.hop === undefined || (step.phase !== 'trap' && step.phase !== 'return')) return undefined;
  const to = path.hops[step.hop]!;
  const received = new Set(to.receives);
  const cells = drawn.filter((c) => !received.has(c));
  return cells.length ? { to, cells } : undefined;
}

/** Every note a path carries, its own then each hop's, each once. */
export function pathNotes(path: PlannedPath): Note[] {
  return [...new Set([...path.notes, ...path.hops.flatMap((h) => h.notes)])];
}

function enterOf(arch: Architecture, hop: Hop, imm: number | undefined, own: InstructionDef | undefined): PlannedHop['enter'] {
  const e = hop.enter;
  if (e.how === 'forward') return e;
  const ins = own?.id === e.instruction ? own : Object.values(arch.instructions).find((i) => i.id === e.instruction);
  if (!ins) throw new PathError(`${arch.name} has no instruction ${e.instruction}`);
  const value = imm ?? e.imm;
  const computed = ins.syndrome ? computeSyndrome(ins.syndrome, value) : undefined;
  const at = hop.syndromeAt;
  const syndrome =
    computed && at ? { ...computed, register: at.register, className: at.className, sources: uniqueSources([computed.sources, at.sources]) } : computed;
  return { how: 'trap', instruction: encodeInstruction(ins, value), syndrome };
}

/**
 * The path a call takes under a convention: the call's own (under the
 * convention's variant, the variant's) when it starts with the convention's
 * instruction, else the convention's, else none (a single hop).
 */
export function pathFor(
  conv: { instruction: { id: string }; path?: Path; variant?: string },
  call: { path?: Path; variants?: Readonly<Record<string, { path?: Path }>> },
): Path | undefined {
  const own = (conv.variant === undefined ? undefined : call.variants?.[conv.variant]?.path) ?? call.path;
  if (own?.instruction === conv.instruction.id) return own;
  return conv.path?.instruction === conv.instruction.id ? conv.path : undefined;
}
