import { describe, expect, it } from 'vitest';
import { hasRegister } from '../model/arch';
import { catalogJson } from './catalog-json';
import { catalog } from '../catalog/all';

describe('catalog.json', () => {
  const json = catalogJson(catalog);

  it('has the documented keys, and arch is one of the five', () => {
    expect(json.schemaVersion).toBe(1);
    for (const c of json.conventions) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'name', 'arch', 'sources']));
      expect(['aarch64', 'aarch32', 'x86-64', 'x86', 'riscv64']).toContain(c.arch);
    }
    for (const c of json.calls) {
      expect(Object.keys(c)).toEqual(
        expect.arrayContaining(['id', 'name', 'convention', 'instruction', 'encoding', 'callNumber', 'inputs', 'outputs', 'clobbered', 'preserved', 'sources']),
      );
    }
  });

  it('lays out PSCI CPU_ON as the issue shows it', () => {
    const on = json.calls.find((c) => c.id === 'psci-cpu-on-64')!;
    expect(on).toMatchObject({ instruction: 'hvc #0', encoding: '0xd4000002', callNumber: '0xc4000003' });
    expect(on.inputs[0]).toEqual({ register: 'x0', meaning: 'function ID: PSCI CPU_ON (SMC64)' });
    expect(on.outputs[0]!.register).toBe('x0');
    expect(on.conventions).toContain('smccc-1.1-smc64');
  });

  it('names registers in lower case, as each architecture writes them, and never repeats an id', () => {
    const byId = new Map(catalog.conventions.map((c) => [c.id, c]));
    for (const call of json.calls) {
      const arch = byId.get(call.convention)!.arch;
      for (const r of [...call.inputs, ...call.outputs].map((x) => x.register).concat(call.clobbered, call.preserved)) {
        expect(r).toBe(r.toLowerCase());
        expect(hasRegister(arch, r), `${call.id}: ${r}`).toBe(true);
      }
    }
    expect(new Set(json.calls.map((c) => c.id)).size).toBe(json.calls.length);
  });

  it('round-trips through JSON with no bigint left in it', () => {
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
