import { cellOf } from './arch';
import { memoryBytes } from './memory';
import { describeRegisters } from './narration';
import type { CellState, Plan } from './plan';

// Side by side: registers across panes, by name or by role, clobber differences and register capacity. Only the
// compare view needs these; how panes step together is timeline.ts, which links need too.

export interface AlignedRow {
  /** Register name when aligning by name; a role label ("argument 2") otherwise. */
  key: string;
  cells: (CellState | undefined)[];
  /** True when the panes disagree about this row's role at this moment (argument here, preserved there). */
  differs: boolean;
}

/** Whether every plan is on one architecture, so registers can be matched by name. */
export function sameArchitecture(plans: readonly Plan[]): boolean {
  return plans.every((p) => p.convention.arch.id === plans[0]!.convention.arch.id);
}

/**
 * Rows of registers across panes at the given steps: by name on one
 * architecture, by role (call id, argument n, result n) across architectures.
 */
export function alignRegisters(plans: readonly Plan[], steps: readonly number[]): AlignedRow[] {
  const at = plans.map((p, i) => (p.steps[steps[i] ?? 0] ?? p.steps[0]!).cells);
  if (sameArchitecture(plans)) {
    // One architecture may still draw a cell the others lack (an SEV guest's GHCB MSR beside plain x86-64).
    return [...new Set(plans.flatMap((p) => p.cellOrder))].map((name) => {
      const cells = at.map((c) => c[name]);
      return { key: name, cells, differs: new Set(cells.map((c) => c?.role)).size > 1 };
    });
  }
  const rows: AlignedRow[] = [];
  const byRole = (label: string, pick: (i: number) => string | undefined) => {
    const cells = plans.map((_, i) => {
      const cell = pick(i);
      return cell ? at[i]![cell] : undefined;
    });
    if (cells.some((c) => c)) rows.push({ key: label, cells, differs: cells.some((c) => !c) || new Set(cells.map((c) => c?.role)).size > 1 });
  };
  const ids = plans.map((p) => p.inputs.filter((s) => s.kind !== 'argument'));
  const args = plans.map((p) => p.inputs.filter((s) => s.kind === 'argument'));
  for (let i = 0; i < Math.max(0, ...ids.map((x) => x.length)); i++) byRole(i === 0 ? 'call id' : `call id ${i + 1}`, (p) => ids[p]![i]?.cell);
  for (let i = 0; i < Math.max(0, ...args.map((x) => x.length)); i++) byRole(`argument ${i + 1}`, (p) => args[p]![i]?.cell);
  for (let i = 0; i < Math.max(0, ...plans.map((p) => p.outputs.length)); i++) byRole(`result ${i + 1}`, (p) => plans[p]!.outputs[i]?.cell);
  return rows;
}

/** Rows worth reading: some pane involves the register, and not every pane merely keeps it; plus those kept everywhere. */
export function telling(rows: readonly AlignedRow[]): { rows: AlignedRow[]; keptEverywhere: string[] } {
  const involved = rows.filter((r) => r.cells.some((c) => c && c.role !== 'unused'));
  const kept = (r: AlignedRow) => !r.differs && r.cells.every((c) => c?.role === 'preserved' && c.value === undefined);
  return { rows: involved.filter((r) => !kept(r)), keptEverywhere: involved.filter(kept).map((r) => r.key) };
}

/** Registers one convention may clobber that the other keeps, by name (same architecture only). */
export function clobberDiff(a: Plan, b: Plan): { lostOnlyInA: string[]; lostOnlyInB: string[] } {
  const la = new Set(a.lost);
  const lb = new Set(b.lost);
  const keptA = new Set(a.preserved);
  const keptB = new Set(b.preserved);
  return {
    lostOnlyInA: a.lost.filter((r) => !lb.has(r) && keptB.has(r)),
    lostOnlyInB: b.lost.filter((r) => !la.has(r) && keptA.has(r)),
  };
}

export interface Carried {
  bytes: number;
  registers: readonly string[];
}

export interface Capacity {
  /** This call's arguments (not its call id): bytes and registers. */
  in: Carried;
  /** This call's results. */
  out: Carried;
  /** Registers the caller must treat as lost after this call. */
  lost: readonly string[];
  /** What the convention allows at most, for scale. */
  most: { in: Carried; out: Carried };
}

/** What one call carries in registers, and the most its convention could carry, from the plan and the register lists. */
export function capacity(plan: Plan): Capacity {
  const conv = plan.convention;
  const carried = (regs: readonly string[]): Carried => ({ bytes: regs.reduce((n, r) => n + (cellOf(conv.arch, r)?.bits ?? 0) / 8, 0), registers: regs });
  return {
    in: carried(plan.inputs.filter((s) => s.kind === 'argument').map((s) => s.register)),
    out: carried(plan.outputs.map((o) => o.register)),
    lost: plan.lost,
    most: { in: carried(conv.args), out: carried(conv.results) },
  };
}

/**
 * The clobber argument in words, pane 1 against each other pane on one
 * architecture: "2 may clobber x4–x17, which 1 keeps." The screen and the
 * text export print these same sentences.
 */
export function clobberSentences(plans: readonly Plan[]): { other: number; text: string }[] {
  if (!sameArchitecture(plans)) return [];
  const arch = plans[0]!.convention.arch;
  return plans.slice(1).map((p, j) => {
    const n = j + 2;
    const d = clobberDiff(plans[0]!, p);
    const parts = [
      d.lostOnlyInA.length ? `1 may clobber ${describeRegisters(arch, d.lostOnlyInA)}, which ${n} keeps.` : '',
      d.lostOnlyInB.length ? `${n} may clobber ${describeRegisters(arch, d.lostOnlyInB)}, which 1 keeps.` : '',
    ].filter(Boolean);
    return { other: n, text: parts.length ? parts.join(' ') : `Neither 1 nor ${n} may clobber a register the other keeps.` };
  });
}

/**
 * Which panes pass arguments in memory and which use registers only, in
 * one sentence ("1 writes 92 B into the GHCB page and finds 64 B there after
 * the call; 2 uses registers only."); undefined when no pane uses memory.
 * The screen and the text export print this same sentence.
 */
export function memorySentence(plans: readonly Plan[]): string | undefined {
  if (plans.every((p) => p.memory.length === 0)) return undefined;
  const parts = plans.map((p, i) => {
    if (p.memory.length === 0) return `${i + 1} uses registers only`;
    const b = memoryBytes(p.memory.map((m) => m.arg));
    const names = p.memory.map((m) => `the ${m.arg.name}`).join(' and ');
    const back = b.out ? ` and finds ${b.out} B there after the call` : ' (nothing comes back there)';
    if (b.in) return `${i + 1} writes ${b.in} B into ${names}${back}`;
    return b.out ? `${i + 1} reads ${b.out} B from ${names} after the call` : `${i + 1} names ${names}, whose contents other calls fill`;
  });
  return `${parts.join('; ')}.`;
}
