import { decodeFields, fieldValueName } from '../model/bits';
import { describeRegisters } from '../model/narration';
import type { Plan } from '../model/plan';
import { formatHex } from '../model/value';

/**
 * The layout as plain text for an email: ASCII only, at most 72 columns,
 * still readable when quoted with "> ". Reads only the plan, so it says
 * what the screen says.
 */
export const TEXT_WIDTH = 72;

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

const ROLE: Record<string, string> = { 'call-id': 'ID', argument: 'ARG', result: 'RES', clobbered: 'LOST', preserved: 'KEPT', unused: '-' };

export function layoutText(plan: Plan, permalink?: string): string {
  const { convention: conv, call, trap } = plan;
  const lines: string[] = [];
  const add = (s: string, indent = '  ') => lines.push(...wrap(s, TEXT_WIDTH, indent));

  add(`${call.name} under ${conv.name}`);
  add(`(${conv.familyName}; Trapscope layout)`);
  lines.push('');
  if (conv.selector) {
    let id = `${capital(conv.selectorName)}: ${formatHex(plan.callNumber)} in ${conv.selector}`;
    if (conv.functionId) {
      const f = decodeFields(conv.functionId.layout, plan.callNumber);
      id += ` (${conv.functionId.layout.fields
        .filter((x) => f[x.key] !== 0n || x.key === 'number' || x.key === 'cc')
        .map((x) => `${x.name} ${formatHex(f[x.key]!)}${fieldValueName(x, f[x.key]!) ? ` ${fieldValueName(x, f[x.key]!)}` : ''}`)
        .join(', ')})`;
    }
    if (!plan.callNumberIsCatalog) id += ' [changed: not a catalog call]';
    add(id, '    ');
  } else {
    add(`Call number: ${formatHex(plan.callNumber)} in the instruction's immediate`, '    ');
  }
  add(`Instruction: ${trap.instruction.text} = ${trap.instruction.hex}, ${trap.from} -> ${trap.to}`, '    ');
  if (trap.trappedBy) add(`${trap.trappedBy.level} sees it only if ${trap.trappedBy.control} traps it.`, '    ');
  for (const s of [trap.syndrome, ...trap.alsoSyndromes]) {
    if (!s) continue;
    const fields = s.layout.fields.map((f) => `${f.key} ${formatHex(s.fields[f.key] ?? 0n)}`).join(', ');
    add(`${s.register}: ${formatHex(s.value, 8)} (${fields})`, '    ');
  }
  lines.push('');

  const first = plan.steps[0]!;
  const loaded = plan.steps.find((s) => s.phase === 'trap')!;
  const last = plan.steps.at(-1)!;
  lines.push('reg     role      before              after');
  const detailed = plan.cellOrder.filter((c) => first.cells[c]!.role !== 'unused' || last.cells[c]!.role !== 'unused');
  const quiet: string[] = [];
  for (const c of detailed) {
    const before = loaded.cells[c]!;
    const after = last.cells[c]!;
    if (before.value === undefined && after.role === 'preserved') {
      quiet.push(c);
      continue;
    }
    const b = before.value !== undefined ? formatHex(before.value) : '-';
    const a = after.value !== undefined ? formatHex(after.value) : after.role === 'clobbered' ? 'unknown' : after.role === 'preserved' ? 'kept' : '-';
    const role = `${ROLE[before.role] ?? '-'}>${ROLE[after.role] ?? '-'}`;
    add(`${before.label.padEnd(8)}${role.padEnd(10)}${b.padEnd(20)}${a}`, '        ');
    const meaning = [
      before.meaning && before.value !== undefined ? `in: ${before.meaning}` : '',
      after.role === 'result' && after.meaning ? `out: ${after.meaning}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    if (meaning) add(`        ${meaning}`, '          ');
  }
  if (quiet.length) add(`Preserved (value kept): ${describeRegisters(conv.arch, quiet)}`, '    ');
  lines.push('');
  add(`Lost after the call: ${describeRegisters(conv.arch, plan.lost)}`, '    ');
  for (const n of [...conv.notes, ...call.notes]) add(`Note (${n.kind}): ${n.text}`, '    ');
  lines.push('');
  lines.push('Sources:');
  plan.sources.forEach((s, i) => add(`[${i + 1}] ${s.title}: ${s.where}`, '    '));
  if (permalink) {
    lines.push('');
    lines.push(...wrap(`Permalink: ${permalink}`, TEXT_WIDTH, ''));
  }
  return lines.map((l) => l.trimEnd()).join('\n') + '\n';
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A view's layouts as plain text, pane after pane, as the Share panel and the command line print it. */
export function viewText(plans: readonly Plan[], permalink?: string): string {
  return plans.map((p) => layoutText(p, permalink)).join('\n');
}
