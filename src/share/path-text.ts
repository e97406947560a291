import { describeRegisters } from '../model/narration';
import { WORLD_NAMES, type PlannedHop } from '../model/path';
import type { Plan } from '../model/plan';
import { formatHex } from '../model/value';
import type { TextForm } from './text';

/** How a hop is entered, in a few words: the instruction and the syndrome it leaves, or the forwarding. */
export function hopEntryText(hop: PlannedHop): string {
  const e = hop.enter;
  if (e.how === 'forward') return e.what;
  return e.syndrome ? `${e.instruction.text} (${e.syndrome.register} ${formatHex(e.syndrome.value, 8)})` : e.instruction.text;
}

/** What a hop hands on: "every register", or the registers listed. */
export function handedText(plan: Plan, hop: PlannedHop): string | undefined {
  const cells = hop.passes?.cells;
  if (!cells) return undefined;
  return cells.length === plan.convention.arch.registers.length ? 'every register' : describeRegisters(plan.convention.arch, cells);
}

/** The route on one line; one that comes back the way it went ends "and back" (nine levels do not fit a line). */
function shortRoute(from: string, hops: readonly PlannedHop[]): string {
  const out = [from, ...hops.filter((h) => h.direction === 'out').map((h) => h.level)];
  const back = hops.filter((h) => h.direction === 'back').map((h) => h.level);
  const mirrored = back.join() === out.slice(0, -1).reverse().join();
  return mirrored ? `${out.join(' -> ')} and back` : [from, ...hops.map((h) => h.level)].join(' -> ');
}

/**
 * The levels a call crosses, for the text exports: in full, one line per
 * level (the caller first, then each hop with how it is entered and what it
 * hands on); in short, the route on one line. Nothing for a single hop.
 */
export function pathLines(plan: Plan, form: TextForm): string[] {
  const path = plan.path;
  if (!path) return [];
  if (form === 'short') return [`Path: ${shortRoute(path.from.level, path.hops)}`];
  const from = path.from;
  return [
    'Path (each level, how it is entered, what it hands on):',
    `0. ${from.level} ${WORLD_NAMES[from.world]}, ${from.who}`,
    ...path.hops.map((h) => {
      const handed = handedText(plan, h);
      return `${h.index + 1}. ${h.level} ${WORLD_NAMES[h.world]}, ${h.who}: ${hopEntryText(h)}${handed ? `; hands on ${handed}` : ''}`;
    }),
  ];
}
