import { describe, expect, it } from 'vitest';
import { callsFor } from '../catalog';
import { guides } from '../catalog/guides';
import { cellValue } from '../model/cell-value';
import { alignRegisters, telling } from '../model/compare';
import { decodePermalink, encodePermalink } from './permalink';
import { derive } from './plans';
import { TEXT_WIDTH } from './text';
import type { CompareView, PaneState } from './view';
import { viewText } from './view-text';
import { catalog } from '../catalog/all';

const BASE = 'https://trapscope.example/some/long/path/';

/** Every guide at every moment, and comparisons of neighbouring conventions' first calls, two to four panes. */
function corpus(): CompareView[] {
  const views: CompareView[] = [];
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
        // 45 lines for up to three panes, in one table or stacked into two.
        if (form === 'short' && view.panes.length <= 3) expect(lines.length, where).toBeLessThanOrEqual(45);
      }
    },
  );

  it('shows every pane’s cell of every row it lists, whole: panes that do not fit go to a table of their own', { timeout: 60_000 }, () => {
    let stacked = 0;
    for (const view of cases) {
      const { plans, moments } = derive(catalog, view);
      const text = viewText(view, { plans, moments }, undefined, 'short');
      const headers = text.split('\n').filter((l) => /^(reg|role) {2,}\d/.test(l));
      // Each pane number heads exactly one column.
      expect(headers.flatMap((h) => h.split(/\s+/).slice(1)).sort(), encodePermalink(view)).toEqual(plans.map((_, i) => String(i + 1)).sort());
      if (headers.length > 1) stacked++;
      const trap = moments.findIndex((m) => m.phase === 'trap');
      const at = moments[view.step]!.phase === 'marshal' ? trap : view.step;
      for (const row of telling(alignRegisters(plans, moments[at]!.steps)).rows)
        for (const c of row.cells) if (c && c.value !== undefined) expect(text, `${encodePermalink(view)} ${row.key}`).toContain(cellValue(c));
    }
    expect(stacked).toBeGreaterThan(0);
  });
});

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
