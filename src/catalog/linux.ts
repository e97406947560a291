import type { Plan, Slot } from '../model/plan';
import { formatHex } from '../model/value';

/**
 * How the Linux kernel makes a call, as each family's sources show it: the
 * helper, its header and its arguments, each with a comment. Each family
 * states its own (catalog/<family>/linux.ts, indexed in linux-helpers.ts);
 * share/c-snippet.ts lays them out as C.
 */
export interface CArg {
  expr: string;
  note?: string;
}

export interface LinuxCall {
  /** What goes after #include: <linux/arm-smccc.h>. */
  include: string;
  /** A structure the call takes, filled field by field (SMCCC 1.2's struct arm_smccc_1_2_regs args). */
  struct?: { declaration: string; fields: readonly CArg[] };
  declarations?: readonly string[];
  /** What the call's value is assigned to: "u64 status = ". */
  assign?: string;
  fn: string;
  args: readonly CArg[];
  /** A comment after the call: where the results land. */
  after?: string;
  /** Where the helper lives, and what the reader should know about it. */
  note?: string;
}

/** A family's Linux side: undefined where Linux has no helper for this convention or call. */
export type LinuxHelper = (plan: Plan) => LinuxCall | undefined;

export const hex = (v: bigint) => formatHex(v);

/** How a slot is named in a comment. */
export function slotNote(s: Slot): string {
  return s.kind === 'selector' ? `${s.name}: ${s.meaning}` : s.name;
}

export function inputOn(plan: Plan, register: string): Slot | undefined {
  return plan.inputs.find((s) => s.register === register || s.cell === register);
}

export function valueOn(plan: Plan, register: string): bigint {
  return inputOn(plan, register)?.value ?? 0n;
}

export function argOn(plan: Plan, register: string, fallback = 'unused'): CArg {
  const s = inputOn(plan, register);
  return { expr: hex(s?.value ?? 0n), note: s ? slotNote(s) : fallback };
}

/** The call number as the source's macro when the call's name is one (KVM_HC_KICK_CPU), else hex. */
export function callNumberArg(plan: Plan): CArg {
  const macro = /^[A-Z][A-Z0-9_]+$/.test(plan.call.name) && plan.callNumberIsCatalog;
  return macro ? { expr: plan.call.name, note: hex(plan.callNumber) } : { expr: hex(plan.callNumber), note: plan.call.name };
}

/** The number of a register: 3 for x3, w3 or r3. */
export function regIndex(cell: string): number {
  return Number(cell.replace(/^[a-z]+/, ''));
}

/** "Results: res.a0 = status; ...", from where each result lands. */
export function resultsNote(plan: Plan, where: (cell: string, register: string) => string): string {
  return `Results: ${plan.outputs.map((o) => `${where(o.cell, o.register)} = ${o.name}`).join('; ')}.`;
}
