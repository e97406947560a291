import { cellOf } from './arch';
import type { Convention } from './convention';
import type { CellState, Plan } from './plan';

// Side by side: registers across panes, by name or by role, clobber differences and register capacity. Only the
// compare view needs these; how panes step together is timeline.ts, which links need too.

export interface AlignedRow {
  /** Register name when aligning by name; a role label ("argument 2") otherwise. */
  key: string;
  cells: (CellState | undefined)[];
  /** True when the panes disagree about this row's role (argument here, preserved there). */
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
  const at = plans.map((p, i) => p.steps[steps[i] ?? 0]!.cells);
  if (sameArchitecture(plans)) {
    return plans[0]!.cellOrder.map((name) => {
      const cells = at.map((c) => c[name]);
      return { key: name, cells, differs: new Set(cells.map((c) => c?.role)).size > 1 };
    });
  }
  const rows: AlignedRow[] = [];
  const byRole = (label: string, pick: (p: Plan) => string | undefined) => {
    const cells = plans.map((p, i) => {
      const cell = pick(p);
      return cell ? at[i]![cell] : undefined;
    });
    if (cells.some((c) => c)) rows.push({ key: label, cells, differs: cells.some((c) => !c) });
  };
  const ids = plans.map((p) => p.inputs.filter((s) => s.kind !== 'argument'));
  const args = plans.map((p) => p.inputs.filter((s) => s.kind === 'argument'));
  for (let i = 0; i < Math.max(0, ...ids.map((x) => x.length)); i++) byRole(i === 0 ? 'call id' : `call id ${i + 1}`, (p) => ids[plans.indexOf(p)]![i]?.cell);
  for (let i = 0; i < Math.max(0, ...args.map((x) => x.length)); i++) byRole(`argument ${i + 1}`, (p) => args[plans.indexOf(p)]![i]?.cell);
  for (let i = 0; i < Math.max(0, ...plans.map((p) => p.outputs.length)); i++) byRole(`result ${i + 1}`, (p) => p.outputs[i]?.cell);
  return rows;
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

export interface Capacity {
  /** Bytes of argument data the convention can carry in registers on one call. */
  bytesIn: number;
  bytesOut: number;
  argRegisters: number;
  resultRegisters: number;
  /** Registers the caller must treat as lost after any call (clobbered, or results not promised back). */
  lostRegisters: number;
}

/** What a convention can carry in registers, computed from its register lists. */
export function capacity(conv: Convention): Capacity {
  const bytes = (regs: readonly string[]) => regs.reduce((n, r) => n + (cellOf(conv.arch, r)?.bits ?? 0) / 8, 0);
  const cellsOf = (regs: readonly string[]) => new Set(regs.map((r) => cellOf(conv.arch, r)?.cell ?? r));
  const kept = cellsOf(conv.preserved);
  const lost = new Set([...cellsOf(conv.clobbered), ...[...cellsOf(conv.results)].filter((c) => !kept.has(c))]);
  return {
    bytesIn: bytes(conv.args),
    bytesOut: bytes(conv.results),
    argRegisters: conv.args.length,
    resultRegisters: conv.results.length,
    lostRegisters: lost.size,
  };
}
