import { decodeFields, fieldValueName } from '../model/bits';
import { cellValue } from '../model/cell-value';
import { describeRegisters } from '../model/narration';
import type { MaskReading } from '../model/mask';
import { formatRun, orderSentence } from '../model/pair';
import { memoryBeforeAfter, planNotes, type Plan } from '../model/plan';
import { uniqueSources, type Source } from '../model/source';
import { memoryKey } from '../model/memory';
import { formatHex } from '../model/value';
import { pathLines } from './path-text';

/**
 * The layout as plain text for an email: ASCII only, at most 72 columns,
 * still within 78 when quoted with "> " twice. Reads only the plan, so it
 * says what the screen says. The permalink is the one line that may be
 * longer: it is never wrapped, so that a mail client links all of it.
 */
export const TEXT_WIDTH = 72;

/** Short, for a reply: the layout, the trap, the link and the sources that state the layout. Full: every note and source. */
export type TextForm = 'short' | 'full';
export const TEXT_FORMS: readonly TextForm[] = ['short', 'full'];

const ASCII: Record<string, string> = { '·': '-', '–': '-', '—': '-', '→': '->', '…': '...', '’': "'", '‘': "'", '“': '"', '”': '"', '×': 'x' };

export function toAscii(s: string): string {
  return s.replace(/[^\x20-\x7e\n]/g, (c) => ASCII[c] ?? '?');
}

/** Word-wraps one logical line; continuation lines get `indent`. */
export function wrap(line: string, width = TEXT_WIDTH, indent = '  '): string[] {
  const out: string[] = [];
  let rest = toAscii(line);
  let first = true;
  while (rest.length > 0) {
    const prefix = first ? '' : indent;
    const room = width - prefix.length;
    if (rest.length <= room) {
      out.push(prefix + rest);
      break;
    }
    let cut = rest.lastIndexOf(' ', room);
    if (cut <= 0) cut = room;
    out.push(prefix + rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
    first = false;
  }
  return out.length ? out : [''];
}

export const ROLE: Record<string, string> = { 'call-id': 'ID', argument: 'ARG', result: 'RES', clobbered: 'LOST', preserved: 'KEPT', unused: '-' };

/** The closing lines every text export ends with: the link alone on its line, never wrapped. */
export function permalinkLines(permalink: string | undefined, form: TextForm): string[] {
  if (!permalink) return [];
  return form === 'full' ? ['', 'Permalink:', toAscii(permalink)] : ['', toAscii(permalink)];
}

/**
 * A numbered source list, as "[n] title: where", wrapped. With a budget of
 * lines (the short form), only the first sources that fit.
 */
export function sourceLines(sources: readonly Source[], budget = Infinity, heading = 'Sources:'): string[] {
  const out = [heading];
  for (const [i, s] of sources.entries()) {
    const entry = wrap(`[${i + 1}] ${s.title}: ${s.where}`, TEXT_WIDTH, '    ');
    if (out.length + entry.length > budget) break;
    out.push(...entry);
  }
  return out.length === 1 && sources.length ? wrap(`${heading.replace(/:$/, '')}: in the full text.`, TEXT_WIDTH, '    ') : out;
}

/** Lines a short text may take: 30 for one call, 45 for up to three panes, 15 more for a fourth. */
export function shortBudget(panes: number): number {
  return panes === 1 ? 30 : 45 + 15 * Math.max(0, panes - 3);
}

/** The sources that state a convention's register layout itself (which registers carry what), the few a short reply cites. */
export function layoutSources(plans: readonly Plan[], perPlan: number): Source[] {
  return uniqueSources(
    plans.map((p) => {
      const r = p.convention.roleSources;
      return uniqueSources([r.args, r.results, r.clobbered, r.preserved]).slice(0, perPlan);
    }),
  );
}

/** The instruction, its encoding and what EL2 (or the VMM) reads: one line's worth, for a table's trap row. */
export function trapSummary(plan: Plan): string {
  const t = plan.trap;
  const reads = [t.syndrome, ...t.alsoSyndromes].flatMap((s) => (s ? [`${s.register} ${formatHex(s.value, 8)}`] : []));
  // Where EL2 sees the trap only when a control routes it there (an SMC under HCR_EL2.TSC), its syndrome says so.
  const when = t.trappedBy && reads.length ? `if ${t.trappedBy.control}, ` : '';
  return [`${t.instruction.text} = ${t.instruction.hex}, ${t.from} -> ${t.to}`, ...reads.map((r, i) => (i === 0 ? `${when}${r}` : r))].join('; ');
}

export function layoutText(plan: Plan, permalink?: string, form: TextForm = 'full'): string {
  const { convention: conv, call, trap } = plan;
  const full = form === 'full';
  const lines: string[] = [];
  const add = (s: string, indent = '  ') => lines.push(...wrap(s, TEXT_WIDTH, indent));

  add(`${call.name} under ${conv.name}`);
  if (full) {
    add(`(${conv.familyName}; Trapscope layout)`);
    lines.push('');
  }
  if (conv.selector) {
    let id = `${capital(conv.selectorName)}: ${formatHex(plan.callNumber)} in ${conv.selector}`;
    if (conv.functionId && full) {
      const f = decodeFields(conv.functionId.layout, plan.callNumber);
      id += ` (${conv.functionId.layout.fields
        .filter((x) => f[x.key] !== 0n || x.key === 'number' || x.key === 'cc')
        .map((x) => `${x.name} ${formatHex(f[x.key]!)}${fieldValueName(x, f[x.key]!) ? ` ${fieldValueName(x, f[x.key]!)}` : ''}`)
        .join(', ')})`;
    }
    if (!plan.callNumberIsCatalog) id += ' [changed: not a catalog call]';
    add(id, '    ');
  } else {
    add(`Call number: ${formatHex(plan.callNumber)} in ${conv.selectedBy ?? "the instruction's immediate"}`, '    ');
  }
  add(`Instruction: ${trap.instruction.text} = ${trap.instruction.hex}, ${trap.from} -> ${trap.to}`, '    ');
  // A short text with a path names the levels instead; the full one says both.
  if (trap.trappedBy && (full || !plan.path)) add(`${trap.trappedBy.level} sees it only if ${trap.trappedBy.control} traps it.`, '    ');
  for (const s of plan.inputs) if (s.mask) add(maskLine(conv.arch, s.register, s.mask), '    ');
  for (const s of [trap.syndrome, ...trap.alsoSyndromes]) {
    if (!s) continue;
    const fields = s.layout.fields.map((f) => `${f.key} ${formatHex(s.fields[f.key] ?? 0n)}`).join(', ');
    add(`${s.register}: ${formatHex(s.value, 8)} (${fields})`, '    ');
  }
  for (const l of pathLines(plan, form)) add(l, '     ');
  lines.push('');

  const first = plan.steps[0]!;
  const loaded = plan.steps.find((s) => s.phase === 'trap')!;
  const last = plan.steps.at(-1)!;
  lines.push('reg     role      before              after');
  const detailed = plan.cellOrder.filter((c) => first.cells[c]!.role !== 'unused' || last.cells[c]!.role !== 'unused');
  const quiet: string[] = [];
  const rows: { key: string; text: string; plain: boolean; meaning: string }[] = [];
  for (const c of detailed) {
    const before = loaded.cells[c]!;
    const after = last.cells[c]!;
    if (before.value === undefined && after.role === 'preserved') {
      quiet.push(c);
      continue;
    }
    const b = before.value !== undefined ? formatHex(before.value) : '-';
    const a = cellValue(after);
    const role = `${ROLE[before.role] ?? '-'}>${ROLE[after.role] ?? '-'}`;
    const meaning = [
      before.meaning && before.value !== undefined ? `in: ${before.meaning}` : '',
      after.role === 'result' && after.meaning ? `out: ${after.meaning}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    rows.push({ key: before.label, text: `${role.padEnd(10)}${b.padEnd(20)}${a}`, plain: before.value === undefined && after.value === undefined, meaning });
  }
  // The short form gives neighbouring registers that read the same one row ("x2-x17"); the full form one each.
  const shown = full
    ? rows.map((r) => ({ keys: [r.key], item: r }))
    : runs(
        rows,
        plan.cellOrder,
        (r) => r.key,
        (a, b) => a.plain && b.plain && a.text === b.text,
      );
  for (const { keys, item } of shown) {
    const key = runKey(keys);
    add(`${key.padEnd(Math.max(8, key.length + 1))}${item.text}`, '        ');
    if (item.meaning && full) add(`        ${item.meaning}`, '          ');
  }
  if (full) {
    if (quiet.length) add(`Preserved (value kept): ${describeRegisters(conv.arch, quiet)}`, '    ');
    lines.push('');
    add(`Lost after the call: ${describeRegisters(conv.arch, plan.lost)}`, '    ');
  } else add(`Lost after the call: ${describeRegisters(conv.arch, plan.lost)}.${quiet.length ? ` Kept: ${describeRegisters(conv.arch, quiet)}.` : ''}`, '    ');
  for (const l of memoryLines(plan, full)) add(l, '        ');
  if (full) {
    for (const r of plan.runs ?? []) add(`${capital(r.def.direction === 'in' ? 'argument' : 'result')} over ${r.parts.length} registers: ${orderSentence(r.def)}. ${r.def.name} = ${formatRun(r.def, r.value)}`, '    ');
  }
  if (full) for (const n of planNotes(plan)) add(`Note (${n.kind}): ${n.text}`, '    ');
  lines.push('');
  const link = permalinkLines(permalink, form);
  lines.push(...sourceLines(full ? plan.sources : layoutSources([plan], 3), full ? Infinity : shortBudget(1) - lines.length - link.length));
  lines.push(...link);
  return finish(lines);
}

const DIRECTION: Record<string, string> = { in: 'IN', out: 'OUT', inout: 'IN/OUT' };

/** The memory arguments as rows: offset, field, size, direction, what the caller wrote and what came back. */
export function memoryLines(plan: Plan, full: boolean): string[] {
  return plan.memory.flatMap((_, i) => {
    const area = memoryArea(plan, i);
    // The short form names the area; its fields are in the full text.
    return full ? ['', area.head, ...area.fields.map((f) => `  ${f.row} - ${f.meaning}`)] : [`${area.head}; ${area.fields.length} fields in the full text.`];
  });
}

/** One field of a memory argument as text: its row, and the values the caller wrote (`in`) and found after the call (`out`). */
export interface FieldText {
  name: string;
  /** "+0x390 rax (8 B, IN/OUT): in 0x8000001F, out 0x0" */
  row: string;
  meaning: string;
  in?: string;
  out?: string;
}

/** A memory argument as the text exports write it: a heading (where it is, its size) and its fields. */
export function memoryArea(plan: Plan, i: number): { head: string; fields: FieldText[] } {
  const m = plan.memory[i]!;
  const { written, answered: last } = memoryBeforeAfter(plan);
  const head = `Memory: ${m.arg.name}${m.arg.buffer ? ` in the ${m.arg.buffer}` : ''}${m.address !== undefined ? ` at ${formatHex(m.address)}` : ''}${m.carrier ? ` (address in ${m.carrier})` : ''}, ${m.arg.size} bytes`;
  const fields = m.arg.fields.map((f) => {
    const before = written[memoryKey(i, f.name)];
    const after = last[memoryKey(i, f.name)];
    const values = {
      ...(before !== undefined ? { in: formatHex(before) } : {}),
      ...(after !== undefined && f.direction !== 'in' ? { out: formatHex(after) } : {}),
    };
    const shown = [values.in ? `in ${values.in}` : '', values.out ? `out ${values.out}` : ''].filter(Boolean).join(', ');
    return { name: f.name, row: `+${formatHex(BigInt(f.offset))} ${f.name} (${f.bytes} B, ${DIRECTION[f.direction]})${shown ? `: ${shown}` : ''}`, meaning: f.meaning, ...values };
  });
  return { head, fields };
}

/**
 * Neighbouring items (registers next to each other in `order`, with the same
 * name stem) that `same` says read alike, grouped so they can share a row.
 */
export function runs<T>(items: readonly T[], order: readonly string[], keyOf: (t: T) => string, same: (a: T, b: T) => boolean): { keys: string[]; item: T }[] {
  const out: { keys: string[]; item: T }[] = [];
  for (const item of items) {
    const last = out.at(-1);
    const key = keyOf(item);
    const next = last !== undefined && order.indexOf(key) === order.indexOf(last.keys.at(-1)!) + 1 && order.indexOf(key) > 0;
    if (last && next && stem(last.keys[0]!) === stem(key) && same(last.item, item)) last.keys.push(key);
    else out.push({ keys: [key], item });
  }
  return out;
}

/** The row label of a run: "x5" or "x8-x17". */
export function runKey(keys: readonly string[]): string {
  return keys.length > 1 ? `${keys[0]}-${keys.at(-1)}` : keys[0]!;
}

function stem(name: string): string {
  return name.replace(/\d+$/, '');
}

/** Trailing spaces trimmed, one newline at the end. */
export function finish(lines: readonly string[]): string {
  return lines.map((l) => l.trimEnd()).join('\n') + '\n';
}

/** "rcx = 0xFFCC exposes to the VMM: rdx, rbx, ...": what a register mask selects, in one line. */
export function maskLine(arch: Plan['convention']['arch'], register: string, m: MaskReading): string {
  const r = m.mask.refuses;
  if (r && m.refused.length) return `${register} = ${formatHex(m.value)} is refused (bits ${m.refused.join(', ')} must be 0): ${r.error.name} = ${formatHex(r.error.value)}, ${m.mask.to} sees nothing`;
  const unnamed = m.unnamedBits.length ? `; bits ${m.unnamedBits.join(', ')} select no register drawn here` : '';
  return `${register} = ${formatHex(m.value)} exposes to ${m.mask.to}: ${describeRegisters(arch, m.exposed)}${unnamed}`;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
