import * as v from 'valibot';
import { cellOf, type Architecture, type InstructionDef } from '../../model/arch';
import { WORLD_NAMES, type Hop, type Path, type RegisterView, type World } from '../../model/path';
import type { Source } from '../../model/source';
import type { PathItem } from './errors';

/**
 * The levels a call crosses, in the custom format: a realm's RSI call goes
 * R-EL1 -> R-EL2 -> R-EL1, the host's RMI call NS-EL2 -> EL3 -> R-EL2 -> EL3
 * -> NS-EL2, and a copy keeps that. The shape follows model/path.ts: each hop
 * names its level, world and who runs there, how the call gets in (a trap by
 * one of the architecture's instructions, or forwarded in words), and what
 * it hands to the next hop. Shapes here; what needs the architecture in
 * checkPath; the model's Path in buildPath; a built-in's path in copyPath.
 */

const WORLDS = Object.keys(WORLD_NAMES) as World[];
const LIST = 16;
const TEXT = 2000;

const text = v.pipe(v.string('must be text'), v.maxLength(TEXT, `must be at most ${TEXT} characters`));
const short = (what: string) => v.pipe(v.string(`must be ${what}`), v.minLength(1, 'must not be empty'), v.maxLength(120, 'must be at most 120 characters'));
const level = v.pipe(
  v.string('must be a level name such as R-EL2, EL3 or NS-EL1'),
  v.minLength(1, 'must not be empty'),
  v.maxLength(16, 'must be at most 16 characters'),
);
const register = v.pipe(v.string('must be a register name'), v.maxLength(16, 'must be a register name (at most 16 characters)'));

/**
 * What a level hands on: "all" its registers, or a list of them. (The model's
 * third kind, the registers a mask argument selects, needs the argument's
 * mask reading, which the format has no place for.)
 */
const view = v.union(
  [v.literal('all'), v.pipe(v.array(register, 'must be a list of register names'), v.maxLength(64, 'must list at most 64 registers'))],
  'must be "all" or a list of registers',
);

const place = { level, world: v.picklist(WORLDS, `must be one of ${WORLDS.join(', ')}`), who: short('who runs there, in a few words') };

const hop = v.strictObject(
  {
    ...place,
    /** The trap instruction's mnemonic, when the call gets here by a trap; else `forward`. */
    trap: v.optional(v.pipe(v.string('must be an instruction mnemonic such as smc or hvc'), v.maxLength(40, 'is too long'))),
    imm: v.optional(
      v.pipe(
        v.number('must be a number'),
        v.integer('must be a whole number'),
        v.minValue(0, 'must not be negative'),
        v.maxValue(0xffff, 'must be at most 0xFFFF'),
      ),
    ),
    /** How the level before hands the call on when it is no trap ("an eret into the RMM"). */
    forward: v.optional(text),
    /** Where the trap's syndrome lands and how its class reads there, when not as the instruction's definition says. */
    syndrome: v.optional(v.strictObject({ register, className: text }, 'must be an object with register and className')),
    sees: v.optional(text),
    passes: v.optional(view),
    passesHow: v.optional(text),
  },
  'must be an object with level, world, who and either trap or forward',
);

const hops = v.pipe(v.array(hop, 'must be a list of hops'), v.minLength(1, 'must have at least one hop'), v.maxLength(LIST, `must have at most ${LIST} hops`));

export const pathSchema = v.strictObject(
  { from: v.strictObject(place, 'must be an object with level, world and who'), fromPasses: v.optional(view), out: hops, back: hops },
  'must be an object with from, out and back',
);

export type CustomPath = v.InferOutput<typeof pathSchema>;
type CustomHop = CustomPath['out'][number];
type CustomView = v.InferOutput<typeof view>;
type Report = (path: PathItem[], problem: string) => void;

/**
 * The instruction a trap hop after the first names: one of the architecture's
 * own, by mnemonic, the one whose target is the hop's level when several
 * share it (a realm's smc and the RMM's).
 */
export function trapInstruction(arch: Architecture, mnemonic: string, level: string): InstructionDef | undefined {
  const m = mnemonic.trim().toLowerCase();
  const all = Object.values(arch.instructions).filter((i) => i.mnemonic.toLowerCase() === m);
  return all.find((i) => i.target === level) ?? all[0];
}

/** What the architecture must say yes to: instructions, registers, and a path that starts with the convention's trap and comes home. */
export function checkPath(p: CustomPath, arch: Architecture, convInstruction: InstructionDef | undefined, at: PathItem[], err: Report): void {
  const all = [...p.out.map((h, i) => ['out', i, h] as const), ...p.back.map((h, i) => ['back', i, h] as const)];
  const checkView = (x: CustomView | undefined, where: PathItem[]) => {
    if (x === undefined || x === 'all') return;
    x.forEach((r, i) => {
      if (!cellOf(arch, r)) err([...where, i], `"${r}" is not a register of ${arch.name}`);
    });
  };
  checkView(p.fromPasses, [...at, 'fromPasses']);
  all.forEach(([side, i, h], n) => {
    const here = [...at, side, i];
    if ((h.trap === undefined) === (h.forward === undefined))
      err(here, 'must say how the call gets here: either trap (an instruction) or forward (in words), not both');
    // The first hop is the convention's own trap (checked below); later ones are the architecture's own instructions.
    if (h.trap !== undefined && n > 0) {
      const ins = trapInstruction(arch, h.trap, h.level);
      if (!ins)
        err(
          [...here, 'trap'],
          `"${h.trap}" is not a trap instruction of ${arch.name}; choose one of: ${[...new Set(Object.values(arch.instructions).map((x) => x.mnemonic))].join(', ')}`,
        );
      else if (ins.immBits === 0 && (h.imm ?? 0) !== 0) err([...here, 'imm'], `${ins.mnemonic} has no immediate; use 0`);
      else if (h.imm !== undefined && ins.immBits > 0 && h.imm >= 2 ** ins.immBits)
        err([...here, 'imm'], `is too wide for the ${ins.immBits}-bit immediate of ${ins.mnemonic}`);
    }
    if (n === 0 && convInstruction && h.trap?.trim().toLowerCase() !== convInstruction.mnemonic.toLowerCase()) {
      err(here, `is the first hop, so the call gets there by the convention's own trap: set trap to "${convInstruction.mnemonic}"`);
    }
    if (n < all.length - 1 && h.passes === undefined)
      err(here, `must say what it passes to the next level (${all[n + 1]![2].level}): "all" or a list of registers`);
    checkView(h.passes, [...here, 'passes']);
  });
  const last = p.back.at(-1);
  if (last && last.level !== p.from.level)
    err([...at, 'back', p.back.length - 1, 'level'], `is ${last.level}, but the path must come back to where the call started (${p.from.level})`);
}

const viewOf = (x: CustomView): RegisterView => (x === 'all' ? { kind: 'all' } : { kind: 'listed', registers: x.map((r) => r.toLowerCase()) });

/** The model's Path, for a definition that passed checkPath; the first hop's trap is the convention's own instruction. */
export function buildPath(p: CustomPath, arch: Architecture, instruction: InstructionDef, sources: readonly Source[]): Path {
  const hopOf = (h: CustomHop, first: boolean): Hop => {
    const ins = first ? instruction : h.trap !== undefined ? trapInstruction(arch, h.trap, h.level) : undefined;
    return {
      level: h.level,
      world: h.world,
      who: h.who,
      enter: ins ? { how: 'trap', instruction: ins.id, imm: h.imm ?? 0 } : { how: 'forward', what: h.forward ?? '' },
      ...(h.syndrome ? { syndromeAt: { ...h.syndrome, sources } } : {}),
      sees: h.sees ?? 'what this level sees is not described in the user-written definition.',
      ...(h.passes !== undefined ? { passes: viewOf(h.passes) } : {}),
      ...(h.passesHow !== undefined ? { passesHow: h.passesHow } : {}),
      sources,
    };
  };
  return {
    instruction: instruction.id,
    from: { ...p.from },
    ...(p.fromPasses !== undefined ? { fromPasses: viewOf(p.fromPasses) } : {}),
    out: p.out.map((h, i) => hopOf(h, i === 0)),
    back: p.back.map((h) => hopOf(h, false)),
    sources,
  };
}

const clip = (s: string) => s.slice(0, TEXT);
const copyView = (x: RegisterView): CustomView => (x.kind === 'all' ? 'all' : x.kind === 'listed' ? [...x.registers] : []);

/**
 * A built-in path in the format: levels, worlds, traps by mnemonic, what each
 * level hands on; sources and notes stay behind. None for a path where a
 * mask selects what a level hands on (TDX's VMCALL): the format cannot say it.
 */
export function copyPath(p: Path, arch: Architecture): CustomPath | undefined {
  if ([p.fromPasses, ...p.out.map((h) => h.passes), ...p.back.map((h) => h.passes)].some((x) => x?.kind === 'mask')) return undefined;
  const hopOf = (h: Hop): CustomHop => ({
    level: h.level,
    world: h.world,
    who: h.who.slice(0, 120),
    ...(h.enter.how === 'trap' ? trapOf(arch, h.enter.instruction, h.enter.imm) : { forward: clip(h.enter.what) }),
    ...(h.syndromeAt ? { syndrome: { register: h.syndromeAt.register, className: clip(h.syndromeAt.className) } } : {}),
    sees: clip(h.sees),
    ...(h.passes ? { passes: copyView(h.passes) } : {}),
    ...(h.passesHow ? { passesHow: clip(h.passesHow) } : {}),
  });
  return {
    from: { ...p.from, who: p.from.who.slice(0, 120) },
    ...(p.fromPasses ? { fromPasses: copyView(p.fromPasses) } : {}),
    out: p.out.map(hopOf),
    back: p.back.map(hopOf),
  };
}

function trapOf(arch: Architecture, id: string, imm: number): { trap: string; imm?: number } {
  const ins = Object.values(arch.instructions).find((i) => i.id === id);
  if (!ins) throw new Error(`${arch.name} has no instruction ${id}`);
  return { trap: ins.mnemonic, ...(imm ? { imm } : {}) };
}
