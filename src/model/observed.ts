import type { Plan } from './plan';
import type { Source } from './source';
import { formatHex } from './value';

/**
 * What `npm run check:cpu` saw a call do on an emulated CPU
 * (src/catalog/observed.json, written by the check, read through
 * src/catalog/observed.ts). Values are hex strings as the file holds them.
 */
export interface Observation {
  /** A run of the check: a QEMU machine and what answers the call there. */
  platform: string;
  convention: string;
  call: string;
  /** Tells two runs of the same call apart ("after CPU_ON"). */
  label?: string;
  /** Inputs the check set where the catalog's examples do not fit the machine, and why. */
  chosen?: string;
  /** What firmware returned, register by register (as the convention names them). */
  results?: readonly { register: string; value: string }[];
  /** Where the run expects something other than the catalog's example, and why. */
  expect?: Readonly<Partial<Record<string, string>>>;
  why?: string;
  /** Registers whose value differed after the trap, of those loaded with an input or a canary, and how many kept theirs. */
  changed?: readonly string[];
  kept?: number;
  /** The CPU or hart that CPU_ON or HART_START woke: the level it started at and what its argument registers held. */
  started?: { level: string; registers: readonly { register: string; value: string }[] };
  /** What the call printed on the console (the legacy CONSOLE_PUTCHAR). */
  printed?: string;
  /** The call stopped the machine (SYSTEM_OFF, SYSTEM_RESET): QEMU exited. */
  stopped?: boolean;
  /** Trapped to the check's own EL2 or Hyp handler: the syndrome and the instruction word it read. */
  trap?: { register: string; syndrome: string; instruction: string };
}

export interface Platform {
  qemu: string;
  /** Firmware the machine boots, where it is not QEMU's own (OpenSBI 1.1). */
  firmware?: string;
  machine: string;
  cpu: string;
}

export interface ObservedData {
  platforms: Readonly<Record<string, Platform>>;
  observations: readonly Observation[];
}

/**
 * The runs of the calls in `first` (those the first load holds, which the
 * default view shows) with the platforms, and the rest: the build makes the
 * rest a chunk of its own, loaded with the families (src/catalog/observed.ts).
 */
export function splitObserved(data: ObservedData, first: ReadonlySet<string>): { first: ObservedData; more: Observation[] } {
  return {
    first: { platforms: data.platforms, observations: data.observations.filter((o) => first.has(o.call)) },
    more: data.observations.filter((o) => !first.has(o.call)),
  };
}

/** Why an emulator answers other than the catalog's example, with its source. */
export interface ObservedNote {
  platforms: readonly string[];
  calls: readonly string[];
  text: string;
  sources: readonly Source[];
}

/** One observation's place in the file: stable across runs. */
export function observedKey(o: Pick<Observation, 'platform' | 'convention' | 'call' | 'label'>): string {
  return `${o.platform} ${o.convention} ${o.call}${o.label ? ` ${o.label}` : ''}`;
}

export interface Difference {
  register: string;
  /** What the catalog (or the run, for a labelled call) expected. */
  expected: string;
  observed: string;
}

/** Results that differ from the catalog's example (or from what the run expects instead). */
export function differences(o: Observation, plan: Plan): Difference[] {
  const out: Difference[] = [];
  // The call's results in order: the same under every convention it is made with (w0, x0 or r0 first).
  for (const [k, r] of (o.results ?? []).entries()) {
    const example = plan.outputs[k];
    if (!example) continue;
    const expected = o.expect?.[r.register] ?? formatHex(example.value);
    if (BigInt(expected) !== BigInt(r.value)) out.push({ register: r.register, expected, observed: r.value });
  }
  return out;
}

/** The note explaining why this observation differs from the catalog, if one is recorded. */
export function noteFor(o: Observation, notes: readonly ObservedNote[]): ObservedNote | undefined {
  return notes.find((n) => n.platforms.includes(o.platform) && n.calls.includes(o.call));
}

/** A message when a result differs from the catalog's example with no explanation; undefined when all is accounted for. */
export function unexplained(o: Observation, plan: Plan, notes: readonly ObservedNote[]): string | undefined {
  const diff = differences(o, plan);
  if (diff.length === 0 || (o.expect && o.why) || noteFor(o, notes)) return undefined;
  const list = diff.map((d) => `${d.register} = ${d.observed} where the catalog's example is ${d.expected}`).join(', ');
  return `${list}: fix the catalog or add a note in src/catalog/observed-notes.ts saying why the emulator differs`;
}

/** One observation as the Notes and sources panel shows it. */
export interface ObservedLine {
  key: string;
  /** "QEMU 7.2, AArch64 EL1, QEMU's own PSCI over HVC". */
  where: string;
  text: string;
  /** Results that differ from the catalog's example: both are shown. */
  differences: readonly Difference[];
  /** Why they differ. */
  note?: ObservedNote;
  why?: string;
}

const pairs = (list: readonly { register: string; value: string }[]) => list.map((r) => `${r.register} = ${r.value}`).join(', ');

/**
 * What the check observed of this plan's call: what firmware returned
 * (under any convention the call was made with), and for this convention,
 * what the check's own EL2 or Hyp handler saw at the trap.
 */
export function observedLines(
  plan: Plan,
  data: ObservedData,
  notes: readonly ObservedNote[],
  platformNames: Readonly<Record<string, string>>,
  conventionName: (id: string) => string,
): ObservedLine[] {
  const out: ObservedLine[] = [];
  // Made under the convention on screen first, then under the others.
  const mine = (o: Observation) => (o.convention === plan.convention.id ? 0 : 1);
  // This call's observations only, before sorting: every view draws this, and there are hundreds of observations.
  for (const o of data.observations.filter((o) => o.call === plan.call.id).sort((a, b) => mine(a) - mine(b))) {
    if (o.trap && o.convention !== plan.convention.id) continue;
    const p = data.platforms[o.platform];
    const where = `QEMU ${p?.qemu ?? '?'}${p?.firmware ? ` with ${p.firmware}` : ''}, ${platformNames[o.platform] ?? o.platform}`;
    const name = `${plan.call.name}${o.label ? ` (${o.label})` : ''}`;
    const under = o.convention === plan.convention.id ? '' : ` under ${conventionName(o.convention)}`;
    const parts: string[] = [];
    if (o.trap) {
      parts.push(
        `${name} trapped with ${o.trap.register} = ${o.trap.syndrome} at instruction word ${o.trap.instruction}; ` +
          'every input was in its register at the trap, and against a handler that follows the convention ' +
          `only ${o.changed?.join(', ') || 'no register'} changed (${o.kept ?? 0} loaded with a canary kept it)`,
      );
    } else if (o.stopped) {
      parts.push(`${name}${under} did not return: the machine stopped`);
    } else {
      parts.push(`${name}${under} returned ${pairs(o.results ?? [])}`);
      if (o.chosen) parts.push(`made with ${o.chosen}`);
      if (o.printed) parts.push(`it printed "${o.printed}" on the console`);
      if (o.started) parts.push(`the started CPU reached its entry point in ${o.started.level} with ${pairs(o.started.registers)}`);
      if (o.changed) parts.push(`of the registers loaded before the call, only ${o.changed.join(', ')} changed (${o.kept ?? 0} kept their values)`);
    }
    const diff = o.trap ? [] : differences(o, plan);
    out.push({ key: observedKey(o), where, text: `${parts.join('; ')}.`, differences: diff, note: diff.length ? noteFor(o, notes) : undefined, why: o.why });
  }
  return out;
}
