import type { Guide } from '../catalog/guides';
import { cellValue } from '../model/cell-value';
import { alignRegisters, capacity, clobberSentences, memorySentence, sameArchitecture, telling } from '../model/compare';
import { describeRegisters } from '../model/narration';
import { planNotes, type CellState, type Plan } from '../model/plan';
import { uniqueSources, type Note } from '../model/source';
import type { Moment } from '../model/timeline';
import {
  finish,
  layoutSources,
  memoryArea,
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
import { pathLines } from './path-text';

/**
 * A comparison as one plain text for a mail thread: which call each pane
 * makes, its trap, the registers side by side (panes that do not fit in 72
 * columns go to a second table that repeats the register column), the
 * clobber argument, the bytes each call moves, what each pane passes in
 * memory (field by field), then notes, sources and the link once. The registers are those of the moment on screen, or of the
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
  if (form === 'full') return comparison(plans, moments, step, permalink, FULL_TABLE, guide);
  // The short form folds its table only as far as it must to fit its lines, with a source where it can; it shortens its
  // memory rows only when no fold of the table makes room for them.
  const budget = shortBudget(plans.length);
  const fits = (t: string) => t.trimEnd().split('\n').length <= budget;
  let text = '';
  for (const memory of plans.some((p) => p.memory.length) ? MEMORY_FOLDS : MEMORY_FOLDS.slice(0, 1)) {
    let fitting: string | undefined;
    for (const fold of SHORT_FOLDS) {
      text = comparison(plans, moments, step, permalink, { ...fold, memory }, guide);
      if (fits(text) && /^\[1\] /m.test(text)) return text;
      if (fits(text)) fitting ??= text;
    }
    if (fitting) return fitting;
  }
  return text;
}

/** The comparison's text, in the short form when its table is folded short. */
function comparison(
  plans: readonly Plan[],
  moments: readonly Moment[],
  step: number,
  permalink: string | undefined,
  fold: TableFold,
  guide?: Guide,
): string {
  const full = !fold.short;
  const form: TextForm = full ? 'full' : 'short';
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
    if (full) for (const l of pathLines(p, 'full')) add(`     ${l}`, '          ');
  });
  if (guide && full) {
    lines.push('');
    add(guide.intro, '');
  }
  lines.push('');

  lines.push(...registerTables(plans, moment.steps, fold));
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
  lines.push(...memoryPanes(plans, fold.memory, full));

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
    for (const note of planNotes(p)) {
      const entry = seen.get(note.text) ?? { note, panes: [] };
      if (!entry.panes.includes(i + 1)) entry.panes.push(i + 1);
      seen.set(note.text, entry);
    }
  });
  return [...seen.values()];
}

/**
 * How much a comparison's register table is folded. The full form writes
 * every cell. The short form writes a value once per row ("= 1" where it
 * reads as in pane 1) and, only as far as its lines run out, lets runs of
 * neighbouring registers with the same role in each pane share a row, the
 * longest runs first; their values are listed under the table or, as a
 * last resort, left to the full text with a sentence naming them.
 */
export interface TableFold {
  /** The short form: a value that reads as in an earlier pane of its row is written "= n". */
  short: boolean;
  /** Runs of at least this many registers with the same role in each pane, values and all, share a row (Infinity: only runs that read the same with no value). */
  join: number;
  /** The values of rows joined so: listed under the table, or left to the full text. */
  listed: boolean;
  /** Memory fields a row each (the full form adds their meaning), their values in a few lines, the areas only, the sentence only, or nothing (see memoryPanes). */
  memory: MemoryForm;
}
type MemoryForm = 'rows' | 'values' | 'named' | 'sentence' | 'none';
const MEMORY_FOLDS: readonly MemoryForm[] = ['rows', 'values', 'named', 'sentence', 'none'];
const FULL_TABLE: TableFold = { short: false, join: Infinity, listed: true, memory: 'rows' };
/** The short form's table folds, tried with each memory form in turn (compareText). */
const SHORT_FOLDS: readonly Omit<TableFold, 'memory'>[] = [
  { short: true, join: Infinity, listed: true },
  ...[8, 4, 2].map((join) => ({ short: true, join, listed: true })),
  { short: true, join: 2, listed: false },
];

/**
 * What each pane passes in memory, after the bytes in registers: the
 * sentence that contrasts the panes, then each area under its pane number
 * with its fields as the form allows: a row each ("+0x390 rax (8 B,
 * IN/OUT): in 0x8000001F, out 0x0"), the values written and read back in a
 * few lines ("in: rax=0x8000001F ...; out: rax=0x0 ..."), the area only,
 * its fields left to the full text, or (the last resorts of a short text
 * whose lines run out) only the sentence, which names the areas, or
 * nothing. Nothing either when no pane uses memory.
 */
function memoryPanes(plans: readonly Plan[], form: MemoryForm, full = false): string[] {
  const sentence = memorySentence(plans);
  if (!sentence || form === 'none') return [];
  const lines = [''];
  const add = (s: string, indent: string) => lines.push(...wrap(s, TEXT_WIDTH, indent));
  const fieldsLeft = form === 'sentence' && plans.some((p) => p.memory.some((m) => m.arg.fields.length));
  add(`Memory: ${sentence}${fieldsLeft ? ' The fields are in the full text.' : ''}`, '    ');
  if (form === 'sentence') return lines;
  plans.forEach((p, i) =>
    p.memory.forEach((_, n) => {
      const area = memoryArea(p, n);
      add(`  ${i + 1}  ${area.head.replace(/^Memory: /, '')}`, '     ');
      if (area.fields.length === 0) return;
      if (form === 'rows') for (const f of area.fields) add(`       ${f.row}${full ? ` - ${f.meaning}` : ''}`, '           ');
      else if (form === 'values') {
        const list = (k: 'in' | 'out') => area.fields.flatMap((f) => (f[k] ? [`${f.name}=${f[k]}`] : [])).join(' ');
        const parts = (['in', 'out'] as const).flatMap((k) => (list(k) ? [`${k}: ${list(k)}`] : []));
        add(`       ${parts.join('; ')}`, '         ');
      } else add(`       ${area.fields.length} fields, in the full text.`, '         ');
    }),
  );
  return lines;
}

interface PaneCell {
  /** "ARG  0x1111", "KEPT kept", "ARG  r1 0x1": role, label where it is not the row's, value or state. */
  text: string;
  /** The role's short name, padded: "ARG ". */
  role: string;
  /** The value in hex; undefined where the cell holds none (kept, pending, unknown, none). */
  value?: string;
  /** The pane (0-based) whose cell in this row reads the same, for a value written once per row. */
  as?: number;
  /** The pane has no register for this row (aligned by role across architectures). */
  absent?: true;
}

function paneCell(c: CellState | undefined, key: string): PaneCell {
  if (!c) return { text: 'none', role: '', absent: true };
  const role = (ROLE[c.role] ?? '-').padEnd(4);
  const label = c.label !== key ? `${c.label} ` : '';
  return { text: toAscii(`${role} ${label}${cellValue(c)}`), role: `${role}${label}`, ...(c.value !== undefined ? { value: toAscii(`${label}${cellValue(c)}`) } : {}) };
}

interface TextRow {
  key: string;
  differs: boolean;
  cells: PaneCell[];
}

/** A row as a table prints it: its label ("x8-x17 *") and one cell per pane of the table. */
interface ShownRow {
  keys: string[];
  differs: boolean;
  cells: string[];
}

/**
 * The aligned registers as text tables: as many pane columns as fit in 72
 * columns beside the register column, the rest in further tables below
 * with the register column repeated. Neighbouring registers that read the
 * same, with no value, in every pane of a table share a row there; the
 * short forms fold further (see TableFold) and say what they folded.
 */
export function registerTables(plans: readonly Plan[], steps: readonly number[], fold: TableFold = FULL_TABLE): string[] {
  const byName = sameArchitecture(plans);
  const { rows, keptEverywhere } = telling(alignRegisters(plans, steps));
  const text: TextRow[] = rows.map((r) => {
    const cells = r.cells.map((c) => paneCell(c, r.key));
    if (fold.short)
      cells.forEach((c, i) => {
        const first = c.value === undefined ? -1 : cells.findIndex((d) => d.text === c.text);
        if (first >= 0 && first < i) c.as = first;
      });
    return { key: r.key, differs: r.differs, cells };
  });
  const order = byName ? plans[0]!.cellOrder : [];
  const joined = new Map<number, { key: string; value: string }[]>();

  // A cell as the table writes it: a value written once per row, a joined run's values counted.
  const shownCell = (run: readonly TextRow[], i: number): string => {
    const cells = run.map((r) => r.cells[i]!);
    const first = cells[0]!;
    if (first.as !== undefined) return `= ${first.as + 1}`;
    if (run.length === 1 || first.value === undefined) return first.text;
    return `${first.role} ${run.length} values`;
  };
  // Rows share one where each pane of the table reads alike along them: the same text with no value, or (joining) the same role with values.
  const alike = (group: readonly number[]) => (a: TextRow, b: TextRow) =>
    a.differs === b.differs &&
    group.every((i) => {
      const [x, y] = [a.cells[i]!, b.cells[i]!];
      if (x.value === undefined || y.value === undefined) return x.text === y.text;
      return fold.join !== Infinity && x.role === y.role && x.as === y.as;
    });

  // One table of the given panes; a further table leaves out the rows where none of its panes has the register.
  const table = (group: readonly number[], record = false): string[] => {
    const rowsHere = text.filter((r) => group[0] === 0 || group.some((i) => !r.cells[i]!.absent));
    const shown: ShownRow[] = runs(rowsHere, order, (r) => r.key, alike(group))
      .map(({ keys }) => keys.map((k) => rowsHere.find((r) => r.key === k)!))
      // A run that holds values shares a row only from `join` registers on; a shorter one is a row per register again.
      .flatMap((run) => (run.length < fold.join && group.some((i) => run[0]!.cells[i]!.value !== undefined) ? run.map((r) => [r]) : [run]))
      .map((run) => {
        if (record && run.length > 1)
          for (const i of group)
            if (run[0]!.cells[i]!.value !== undefined && run[0]!.cells[i]!.as === undefined)
              joined.set(i, [...(joined.get(i) ?? []), ...run.map((r) => ({ key: r.key, value: r.cells[i]!.value! }))]);
        return { keys: run.map((r) => r.key), differs: run[0]!.differs, cells: group.map((i) => shownCell(run, i)) };
      });
    const widths = group.map((i, j) => Math.max(String(i + 1).length, ...shown.map((r) => r.cells[j]!.length)));
    const head = byName ? 'reg' : 'role';
    const label = (r: ShownRow) => `${runKey(r.keys)}${r.differs ? ' *' : ''}`;
    const keyWidth = Math.max(head.length, ...shown.map((r) => label(r).length));
    const line = (key: string, cells: readonly string[]) => [key.padEnd(keyWidth), ...cells.map((c, j) => c.padEnd(widths[j]!))].join('  ').trimEnd();
    return [
      line(
        head,
        group.map((i) => String(i + 1)),
      ),
      ...shown.map((r) => line(label(r), r.cells)),
      '',
    ];
  };
  // Panes join the current table while it still fits in 72 columns; the next one that does not starts a new table.
  const groups: number[][] = [[]];
  plans.forEach((_, i) => {
    const group = groups.at(-1)!;
    if (group.length > 0 && table([...group, i]).some((l) => l.length > TEXT_WIDTH)) groups.push([i]);
    else group.push(i);
  });
  const out = groups.flatMap((g) => table(g, true));
  const dittos = new Set(text.flatMap((r) => r.cells.flatMap((c) => (c.as === undefined ? [] : [c.as + 1]))));
  const n = dittos.size === 1 ? [...dittos][0]! : 'n';
  const panes = [...joined.keys()].sort((a, b) => a - b);
  const arch = plans[0]!.convention.arch;
  const notes = [
    text.some((r) => r.differs) ? '* roles differ now.' : '',
    dittos.size ? `"= ${n}": role and value as in pane ${n}.` : '',
    keptEverywhere.length ? `Kept by every pane: ${describeRegisters(arch, keptEverywhere)}.` : '',
    panes.length && !fold.listed
      ? `Joined rows (several registers, one role) leave their values to the full text and the link: ${panes.map((i) => `${i + 1}: ${describeRegisters(arch, joined.get(i)!.map((j) => j.key))}`).join('; ')}.`
      : '',
  ].filter(Boolean);
  if (notes.length) out.splice(out.length - 1, 1, ...wrap(notes.join(' '), TEXT_WIDTH, '    '), '');
  if (panes.length && fold.listed) {
    out.push('Values in the joined rows, by pane:');
    for (const i of panes) out.push(...wrap(`${i + 1}: ${joined.get(i)!.map((j) => `${j.key}=${j.value}`).join(' ')}`, TEXT_WIDTH, '   '));
    out.push('');
  }
  return out;
}
