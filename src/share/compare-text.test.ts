import { describe, expect, it } from 'vitest';
import { callsFor } from '../catalog';
import { guides } from '../catalog/guides';
import { cellValue } from '../model/cell-value';
import { alignRegisters, telling } from '../model/compare';
import type { Plan } from '../model/plan';
import { decodePermalink, encodePermalink } from './permalink';
import { derive } from './plans';
import { ROLE, shortBudget, TEXT_WIDTH, toAscii } from './text';
import type { CompareView, PaneState } from './view';
import { viewText } from './view-text';
import { catalog } from '../catalog/all';

const BASE = 'https://trapscope.example/some/long/path/';

/** Fourteen distinct 64-bit words for x4-x17 of a pane, as a link writes them: "2.x4=0xD0...&2.x5=...". */
const payload = (pane: number, top: string) =>
  Array.from({ length: 14 }, (_, i) => `${pane}.x${i + 4}=0x${top}${(i + 1).toString(16).repeat(15)}`).join('&');

const REQ2 = 'ffa-smc64/ffa-msg-send-direct-req2';
const REQ2_HVC = 'ffa-hvc64/ffa-msg-send-direct-req2';
const GET_VP = 'hyperv-arm64-smccc/hyperv-arm64-get-vp-registers';
const SET_VP = 'hyperv-arm64-smccc/hyperv-arm64-set-vp-registers';

/**
 * Comparisons whose panes carry many 64-bit values, the ones that outgrow 45
 * lines when every value is written in every pane: FF-A's REQ2 over SMC64 and
 * HVC64 beside Hyper-V, REQ2 three times, payloads typed into each pane, and
 * four panes (which may stack into two tables).
 */
export const WIDE = [
  `#/compare/${REQ2}/${REQ2_HVC}/${GET_VP}`,
  `#/compare/${REQ2}/${REQ2_HVC}/${REQ2}?at=20`,
  `#/compare/${REQ2}/${REQ2_HVC}/${SET_VP}?${payload(1, 'A')}&2.x4=0xFEDCBA9876543210&2.x9=0x0102030405060708`,
  `#/compare/${REQ2}/${REQ2_HVC}/${REQ2}?${payload(1, 'A')}&${payload(2, 'B')}&${payload(3, 'C')}&1.x2=0x0102030405060708`,
  `#/compare/${GET_VP}/${REQ2}/pkvm-host-hvc64/pkvm-host-pkvm-init-vm?${payload(2, 'D')}`,
  `#/compare/${REQ2}/${REQ2_HVC}/${GET_VP}/${SET_VP}`,
  `#/compare/${REQ2}/${REQ2_HVC}/${SET_VP}/${REQ2}?${payload(1, 'A')}&${payload(4, 'E')}`,
  `#/compare/${REQ2}/${REQ2_HVC}/${REQ2}/${REQ2_HVC}?${payload(1, 'A')}&${payload(2, 'B')}&${payload(3, 'C')}&${payload(4, 'D')}`,
];

const GHCB_CPUID = 'sev-es-ghcb-page/sev-ghcb-cpuid';
const KICK = 'kvm-x86-vmmcall/kvm-hc-kick-cpu';

/** Comparisons where panes pass arguments in memory: the GHCB page beside a plain VMMCALL, FF-A's descriptor, and two areas beside a third pane. */
export const MEMORY = [
  `#/compare/${GHCB_CPUID}/${KICK}`,
  `#/compare/${KICK}/${GHCB_CPUID}?2.m0.rax=0x80000008`,
  `#/compare/ffa-smc64/ffa-mem-share-64/sev-es-ghcb-page/sev-ghcb-mmio-read/${KICK}`,
  `#/compare/ffa-smc64/ffa-mem-share-64/ffa-smc64/ffa-mem-lend-64/${GHCB_CPUID}/sev-es-ghcb-page/sev-ghcb-mmio-read`,
  `#/compare/ffa-smc64/ffa-mem-share-64/ffa-hvc64/ffa-mem-share-64/${REQ2}?1.m0.tag=0x1234`,
];

/** Every guide at every moment, comparisons of neighbouring conventions' first calls (two to four panes), and the wide ones at the trap and the end. */
function corpus(): CompareView[] {
  const views: CompareView[] = [];
  for (const link of [...WIDE, ...MEMORY]) {
    const view = decodePermalink(catalog, link).state as CompareView;
    const moments = derive(catalog, view).moments;
    for (const step of [moments.findIndex((m) => m.phase === 'trap'), moments.length - 1]) views.push({ ...view, step });
  }
  for (const g of guides) {
    const { state } = decodePermalink(catalog, `#/guide/${g.id}`);
    const n = derive(catalog, state).moments.length;
    for (let step = 0; step < n; step++) views.push({ ...(state as CompareView), step });
  }
  const firsts: PaneState[] = catalog.conventions.flatMap((c) => {
    const call = callsFor(catalog, c)[0];
    return call ? [{ convention: c.id, call: call.id, args: {} }] : [];
  });
  const n = firsts.length;
  firsts.forEach((p, i) => {
    for (const panes of [
      [p, firsts[(i + 1) % n]!],
      [p, firsts[(i + 5) % n]!, firsts[(i + 11) % n]!],
      [p, firsts[(i + 2) % n]!, firsts[(i + 9) % n]!, firsts[(i + 17) % n]!],
    ]) {
      const view: CompareView = { kind: 'compare', panes, step: 0 };
      const moments = derive(catalog, view).moments;
      for (const step of [moments.findIndex((m) => m.phase === 'trap'), moments.length - 1]) views.push({ ...view, step });
    }
  });
  return views;
}

const cases = corpus();
const quote = (t: string) => t.trimEnd().replace(/^/gm, '> ');

describe('a comparison as plain text, over every guide and a corpus of comparisons', () => {
  it.each(['short', 'full'] as const)(
    '%s: ASCII, 72 columns (78 quoted twice), the link once and whole, sources numbered once',
    { timeout: 120_000 },
    (form) => {
      expect(cases.length).toBeGreaterThan(100);
      // The full form is long to make: every guide moment and a sample of the rest.
      for (const view of form === 'short' ? cases : cases.filter((v, i) => v.guide || i % 3 === 0)) {
        const link = `${BASE}${encodePermalink(view)}`;
        const text = viewText(view, derive(catalog, view), link, form);
        const where = `${encodePermalink(view)} (${form})`;
        const lines = text.trimEnd().split('\n');
        expect(lines.at(-1), where).toBe(link);
        expect(text.split(link).length - 1, where).toBe(1);
        for (const line of lines.slice(0, -1)) {
          expect(line.length, `${where}: ${line}`).toBeLessThanOrEqual(TEXT_WIDTH);
          expect(/^[\x20-\x7e]*$/.test(line), `${where}: ${line}`).toBe(true);
        }
        for (const line of quote(quote(text)).trimEnd().split('\n').slice(0, -1)) expect(line.length, where).toBeLessThanOrEqual(78);
        const numbers = lines.flatMap((l) => /^\[(\d+)\] /.exec(l)?.[1] ?? []).map(Number);
        expect(numbers, where).toEqual(numbers.map((_, i) => i + 1));
        const entries = text
          .slice(text.indexOf('\nSources:\n'))
          .split(/\n\[\d+\] /)
          .slice(1);
        expect(new Set(entries).size, where).toBe(entries.length);
        // 45 lines for up to three panes, in one table or stacked into two; 15 more for each further pane.
        if (form === 'short') expect(lines.length, where).toBeLessThanOrEqual(shortBudget(view.panes.length));
      }
    },
  );

  it.each(['short', 'full'] as const)(
    '%s: every pane’s role and value of every row can be read back, whole: written out, "= n", listed under the table or named as left to the full text',
    { timeout: 120_000 },
    (form) => {
      let stacked = 0;
      const folds = new Set<string>();
      for (const view of form === 'short' ? cases : cases.filter((v, i) => v.guide || i % 3 === 0)) {
        const { plans, moments } = derive(catalog, view);
        const text = viewText(view, { plans, moments }, `${BASE}${encodePermalink(view)}`, form);
        const where = `${encodePermalink(view)} (${form})`;
        const read = readBack(text, plans);
        // Each pane number heads exactly one column.
        expect(read.panes.sort(), where).toEqual(plans.map((_, i) => i).sort());
        if (read.tables > 1) stacked++;
        const trap = moments.findIndex((m) => m.phase === 'trap');
        const at = moments[view.step]!.phase === 'marshal' ? trap : view.step;
        for (const row of telling(alignRegisters(plans, moments[at]!.steps)).rows)
          row.cells.forEach((c, i) => {
            if (!c) return;
            const expected = toAscii(`${ROLE[c.role]} ${c.label !== row.key ? `${c.label} ` : ''}${cellValue(c)}`);
            const got = read.cell(row.key, i);
            if (got.kind === 'left out') folds.add('left out');
            else {
              if (got.kind !== 'written') folds.add(got.kind);
              expect(got.text, `${where} ${row.key} pane ${i + 1}`).toBe(expected);
            }
            if (form === 'full') expect(got.kind, `${where} ${row.key} pane ${i + 1}`).toBe('written');
          });
      }
      expect(stacked).toBeGreaterThan(0);
      // The corpus reaches every fold the short form has.
      if (form === 'short') expect([...folds].sort()).toEqual(['as', 'left out', 'listed']);
    },
  );
});

/**
 * Reads a comparison's text back as a reader would: its tables (column
 * positions from each header), runs of registers ("x8-x17"), "= n" cells,
 * the values listed under the tables and the sentence naming values left
 * to the full text.
 */
function readBack(text: string, plans: readonly Plan[]) {
  const lines = text.split('\n');
  const order = plans[0]!.cellOrder;
  const shown = new Map<string, string>();
  const panes: number[] = [];
  let tables = 0;
  lines.forEach((header, h) => {
    if (!/^(reg|role) {2,}\d/.test(header)) return;
    tables++;
    const cols = [...header.matchAll(/\d+/g)].map((m) => ({ pane: Number(m[0]) - 1, at: m.index }));
    panes.push(...cols.map((c) => c.pane));
    for (const line of lines.slice(h + 1)) {
      if (line === '' || /^(\* roles|"= |Kept by|Joined rows| )/.test(line)) break;
      const label = line.slice(0, cols[0]!.at).trim().replace(/ \*$/, '');
      const run = /^(\w+?\d+)-(\w+?\d+)$/.exec(label);
      const keys = run ? order.slice(order.indexOf(run[1]!), order.indexOf(run[2]!) + 1) : [label];
      cols.forEach((c, j) => {
        const cell = line.slice(c.at, cols[j + 1]?.at).trim();
        for (const k of keys) shown.set(`${k}|${c.pane}`, cell);
      });
    }
  });
  const listing = new Map<string, string>();
  const start = lines.indexOf('Values in the joined rows, by pane:');
  if (start >= 0)
    for (let i = start + 1, pane = -1; lines[i]; i++) {
      const entry = /^(\d+): (.*)$/.exec(lines[i]!);
      if (entry) pane = Number(entry[1]) - 1;
      for (const [, k, v] of (entry ? entry[2]! : lines[i]!).matchAll(/(\w+)=(\S+)/g)) listing.set(`${k}|${pane}`, v!);
    }
  const leftOut = /leave their values to the full text and the link: ([^.]*)\./.exec(text.replace(/\n +/g, ' '))?.[1];
  type Read = { kind: 'written' | 'as' | 'listed'; text: string } | { kind: 'left out' };
  const cell = (key: string, pane: number): Read => {
    const got = shown.get(`${key}|${pane}`);
    if (got === undefined) throw new Error(`${key} of pane ${pane + 1} is not in any table`);
    const as = /^= (\d+)$/.exec(got);
    if (as) {
      expect(Number(as[1]) - 1, `${key}: "= n" names an earlier pane`).toBeLessThan(pane);
      const other = cell(key, Number(as[1]) - 1);
      return other.kind === 'left out' ? other : { kind: 'as', text: other.text };
    }
    const joined = /^(\S+(?: \S+)?) +\d+ values$/.exec(got);
    if (!joined) return { kind: 'written', text: got.replace(/ +/g, ' ') };
    const value = listing.get(`${key}|${pane}`);
    if (value !== undefined) return { kind: 'listed', text: `${joined[1]} ${value}` };
    expect(leftOut, `${key} of pane ${pane + 1}: its value is named as left out`).toContain(`${pane + 1}: `);
    return { kind: 'left out' };
  };
  return { panes, tables, cell };
}

describe('the comparison of the mail thread: SMCCC 1.2, Hyper-V (SMCCC) and Gunyah 2022 at the trap', () => {
  const fragment =
    '#/compare/smccc-1.2-hvc64/psci-cpu-on-64/hyperv-arm64-smccc/hyperv-arm64-get-vp-registers/gunyah-2022-hvc-imm/gunyah-2022-hyp-identify?at=7';
  const { state } = decodePermalink(catalog, fragment);
  const short = viewText(state, derive(catalog, state), `${BASE}${fragment}`, 'short');
  const full = viewText(state, derive(catalog, state), `${BASE}${fragment}`, 'full');

  it('is one table with the trap row per pane, and Gunyah’s result registers pending, not lost', () => {
    expect(short).toContain('registers at step 7/12 (trap)');
    expect(short).toMatch(/^ {5}hvc #0x6000 = 0xD40C0002, EL1 -> EL2; ESR_EL2 0x5A006000$/m);
    expect(short).toMatch(/^x1 \* +ARG {2}0x1 +ID {3}0x100010050 +RES {2}pending$/m);
    expect(short).toMatch(/^x6-x7 \* +KEPT kept +RES {2}pending +LOST unknown$/m);
    expect(short).toContain('* roles differ now. Kept by every pane: x18-x30, sp.');
    expect(short).toMatch(/^\[1\] /m);
  });

  it('carries the argument: who may clobber what the other keeps, and the bytes each call moves', () => {
    expect(short).toContain('3 may clobber x4-x17, which 1 keeps.');
    expect(short).toMatch(/^ {2}2 {2}in 24 B \(x2-x4\), out 24 B \(x0, x6, x7\), lost 3 \(x1-x3\)$/m);
  });

  it('short leaves the notes to the full form, which has every note and more sources', () => {
    // Hyper-V's arm64 register rules became a disagreement (the TLFS's ARM64 Volatile Registers against SMCCC 1.1).
    expect(short).toContain('Sources (they disagree on 5 points; see the full text):');
    expect(full).toContain('(3) disagreement: The sources disagree on which registers a call may');
    expect(full.split('\n[').length).toBeGreaterThan(short.split('\n[').length);
  });
});

describe('the FF-A guide: three panes of 64-bit values', () => {
  const { state } = decodePermalink(catalog, '#/guide/ffa-direct-messages');
  const short = viewText(state, derive(catalog, state), `${BASE}#/guide/ffa-direct-messages`, 'short');

  it('fits its three panes in one table of 72 columns, within 45 lines, with a source', () => {
    const lines = short.trimEnd().split('\n');
    expect(lines.filter((l) => /^reg {2,}\d/.test(l))).toEqual([expect.stringMatching(/^reg +1 +2 +3$/)]);
    expect(short).toMatch(/^x2 +ARG {2}0x0 +ARG {2}0x1122334455667788 +ARG {2}0xFFFFFFFFFFFFFFFF$/m);
    expect(lines.length).toBeLessThanOrEqual(45);
    expect(short).toMatch(/^\[1\] /m);
  });
});

describe('many 64-bit values in the short form: a value once per row, then runs of one role joined, and the text says so', () => {
  const text = (link: string, form: 'short' | 'full' = 'short') => {
    const { state } = decodePermalink(catalog, link);
    return viewText(state, derive(catalog, state), `${BASE}${link}`, form);
  };
  const count = (t: string) => t.trimEnd().split('\n').length;

  it('REQ2 over SMC64 and over HVC64 beside Hyper-V: one table, pane 2 "= 1" where it reads as pane 1, within 45 lines', () => {
    const short = text(WIDE[0]!);
    expect(count(short)).toBeLessThanOrEqual(45);
    expect(short.match(/^reg {2,}\d.*$/gm)).toEqual([expect.stringMatching(/^reg +1 +2 +3$/)]);
    expect(short).toMatch(/^x2 {5}ARG {2}0x1122334455667788 {2}= 1 {2}ARG {2}0xFFFFFFFFFFFFFFFF$/m);
    expect(short).toMatch(/^x17 \* {2}ARG {2}0xEEEE {14}= 1 {2}KEPT kept$/m);
    expect(short).toContain('"= 1": role and value as in pane 1.');
    // The full form writes pane 2's values out, and so stacks pane 3 in a table of its own.
    const full = text(WIDE[0]!, 'full');
    expect(full).not.toMatch(/^x\d.* {2}= \d( |$)/m);
    expect(full).toMatch(/^x2 +ARG {2}0x1122334455667788 {2}ARG {2}0x1122334455667788$/m);
    expect(full).toMatch(/^x2 +ARG {2}0xFFFFFFFFFFFFFFFF$/m);
  });

  it('REQ2 three times at step 20: 60 lines before, now one table whose panes 2 and 3 read "= 1"', () => {
    const short = text(WIDE[1]!);
    expect(count(short)).toBeLessThanOrEqual(45);
    expect(short).toMatch(/^x3 {3}ARG {2}0x99AABBCCDDEEFF00 {2}= 1 {2}= 1$/m);
    expect(short).toMatch(/^\[1\] /m);
  });

  it('payloads typed into the panes: runs of one role share a row and their values are listed under the table, pane by pane', () => {
    const short = text(WIDE[2]!);
    expect(count(short)).toBeLessThanOrEqual(45);
    expect(short).toMatch(/^x8-x17 \* +ARG {2}10 values +ARG {2}10 values +KEPT kept$/m);
    expect(short).toContain('\nValues in the joined rows, by pane:\n1: x2=0x1122334455667788 x3=0x99AABBCCDDEEFF00 x4=0xA111111111111111\n');
    expect(short).toMatch(/^2: x4=0xFEDCBA9876543210 x5=0x2222 /m);
  });

  it('three panes of fourteen distinct 64-bit words: the joined rows’ values are named as left to the full text, which has them all', () => {
    const short = text(WIDE[3]!);
    expect(count(short)).toBeLessThanOrEqual(45);
    expect(short.replace(/\n +/g, ' ')).toContain('Joined rows (several registers, one role) leave their values to the full text and the link: 1: x4-x17; 2: x4-x17; 3: x4-x17.');
    const full = text(WIDE[3]!, 'full');
    for (const v of ['0xA111111111111111', '0xBEEEEEEEEEEEEEEE', '0xCDDDDDDDDDDDDDDD']) expect(full).toContain(v);
  });
});

/**
 * Reads the memory part of a comparison's text back: per pane, each field's
 * values as a row ("+0x1F8 rax (8 B, IN/OUT): in 0x8000001F, out 0x0"), as
 * "name=value" lists, or the note that the fields are in the full text.
 */
function memoryBack(text: string) {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Memory: '));
  const logical: string[] = [];
  for (const line of start < 0 ? [] : lines.slice(start)) {
    if (line === '') break;
    // A wrapped line goes on at its own indent: 4 under the sentence, 5 under a pane's area, 9 or 11 under a field's line.
    const depth = /^ */.exec(line)![0].length;
    const prev = logical.at(-1);
    const prevDepth = prev === undefined ? -1 : /^ */.exec(prev)![0].length;
    const goesOn = ({ 0: [4], 2: [5], 7: [9, 11] } as Record<number, number[]>)[prevDepth]?.includes(depth);
    if (prev !== undefined && goesOn) logical[logical.length - 1] = `${prev} ${line.trim()}`;
    else logical.push(line);
  }
  const values = new Map<string, { in?: string; out?: string }>();
  const named = new Set<number>();
  let pane = -1;
  for (const l of logical) {
    const head = /^ {2}(\d) {2}/.exec(l);
    if (head) {
      pane = Number(head[1]) - 1;
      continue;
    }
    const row = /^ {7}\+0x[0-9A-F]+ (\S+) \([^)]*\)(?:: (.*?))?(?: - .*)?$/.exec(l);
    if (row) {
      const v: { in?: string; out?: string } = {};
      for (const [, k, x] of (row[2] ?? '').matchAll(/(in|out) (0x[0-9A-F]+)/g)) v[k as 'in' | 'out'] = x!;
      values.set(`${pane}|${row[1]}`, v);
      continue;
    }
    if (/^ {7}\d+ fields, in the full text\.$/.test(l)) {
      named.add(pane);
      continue;
    }
    for (const part of l.trim().split('; ')) {
      const list = /^(in|out): (.*)$/.exec(part);
      if (!list) continue;
      for (const [, k, x] of list[2]!.matchAll(/(\S+)=(0x[0-9A-F]+)/g)) values.set(`${pane}|${k}`, { ...values.get(`${pane}|${k}`), [list[1]!]: x! });
    }
  }
  return { sentence: logical[0], values, named, allNamed: /The fields are in the full text\./.test(logical[0] ?? '') };
}

describe('memory arguments in a comparison’s text', () => {
  const cases = MEMORY.flatMap((link) => {
    const view = decodePermalink(catalog, link).state as CompareView;
    const moments = derive(catalog, view).moments;
    return [0, moments.length - 1].map((step) => ({ ...view, step }));
  });

  it.each(['short', 'full'] as const)('%s: every field of every pane’s memory reads back with the value written and the value found after the call, or is named as in the full text', (form) => {
    for (const view of cases) {
      const { plans, moments } = derive(catalog, view);
      const text = viewText(view, { plans, moments }, `${BASE}${encodePermalink(view)}`, form);
      const where = `${encodePermalink(view)} (${form})`;
      const back = memoryBack(text);
      expect(back.sentence, where).toMatch(/^Memory: /);
      plans.forEach((p, i) => {
        if (p.memory.length === 0) expect(back.sentence, where).toContain(`${i + 1} uses registers only`);
        const trap = p.steps.find((s) => s.phase === 'trap')!.memory?.values ?? {};
        const end = p.steps.at(-1)!.memory?.values ?? {};
        p.memory.forEach((m, n) =>
          m.arg.fields.forEach((f) => {
            if (form === 'short' && (back.allNamed || back.named.has(i))) return;
            const got = back.values.get(`${i}|${f.name}`);
            const key = `${n}:${f.name}`;
            const hex = (v: bigint | undefined) => (v === undefined ? undefined : `0x${v.toString(16).toUpperCase()}`);
            expect(got, `${where} pane ${i + 1} ${f.name}`).toBeDefined();
            expect(got!.in, `${where} pane ${i + 1} ${f.name} in`).toBe(hex(trap[key]));
            expect(got!.out, `${where} pane ${i + 1} ${f.name} out`).toBe(f.direction === 'in' ? undefined : hex(end[key]));
          }),
        );
      });
      if (form === 'full') expect(back.named.size + Number(back.allNamed), where).toBe(0);
    }
  });

  it('the GHCB page beside a plain VMMCALL: pane 1 writes the page, pane 2 uses registers only, and each GHCB field is a row', () => {
    const { state } = decodePermalink(catalog, MEMORY[0]!);
    const short = viewText(state, derive(catalog, state), `${BASE}${MEMORY[0]}`, 'short');
    expect(short).toContain('Memory: 1 writes 70 B into the GHCB page and finds 40 B there after the\n    call; 2 uses registers only.');
    expect(short).toMatch(/^ {2}1 {2}GHCB page at 0x7F123000 \(address in ghcb_msr\), 4096 bytes$/m);
    expect(short).toMatch(/^ {7}\+0x318 rbx \(8 B, OUT\): out 0x33$/m);
    expect(short).toMatch(/^ {7}\+0x390 sw_exit_code \(8 B, IN\): in 0x72$/m);
  });

  it('a field set in the link is the value the text says the caller wrote', () => {
    const { state } = decodePermalink(catalog, MEMORY[1]!);
    const full = viewText(state, derive(catalog, state), `${BASE}${MEMORY[1]}`, 'full');
    expect(full).toMatch(/^ {7}\+0x1F8 rax \(8 B, IN\/OUT\): in 0x80000008, out 0x0 - /m);
  });
});
