import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requireCall, requireConvention, callsFor } from '../../catalog';
import { copyOfBuiltIn } from './copy';
import { decodeDefinitionParam, encodeDefinitionParam } from './link';
import { catalog } from '../../catalog/all';

describe('custom definitions in links', () => {
  it('round-trips a copy of SMCCC 1.1 HVC64, compressed into a short parameter', async () => {
    const conv = requireConvention(catalog, 'smccc-1.1-hvc64');
    const def = copyOfBuiltIn(conv, [requireCall(catalog, 'psci-cpu-on-64')]);
    const param = await encodeDefinitionParam(def);
    expect(param).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    expect(param.length).toBeLessThan(JSON.stringify(def).length);
    const back = await decodeDefinitionParam(param);
    expect(back.ok && back.definition).toEqual(def);
    expect(callsFor(catalog, conv).length).toBeGreaterThan(0);
  });

  it('says what is wrong with a damaged, truncated or foreign parameter, and never throws', async () => {
    const param = await encodeDefinitionParam(copyOfBuiltIn(requireConvention(catalog, 'smccc-1.1-hvc64'), []));
    for (const bad of [param.slice(0, param.length / 2), '2.abc', '1.***', '1.', 'hello']) {
      const r = await decodeDefinitionParam(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0]!.message).toMatch(/damaged|format|invalid|missing|must|expected/i);
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (s) => {
        const r = await decodeDefinitionParam(`1.${s}`);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });
});
