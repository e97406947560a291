import { describe, expect, it } from 'vitest';
import { cellOf } from '../../model/arch';
import { decodeFields, encodeFields } from '../../model/bits';
import { computeSyndrome, encodeInstruction } from '../../model/encoding';
import { marshal } from '../../model/plan';
import { callsFor, findCall, findConvention } from '../index';
import { ABI_NAMES, mcauseLayout, riscv64, scauseLayout } from './arch';
import { asciiEid, specVersionLayout } from './calls';
import { riscvSbi, riscvSbiLegacy } from './conventions';
import { SBI_ERRORS, sbiError } from './errors';
import { catalog } from '../all';

const call = (id: string) => {
  const c = findCall(catalog, id);
  if (!c) throw new Error(`no call ${id}`);
  return c;
};

describe('RISC-V SBI numbers match the sources', () => {
  // EID and FID as riscv-sbi-doc's function listings and Linux enum sbi_ext_id write them.
  it.each([
    ['sbi-get-spec-version', 0x10n, 0n],
    ['sbi-get-impl-id', 0x10n, 1n],
    ['sbi-probe-extension', 0x10n, 3n],
    ['sbi-set-timer', 0x54494d45n, 0n],
    ['sbi-send-ipi', 0x735049n, 0n],
    ['sbi-hart-start', 0x48534dn, 0n],
    ['sbi-system-reset', 0x53525354n, 0n],
    ['sbi-remote-fence-i', 0x52464e43n, 0n],
    ['sbi-remote-sfence-vma', 0x52464e43n, 1n],
    ['sbi-remote-sfence-vma-asid', 0x52464e43n, 2n],
    ['sbi-debug-console-write', 0x4442434en, 0n],
    ['sbi-debug-console-read', 0x4442434en, 1n],
    ['sbi-debug-console-write-byte', 0x4442434en, 2n],
    ['sbi-pmu-num-counters', 0x504d55n, 0n],
    ['sbi-pmu-counter-get-info', 0x504d55n, 1n],
    ['sbi-system-suspend', 0x53555350n, 0n],
    ['sbi-hart-stop', 0x48534dn, 1n],
    ['sbi-hart-get-status', 0x48534dn, 2n],
  ])('%s: EID and FID (a6) as the listings state', (id, eid, fid) => {
    const c = call(id);
    expect(c.number.value).toBe(eid);
    expect(c.number.stated.value).toBe(eid);
    expect(c.fixed).toHaveLength(1);
    expect(c.fixed![0]!.register).toBe('a6');
    expect(c.fixed![0]!.value).toBe(fid);
  });

  it('the ASCII-named EIDs are their tags: "TIME", "sPI", "HSM", "SRST"', () => {
    expect(asciiEid('TIME')).toBe(0x54494d45n);
    expect(asciiEid('sPI')).toBe(0x735049n);
    expect(asciiEid('HSM')).toBe(0x48534dn);
    expect(asciiEid('SRST')).toBe(0x53525354n);
    expect(() => asciiEid('Ä')).toThrow();
  });

  it.each([
    ['sbi-legacy-set-timer', 0x00n],
    ['sbi-legacy-console-putchar', 0x01n],
    ['sbi-legacy-send-ipi', 0x04n],
  ])('%s: legacy EID and no FID', (id, eid) => {
    const c = call(id);
    expect(c.number.value).toBe(eid);
    expect(c.fixed ?? []).toHaveLength(0);
  });

  it('has the Standard SBI Errors table values', () => {
    expect(SBI_ERRORS).toEqual({
      SBI_SUCCESS: 0n,
      SBI_ERR_FAILED: -1n,
      SBI_ERR_NOT_SUPPORTED: -2n,
      SBI_ERR_INVALID_PARAM: -3n,
      SBI_ERR_DENIED: -4n,
      SBI_ERR_INVALID_ADDRESS: -5n,
      SBI_ERR_ALREADY_AVAILABLE: -6n,
      SBI_ERR_ALREADY_STARTED: -7n,
      SBI_ERR_ALREADY_STOPPED: -8n,
      SBI_ERR_NO_SHMEM: -9n,
      SBI_ERR_INVALID_STATE: -10n,
      SBI_ERR_BAD_RANGE: -11n,
    });
    expect(sbiError('SBI_ERR_NOT_SUPPORTED').example).toBe(0xfffffffffffffffen);
    expect(sbiError('SBI_ERR_FAILED').example).toBe(0xffffffffffffffffn);
    expect(sbiError('SBI_SUCCESS').example).toBe(0n);
  });

  it('answers an unknown EID with SBI_ERR_NOT_SUPPORTED as a 64-bit two’s complement', () => {
    expect(riscvSbi.unknownCall!.value).toBe(0xfffffffffffffffen);
    expect(riscvSbiLegacy.unknownCall!.value).toBe(0xfffffffffffffffen);
  });

  it('encodes the spec version as major in 30:24 and minor in 23:0 (v1.0 = 0x01000000)', () => {
    expect(encodeFields(specVersionLayout, { major: 1n, minor: 0n })).toBe(0x01000000n);
    expect(encodeFields(specVersionLayout, { major: 0n, minor: 2n })).toBe(0x2n);
    expect(call('sbi-get-spec-version').results[1]!.example).toBe(0x01000000n);
  });
});

describe('RV64 ecall', () => {
  const ecall = riscv64.instructions.ecall!;

  it('is the word 0x00000073 with no immediate', () => {
    expect(encodeInstruction(ecall, 0)).toEqual({ text: 'ecall', hex: '0x00000073' });
  });

  it('reports Exception Code 9 in mcause (from S-mode) and 10 in scause (from VS-mode)', () => {
    const s = computeSyndrome(ecall.syndrome!, 0);
    expect(s.register).toBe('mcause');
    expect(s.value).toBe(9n);
    const vs = computeSyndrome(ecall.alsoSyndromes![0]!, 0);
    expect(vs.register).toBe('scause');
    expect(vs.value).toBe(10n);
  });

  it('puts the Interrupt bit at 63: supervisor timer interrupt reads 0x8000000000000005', () => {
    // Linux csr.h: CAUSE_IRQ_FLAG (1UL << (__riscv_xlen - 1)) | IRQ_S_TIMER 5
    for (const l of [mcauseLayout, scauseLayout]) {
      expect(encodeFields(l, { interrupt: 1n, code: 5n })).toBe(0x8000000000000005n);
      expect(decodeFields(l, 0x8000000000000009n)).toEqual({ interrupt: 1n, code: 9n });
    }
  });
});

describe('RV64 registers', () => {
  it('has 32 64-bit cells named by the psABI, each aliased to its x number', () => {
    expect(riscv64.registers).toHaveLength(32);
    expect(ABI_NAMES.slice(0, 5)).toEqual(['zero', 'ra', 'sp', 'gp', 'tp']);
    expect(riscv64.registers.every((r) => r.bits === 64)).toBe(true);
    const pairs: [string, string][] = [
      ['zero', 'x0'],
      ['ra', 'x1'],
      ['t0', 'x5'],
      ['s0', 'x8'],
      ['a0', 'x10'],
      ['a6', 'x16'],
      ['a7', 'x17'],
      ['s2', 'x18'],
      ['s11', 'x27'],
      ['t3', 'x28'],
      ['t6', 'x31'],
    ];
    for (const [abi, x] of pairs) {
      expect(cellOf(riscv64, abi)!.cell).toBe(abi);
      expect(cellOf(riscv64, x)!.cell, x).toBe(abi);
    }
    expect(cellOf(riscv64, 'fp')!.cell).toBe('s0');
  });

  it('is listed by the catalog', () => {
    expect(catalog.architectures.map((a) => a.id)).toContain('riscv64');
  });
});

describe('RISC-V SBI plans', () => {
  const regs = (p: ReturnType<typeof marshal>, kind: string) => p.inputs.filter((s) => s.kind === kind).map((s) => [s.register, s.value]);

  it('sbi_hart_start: EID in a7, FID in a6, hartid/start_addr/opaque in a0–a2, error back in a0', () => {
    const p = marshal(riscvSbi, call('sbi-hart-start'), { a0: 3n });
    expect(regs(p, 'selector')).toEqual([['a7', 0x48534dn]]);
    expect(regs(p, 'fixed')).toEqual([['a6', 0n]]);
    expect(p.inputs.filter((s) => s.kind === 'argument').map((s) => s.register)).toEqual(['a0', 'a1', 'a2']);
    expect(p.inputs.find((s) => s.register === 'a0')!.value).toBe(3n);
    expect(p.outputs.map((o) => [o.register, o.value])).toEqual([['a0', 0n]]);
    // a1 is not preserved and this call defines no value in it.
    expect(p.lost).toEqual(['a1']);
    expect(p.preserved).toEqual(expect.arrayContaining(['a2', 'a6', 'a7', 'sp', 's0', 'ra', 't6']));
    expect(p.trap.from).toBe('S');
    expect(p.trap.to).toBe('M');
    expect(p.trap.instruction.hex).toBe('0x00000073');
    expect(p.trap.syndrome!.value).toBe(9n);
  });

  it('sbi_get_spec_version returns error in a0 and value in a1, losing nothing', () => {
    const p = marshal(riscvSbi, call('sbi-get-spec-version'));
    expect(p.outputs.map((o) => o.register)).toEqual(['a0', 'a1']);
    expect(p.lost).toEqual([]);
  });

  it('an EID the catalog does not have gets SBI_ERR_NOT_SUPPORTED in a0', () => {
    const p = marshal(riscvSbi, call('sbi-probe-extension'), { a7: 0x12345n });
    expect(p.callNumberIsCatalog).toBe(false);
    expect(p.outputs.map((o) => [o.register, o.value])).toEqual([['a0', 0xfffffffffffffffen]]);
  });

  it('legacy sbi_set_timer: EID 0 in a7, nothing in a6, result in a0 only, a1 kept', () => {
    const p = marshal(riscvSbiLegacy, call('sbi-legacy-set-timer'));
    expect(regs(p, 'selector')).toEqual([['a7', 0n]]);
    expect(regs(p, 'fixed')).toEqual([]);
    expect(p.outputs.map((o) => o.register)).toEqual(['a0']);
    expect(p.lost).toEqual([]);
    expect(p.preserved).toContain('a1');
  });

  it('sbi_system_reset only returns on failure', () => {
    expect(call('sbi-system-reset').returnsOnSuccess).toBe(false);
    const p = marshal(riscvSbi, call('sbi-system-reset'));
    expect(p.outputs[0]!.value).toBe(0xffffffffffffffffn);
  });

  it('keeps the eras apart: v0.2 calls are not offered under v0.1 and the other way round', () => {
    const v02 = callsFor(catalog, riscvSbi).map((c) => c.id);
    const v01 = callsFor(catalog, riscvSbiLegacy).map((c) => c.id);
    expect(v02).toContain('sbi-set-timer');
    expect(v02).not.toContain('sbi-legacy-set-timer');
    expect(v01).toEqual(['sbi-legacy-set-timer', 'sbi-legacy-console-putchar', 'sbi-legacy-send-ipi']);
    expect(findConvention(catalog, 'riscv-sbi')!.eraLinks![0]!.id).toBe('riscv-sbi-v0.1-legacy');
    expect(findConvention(catalog, 'riscv-sbi-v0.1-legacy')!.eraLinks![0]!.id).toBe('riscv-sbi');
  });

  it('preserves every register but a0 and a1 (v0.2) or a0 (v0.1)', () => {
    expect(riscvSbi.preserved).toHaveLength(30);
    expect(riscvSbi.preserved).not.toContain('a0');
    expect(riscvSbi.preserved).not.toContain('a1');
    expect(riscvSbiLegacy.preserved).toHaveLength(31);
    expect(riscvSbiLegacy.preserved).not.toContain('a0');
  });
});
