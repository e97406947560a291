import { describe, expect, it } from 'vitest';
import { callsFor, catalog, findCall, findConvention } from '../catalog';
import { marshal } from '../model/plan';
import { layoutText, TEXT_WIDTH, wrap } from './text';

describe('plain-text layout', () => {
  it('names the call, the function id, the instruction, its encoding and ESR_EL2', () => {
    const t = layoutText(
      marshal(findConvention('smccc-1.1-hvc64')!, findCall('psci-cpu-on-64')!, { x1: 0x101n }),
      'https://example.org/#/smccc-1.1-hvc64/psci-cpu-on-64?x1=0x101',
    );
    expect(t).toContain('PSCI CPU_ON (SMC64) under SMCCC 1.1 - HVC64');
    expect(t).toContain('Function ID: 0xC4000003 in x0');
    expect(t).toContain('Instruction: hvc #0 = 0xD4000002, EL1 -> EL2');
    expect(t).toContain('ESR_EL2: 0x5A000000 (EC 0x16, IL 0x1, ISS 0x0)');
    expect(t).toMatch(/^x1 {6}ARG>LOST {2}0x101 {15}unknown$/m);
    expect(t).toMatch(/^x0 {6}ID>RES {4}0xC4000003 {10}0x0$/m);
    expect(t).toContain('Preserved (value kept): x4-x30, sp');
    expect(t.trimEnd().endsWith('Permalink: https://example.org/#/smccc-1.1-hvc64/psci-cpu-on-64?x1=0x101')).toBe(true);
  });

  it.each(catalog.conventions.flatMap((conv) => callsFor(conv).map((call) => [conv.id, call.id, conv, call] as const)))(
    'is ASCII, at most 72 columns, for %s / %s',
    (_, __, conv, call) => {
      const t = layoutText(marshal(conv, call), 'https://example.org/#/x');
      for (const line of t.split('\n')) {
        expect(line.length, line).toBeLessThanOrEqual(TEXT_WIDTH);
        expect(/^[\x20-\x7e]*$/.test(line), line).toBe(true);
      }
    },
  );

  it('wraps long words by cutting them, and indents continuations', () => {
    expect(wrap('a '.repeat(50), 20).every((l) => l.length <= 20)).toBe(true);
    expect(wrap('x'.repeat(45), 20)).toEqual(['x'.repeat(20), `  ${'x'.repeat(18)}`, `  ${'x'.repeat(7)}`]);
  });
});
