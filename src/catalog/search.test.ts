import { describe, expect, it } from 'vitest';
import { searchCalls } from './search';

describe('searchCalls', () => {
  it('finds PSCI CPU_ON by its function id, in any spelling', () => {
    for (const q of ['0xC4000003', '0xc4000003', '3288334339']) {
      const hits = searchCalls(q);
      expect(hits[0]).toMatchObject({ matched: 'number', call: { id: 'psci-cpu-on-64' } });
    }
  });

  it('finds calls by words of their name, and lists the conventions each fits', () => {
    const hits = searchCalls('cpu_on');
    expect(hits.map((h) => h.call.id)).toEqual(expect.arrayContaining(['psci-cpu-on-32', 'psci-cpu-on-64']));
    const on64 = hits.find((h) => h.call.id === 'psci-cpu-on-64')!;
    expect(on64.conventions.map((c) => c.id)).toContain('smccc-1.1-hvc64');
    expect(on64.conventions.every((c) => c.slotBits === 64)).toBe(true);
  });

  it('finds nothing for nothing', () => {
    expect(searchCalls('   ')).toEqual([]);
    expect(searchCalls('no such call anywhere')).toEqual([]);
  });
});
