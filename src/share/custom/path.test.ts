import { describe, expect, it } from 'vitest';
import { requireCall, requireConvention } from '../../catalog';
import { catalog } from '../../catalog/all';
import { marshal } from '../../model/plan';
import { copyOfBuiltIn, decodeCustom } from './decode';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A copy of a built-in convention with every call, as a link or file would bring it. */
const copyOf = (id: string): Json => JSON.parse(JSON.stringify(copyOfBuiltIn(requireConvention(catalog, id), catalog.calls))) as Json;

function decoded(input: Json) {
  const r = decodeCustom(input);
  if (!r.ok) throw new Error(`expected a valid definition, got ${JSON.stringify(r.errors, null, 2)}`);
  return r.family;
}

const levels = (convId: string, callId: string) => {
  const conv = requireConvention(catalog, convId);
  return marshal(conv, requireCall(catalog, callId)).path!.hops.map((h) => `${h.level}/${h.world}`);
};

describe('a copy of an Arm CCA convention keeps its levels', () => {
  it('RSI: the copy names the realm’s AArch64 and draws R-EL1 -> R-EL2 -> R-EL1, with RSI_HOST_CALL’s own trip to the host', () => {
    const def = copyOf('cca-rsi-smc64');
    expect(def.convention.arch).toBe('aarch64-realm');
    expect(def.convention.path.out.map((h: Json) => h.level)).toEqual(['R-EL2']);
    const family = decoded(def);
    const conv = family.conventions[0]!;
    const at = (id: string) =>
      marshal(
        conv,
        family.calls.find((c) => c.id.endsWith(id))!,
      );
    expect(at('rsi-features').path!.hops.map((h) => `${h.level}/${h.world}`)).toEqual(levels('cca-rsi-smc64', 'rsi-features'));
    expect(at('rsi-host-call').path!.hops.map((h) => `${h.level}/${h.world}`)).toEqual([
      'R-EL2/realm',
      'EL3/root',
      'NS-EL2/non-secure',
      'EL3/root',
      'R-EL2/realm',
      'R-EL1/realm',
    ]);
    expect([at('rsi-features').trap.from, at('rsi-features').trap.to, at('rsi-features').trap.syndrome?.register]).toEqual(['R-EL1', 'R-EL2', 'ESR_EL2']);
    // The CPU's side too: entry to the RMM's vector table at R-EL2, the SMC itself as return address.
    expect(conv.exception).toBe(requireConvention(catalog, 'cca-rsi-smc64').exception);
  });

  it('RMI: the copy draws NS-EL2 -> EL3 -> R-EL2 -> EL3 -> NS-EL2, x0-x7 onward and x0-x4 back', () => {
    const family = decoded(copyOf('cca-rmi-smc64'));
    const p = marshal(
      family.conventions[0]!,
      family.calls.find((c) => c.id.endsWith('rmi-rec-enter'))!,
    );
    expect(p.path!.hops.map((h) => `${h.level}/${h.world}`)).toEqual(levels('cca-rmi-smc64', 'rmi-rec-enter'));
    expect(p.path!.hops[0]!.passes!.cells).toEqual(['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7']);
    expect(family.conventions[0]!.exception).toBe(requireConvention(catalog, 'cca-rmi-smc64').exception);
  });
});

describe('a malformed path is named field by field', () => {
  const errorsFor = (edit: (d: Json) => void) => {
    const d = copyOf('cca-rsi-smc64');
    edit(d);
    const r = decodeCustom(d);
    if (r.ok) throw new Error('expected errors, the definition decoded');
    return r.errors;
  };
  const hostCall = copyOf('cca-rsi-smc64').calls.findIndex((c: Json) => c.path);
  const cases: [string, (d: Json) => void, string, RegExp][] = [
    [
      'a path that does not come home',
      (d) => (d.convention.path.back[0].level = 'EL3'),
      'convention.path.back[0].level',
      /^Convention, path, hop back 1, level: is EL3, but the path must come back to where the call started \(R-EL1\)/,
    ],
    [
      'an unknown world',
      (d) => (d.convention.path.from.world = 'secret'),
      'convention.path.from.world',
      /^Convention, path, from, world: must be one of non-secure, secure, realm/,
    ],
    [
      'a register the architecture lacks',
      (d) => (d.convention.path.out[0].passes = ['x0', 'x99']),
      'convention.path.out[0].passes[1]',
      /"x99" is not a register of AArch64/,
    ],
    [
      'a first hop by another instruction',
      (d) => (d.convention.path.out[0].trap = 'hvc'),
      'convention.path.out[0]',
      /is the first hop, so the call gets there by the convention's own trap: set trap to "smc"/,
    ],
    [
      'a hop that both traps and is forwarded',
      (d) => (d.convention.path.back[0].trap = 'smc'),
      'convention.path.back[0]',
      /either trap \(an instruction\) or forward \(in words\), not both/,
    ],
    [
      'a hop that hands nothing on',
      (d) => delete d.convention.path.out[0].passes,
      'convention.path.out[0]',
      /must say what it passes to the next level \(R-EL1\)/,
    ],
    ['an empty list of hops', (d) => (d.convention.path.out = []), 'convention.path.out', /must have at least one hop/],
    [
      'a call’s own path, checked the same way',
      (d) => (d.calls[hostCall].path.out[1].trap = 'svc'),
      `calls[${hostCall}].path.out[1].trap`,
      /"svc" is not a trap instruction/,
    ],
  ];
  for (const [what, edit, path, message] of cases) {
    it(`${what}: ${path}`, () => {
      const errors = errorsFor(edit);
      expect(errors.map((e) => e.path)).toContain(path);
      expect(errors.find((e) => e.path === path)!.message).toMatch(message);
    });
  }
});
