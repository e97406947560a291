import { describe, expect, it } from 'vitest';
import { catalog } from './all';
import { buildCallIndex } from './manifest';
import { searchCalls as search } from './search';

const calls = buildCallIndex(catalog);
const searchCalls = (q: string) => search(q, calls);

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
    expect(on64.call.conventions).toContain('smccc-1.1-hvc64');
    expect(on64.call.conventions).not.toContain('smccc-1.1-hvc32');
  });

  it('finds calls of every family, loaded or not, with the chunk that holds them', () => {
    expect(searchCalls('0x46000001')).toEqual([]);
    expect(searchCalls('HvCallGetVpRegisters')[0]?.call.key ?? searchCalls('get vp registers')[0]!.call.key).toBe('hyperv');
    expect(searchCalls('0x6000')[0]).toMatchObject({ matched: 'number', call: { id: 'gunyah-2022-hyp-identify', key: 'gunyah' } });
  });

  it('finds nothing for nothing', () => {
    expect(searchCalls('   ')).toEqual([]);
    expect(searchCalls('no such call anywhere')).toEqual([]);
  });
});
