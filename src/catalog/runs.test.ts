import { describe, expect, it } from 'vitest';
import { argRegisters } from '../model/call';
import { marshal } from '../model/plan';
import { joinRun, splitRun } from '../model/pair';
import { callsFor } from './index';
import { catalog } from './all';

/** Every call with a run, under every convention it fits. */
const cases = catalog.conventions.flatMap((c) =>
  callsFor(catalog, c)
    .filter((call) => call.runs)
    .map((call) => [`${c.id} / ${call.id}`, c, call] as const),
);

describe('values that span registers', () => {
  it('exist on the calls the sources split: RSI measurements and challenges, FF-A handles and UUIDs', () => {
    const ids = new Set(cases.map(([, , call]) => call.id));
    for (const id of [
      'rsi-measurement-read',
      'rsi-measurement-extend',
      'rsi-attestation-token-init',
      'ffa-mem-share-32',
      'ffa-mem-reclaim',
      'ffa-msg-send-direct-req2',
      'ffa-partition-info-get',
    ])
      expect(ids).toContain(id);
  });

  it.each(cases)('%s: each run names exactly the registers whose definitions name it, in order, and the plan joins them', (_name, conv, call) => {
    const plan = marshal(conv, call);
    for (const def of call.runs!) {
      const regs = def.direction === 'in' ? argRegisters(conv, call) : call.results.map((r, i) => r.register ?? conv.results[i]!);
      const defs = def.direction === 'in' ? call.args : call.results;
      expect(defs.flatMap((d, i) => (d.run === def.id ? [regs[i]] : []))).toEqual(def.registers);
      const run = plan.runs!.find((r) => r.def.id === def.id)!;
      expect(run.parts.map((p) => p.register)).toEqual(def.registers);
      expect(splitRun(def, run.value)).toEqual(run.parts.map((p) => p.value));
      expect(
        joinRun(
          def,
          run.parts.map((p) => p.value),
        ),
      ).toBe(run.value);
    }
  });

  it('leaves plans of calls without runs as they were: no runs key at all', () => {
    const plain = catalog.conventions.flatMap((c) =>
      callsFor(catalog, c)
        .filter((call) => !call.runs)
        .map((call) => marshal(c, call)),
    );
    expect(plain.some((p) => 'runs' in p)).toBe(false);
  });
});
