import { describe, expect, it } from 'vitest';
import { callsFor, findCall, findConvention } from '../catalog';
import { marshal } from '../model/plan';
import { layoutText, TEXT_FORMS, TEXT_WIDTH, wrap } from './text';
import { catalog } from '../catalog/all';

const LONG_LINK = `https://trapscope.example/${'very-long-path/'.repeat(6)}#/smccc-1.1-hvc64/psci-cpu-on-64?x1=0x101&at=5`;

describe('plain-text layout', () => {
  it('names the call, the function id, the instruction, its encoding and ESR_EL2', () => {
    const t = layoutText(
      marshal(findConvention(catalog, 'smccc-1.1-hvc64')!, findCall(catalog, 'psci-cpu-on-64')!, { x1: 0x101n }),
      'https://example.org/#/smccc-1.1-hvc64/psci-cpu-on-64?x1=0x101',
    );
    expect(t).toContain('PSCI CPU_ON (SMC64) under SMCCC 1.1 - HVC64');
    expect(t).toContain('Function ID: 0xC4000003 in x0');
    expect(t).toContain('Instruction: hvc #0 = 0xD4000002, EL1 -> EL2');
    expect(t).toContain('ESR_EL2: 0x5A000000 (EC 0x16, IL 0x1, ISS 0x0)');
    expect(t).toMatch(/^x1 {6}ARG>LOST {2}0x101 {15}unknown$/m);
    expect(t).toMatch(/^x0 {6}ID>RES {4}0xC4000003 {10}0x0$/m);
    expect(t).toContain('Preserved (value kept): x4-x30, sp');
    expect(t.trimEnd().endsWith('Permalink:\nhttps://example.org/#/smccc-1.1-hvc64/psci-cpu-on-64?x1=0x101')).toBe(true);
  });

  it.each(catalog.conventions.flatMap((conv) => callsFor(catalog, conv).map((call) => [conv.id, call.id, conv, call] as const)))(
    'is ASCII, at most 72 columns (30 lines short), the link whole on its own line, for %s / %s',
    (_, __, conv, call) => {
      for (const form of TEXT_FORMS) {
        const lines = layoutText(marshal(conv, call), LONG_LINK, form).trimEnd().split('\n');
        expect(lines.at(-1)).toBe(LONG_LINK);
        if (form === 'short') expect(lines.length).toBeLessThanOrEqual(30);
        for (const line of lines.slice(0, -1)) {
          expect(line.length, line).toBeLessThanOrEqual(TEXT_WIDTH);
          expect(/^[\x20-\x7e]*$/.test(line), line).toBe(true);
        }
      }
    },
  );

  it('short: the registers, the trap and the layout’s sources, with runs of like registers in one row; full: every note and source', () => {
    const plan = marshal(findConvention(catalog, 'hyperv-arm64-2019-hvc1')!, findCall(catalog, 'hyperv-arm64-2019-get-vp-registers')!);
    const short = layoutText(plan, LONG_LINK, 'short');
    const full = layoutText(plan, LONG_LINK, 'full');
    expect(short).toMatch(/^x4-x14 {2}LOST>LOST -/m);
    expect(short).toMatch(/^x15 {5}RES>RES {3}- {19}0x2$/m);
    expect(short).not.toContain('Note (');
    expect(full).toContain('Note (');
    expect(full).toMatch(/^x4 {6}LOST>LOST/m);
    expect(full.match(/^\[\d+\]/gm)!.length).toBe(plan.sources.length);
  });

  it('wraps long words by cutting them, and indents continuations', () => {
    expect(wrap('a '.repeat(50), 20).every((l) => l.length <= 20)).toBe(true);
    expect(wrap('x'.repeat(45), 20)).toEqual(['x'.repeat(20), `  ${'x'.repeat(18)}`, `  ${'x'.repeat(7)}`]);
  });
});
