import { describe, expect, it } from 'vitest';
import { requireCall, requireConvention } from '../catalog';
import { differences, observedLines, unexplained, type ObservedData, type Observation } from './observed';
import { marshal } from './plan';
import { catalog } from '../catalog/all';

const plan = marshal(requireConvention(catalog, 'smccc-1.1-hvc32'), requireCall(catalog, 'psci-features'));
const base: Observation = { platform: 'p', convention: 'smccc-1.1-hvc32', call: 'psci-features', results: [{ register: 'w0', value: '0x0' }] };
const data: ObservedData = { platforms: { p: { qemu: '7.2', machine: 'virt', cpu: 'cortex-a57' } }, observations: [base] };
const note = { platforms: ['p'], calls: ['psci-features'], text: 'QEMU answers 0.', sources: [{ title: 't', where: 'w' }] };

describe('observations against the catalog', () => {
  it('finds a result that differs from the example, and keeps both values', () => {
    expect(differences(base, plan)).toEqual([{ register: 'w0', expected: '0x2', observed: '0x0' }]);
  });

  it('asks for a fix or a note when a difference is unexplained, and accepts a note', () => {
    expect(unexplained(base, plan, [])).toMatch(/w0 = 0x0 where the catalog's example is 0x2/);
    expect(unexplained(base, plan, [note])).toBeUndefined();
  });

  it('compares a labelled run with what the run expects instead of the example', () => {
    const after = { ...base, label: 'after', expect: { w0: '0x0' }, why: 'because' };
    expect(differences(after, plan)).toEqual([]);
  });

  it('describes what firmware returned, where, with the note beside a difference', () => {
    const [line] = observedLines(plan, data, [note], { p: 'AArch64 EL1' }, (id) => id);
    expect(line!.where).toBe('QEMU 7.2, AArch64 EL1');
    expect(line!.text).toBe('PSCI_FEATURES returned w0 = 0x0.');
    expect(line!.note?.text).toBe('QEMU answers 0.');
  });

  it("shows a trap seen by the check's handler only under the convention it was made with", () => {
    const trap: Observation = {
      platform: 'p',
      convention: 'smccc-1.0-hvc32',
      call: 'psci-features',
      trap: { register: 'ESR_EL2', syndrome: '0x5a000000', instruction: '0xd4000002' },
      changed: ['x0'],
      kept: 30,
    };
    expect(observedLines(plan, { ...data, observations: [trap] }, [], {}, (id) => id)).toEqual([]);
  });
});
