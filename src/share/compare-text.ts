import type { Guide } from '../catalog/guides';
import { cellValue } from '../model/cell-value';
import { alignRegisters, capacity, clobberSentences, sameArchitecture, telling } from '../model/compare';
import { describeRegisters } from '../model/narration';
import type { CellState, Plan } from '../model/plan';
import { uniqueSources, type Note } from '../model/source';
import type { Moment } from '../model/timeline';
import {
  finish,
  layoutSources,
  permalinkLines,
  ROLE,
  runKey,
  runs,
  shortBudget,
  sourceLines,
  TEXT_WIDTH,
  toAscii,
  trapSummary,
  wrap,
  type TextForm,
} from './text';

/**
 * A comparison as one plain text for a mail thread: which call each pane
 * makes, its trap, the registers side by side (panes that do not fit in 72
 * columns go to a second table that repeats the register column), the
 * clobber argument, the bytes each call moves, then notes, sources and the
 * link once. The registers are those of the moment on screen, or of the
 * trap while the panes are still loading their arguments.
 */
export function compareText(
  plans: readonly Plan[],
  moments: readonly Moment[],
  step: number,
  permalink: string | undefined,
  form: TextForm,
  guide?: Guide,
): string {
  const full = form === 'full';
  const lines: string[] = [];
  const add = (s: string, indent = '  ') => lines.push(...wrap(s, TEXT_WIDTH, indent));
  const pane = (i: number, s: string) => add(`  ${i + 1}  ${s}`, '     ');

  const trapAt = moments.findIndex((m) => m.phase === 'trap');
  const at = moments[step]?.phase === 'marshal' && trapAt >= 0 ? trapAt : Math.min(step, moments.length - 1);
  const moment = moments[at]!;

  if (guide) add(`${guide.title} (a Trapscope guide)`);
  add(`${plans.length} calls side by side, registers at step ${at + 1}/${moments.length} (${moment.phase}):`);
  plans.forEach((p, i) => {
    pane(i, `${p.call.name} under ${p.convention.name}`);
    add(`     ${trapSummary(p)}`, '       ');
  });
  if (guide && full) {
    lines.push('');
    add(guide.intro, '');
  }
  lines.push('');

  lines.push(...registerTables(plans, moment.steps));
  const clobber = clobberSentences(plans);
  for (const c of clobber) add(c.text, '    ');
  if (clobber.length) lines.push('');

  add('Bytes in registers (arguments / results) and registers lost:');
  plans.forEach((p, i) => {
    const c = capacity(p);
    const arch = p.convention.arch;
    const regs = (r: readonly string[]) => (r.length ? ` (${describeRegisters(arch, r)})` : '');
    pane(i, `in ${c.in.bytes} B${regs(c.in.registers)}, out ${c.out.bytes} B${regs(c.out.registers)}, lost ${c.lost.length}${regs(c.lost)}`);
  });

  const notes = uniqueNotes(plans);
  const disagreements = notes.filter((n) => n.note.kind === 'disagreement').length;
  if (full && notes.length) {
    lines.push('');
    add('Notes (the pane numbers they concern first):');
    for (const n of notes) add(`(${n.panes.join(', ')}) ${n.note.kind}: ${n.note.text}`, '    ');
  }
  lines.push('');
  const link = permalinkLines(permalink, form);
  const sources = full ? uniqueSources([guide?.sources ?? [], ...plans.map((p) => p.sources)]) : layoutSources(plans, 1);
  // The short form points to what it leaves out where the sources disagree, in the heading of its list.
  const heading =
    !full && disagreements ? `Sources (they disagree on ${disagreements === 1 ? 'one point' : `${disagreements} points`}; see the full text):` : 'Sources:';
  lines.push(...sourceLines(sources, full ? Infinity : shortBudget(plans.length) - lines.length - link.length, heading));
  lines.push(...link);
  return finish(lines);
}

/** Each note once, with the panes it belongs to. */
function uniqueNotes(plans: readonly Plan[]): { note: Note; panes: number[] }[] {
  const seen = new Map<string, { note: Note; panes: number[] }>();
  plans.forEach((p, i) => {
    for (const note of [...p.convention.notes, ...p.call.notes]) {
      const entry = seen.get(note.text) ?? { note, panes: [] };
      if (!entry.panes.includes(i + 1)) entry.panes.push(i + 1);
      seen.set(note.text, entry);
    }
  });
  return [...seen.values()];
}

function cellText(c: CellState | undefined, key: string): string {
  if (!c) return 'none';
  return toAscii(`${(ROLE[c.role] ?? '-').padEnd(4)} ${c.label !== key ? `${c.label} ` : ''}${cellValue(c)}`);
}

interface TextRow {
  key: string;
  differs: boolean;
  cells: string[];
  /** Per pane: the cell holds no value, so neighbours saying the same in a table can share a row there ("x8-x17"). */
  plain: boolean[];
}

/**
 * The aligned registers as text tables: as many pane columns as fit in 72
 * columns beside the register column, the rest in further tables below
 * with the register column repeated. Neighbouring registers that read the
 * same, with no value, in every pane of a table share a row there.
 */
export function registerTables(plans: readonly Plan[], steps: readonly number[]): string[] {
  const byName = sameArchitecture(plans);
  const { rows, keptEverywhere } = telling(alignRegisters(plans, steps));
  const text: TextRow[] = rows.map((r) => ({
    key: r.key,
    differs: r.differs,
    cells: r.cells.map((c) => cellText(c, r.key)),
    plain: r.cells.map((c) => !c || c.value === undefined),
  }));
  const order = byName ? plans[0]!.cellOrder : [];
  const widths = plans.map((_, i) => Math.max(1, ...text.map((r) => r.cells[i]!.length)));

  // One table of the given panes; a further table leaves out the rows where none of its panes has the register.
  const table = (group: readonly number[]): string[] => {
    const rowsHere = text
      .map((r) => ({ ...r, cells: group.map((i) => r.cells[i]!), plain: group.every((i) => r.plain[i]) }))
      .filter((r) => group[0] === 0 || r.cells.some((c) => c !== 'none'));
    // Rows join when they read the same in this table's panes, so a further table does not repeat the first one's values row by row.
    const shown = runs(
      rowsHere,
      order,
      (r) => r.key,
      (a, b) => a.plain && b.plain && a.differs === b.differs && a.cells.join('|') === b.cells.join('|'),
    ).map(({ keys, item }) => ({ key: `${runKey(keys)}${item.differs ? ' *' : ''}`, cells: item.cells }));
    const head = byName ? 'reg' : 'role';
    const keyWidth = Math.max(head.length, ...shown.map((r) => r.key.length));
    const line = (key: string, cells: readonly string[]) => [key.padEnd(keyWidth), ...cells.map((c, j) => c.padEnd(widths[group[j]!]!))].join('  ').trimEnd();
    return [
      line(
        head,
        group.map((i) => String(i + 1)),
      ),
      ...shown.map((r) => line(r.key, r.cells)),
      '',
    ];
  };
  // Panes join the current table while it still fits in 72 columns; the next one that does not starts a new table.
  const out: string[] = [];
  let group: number[] = [];
  plans.forEach((_, i) => {
    if (group.length > 0 && table([...group, i]).some((l) => l.length > TEXT_WIDTH)) {
      out.push(...table(group));
      group = [];
    }
    group.push(i);
  });
  out.push(...table(group));
  const notes = [
    text.some((r) => r.differs) ? '* roles differ now.' : '',
    keptEverywhere.length ? `Kept by every pane: ${describeRegisters(plans[0]!.convention.arch, keptEverywhere)}.` : '',
  ].filter(Boolean);
  if (notes.length) out.splice(out.length - 1, 1, ...wrap(notes.join(' '), TEXT_WIDTH, '    '), '');
  return out;
}
