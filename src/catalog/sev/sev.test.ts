import { describe, expect, it } from 'vitest';
import { decodeFields } from '../../model/bits';
import { encodeInstruction } from '../../model/encoding';
import { memoryKey, structOffsets } from '../../model/memory';
import { marshal } from '../../model/plan';
import { catalog } from '../all';
import { callsFor, requireCall, requireConvention } from '../index';
import { vmgexit } from './arch';
import { GHCB, GHCB_SAVE_AREA, GHCB_SAVE_AREA_SIZE, GHCB_SIZE, bitmapIndex, ghcbOffset } from './ghcb';
import { GHCB_GPA } from './ghcb-page';
import { layouts } from './msr-protocol';

const call = (id: string) => requireCall(catalog, id);
const conv = (id: string) => requireConvention(catalog, id);

/**
 * The macros of arch/x86/include/asm/sev-common.h (mirror @0291023e),
 * transcribed as written, so that a field in the wrong place fails:
 *   GHCB_CPUID_REQ(fn, reg)       GHCB_MSR_CPUID_REQ | ((reg & 0x3) << 30) | (fn << 32)
 *   GHCB_MSR_SEV_INFO(max,min,c)  ((max & 0xffff) << 48) | ((min & 0xffff) << 32) | ((c & 0xff) << 24) | GHCB_MSR_SEV_INFO_RESP
 *   GHCB_MSR_REG_GPA_REQ_VAL(v)   ((v & GENMASK_ULL(51, 0)) << 12) | GHCB_MSR_REG_GPA_REQ
 *   GHCB_MSR_PSC_REQ_GFN(gfn, op) ((op & 0xf) << 52) | ((gfn & GENMASK_ULL(39, 0)) << 12) | GHCB_MSR_PSC_REQ
 *   GHCB_SEV_TERM_REASON(set, v)  ((set & 0xf) << 12) | ((v & 0xff) << 16)   (| GHCB_MSR_TERM_REQ 0x100)
 *   codes: SEV_INFO_REQ 0x002 RESP 0x001, CPUID_REQ 0x004 RESP 0x005, AP_RESET_HOLD_REQ 0x006 RESP 0x007,
 *          PREF_GPA_REQ 0x010 RESP 0x011, REG_GPA_REQ 0x012 RESP 0x013, PSC_REQ 0x014 RESP 0x015,
 *          HV_FT_REQ 0x080 RESP 0x081, TERM_REQ 0x100; GHCB_MSR_PREF_GPA_NONE 0xfffffffffffff
 */
const GENMASK = (hi: bigint, lo: bigint) => ((1n << (hi - lo + 1n)) - 1n) << lo;
const GHCB_CPUID_REQ = (fn: bigint, reg: bigint) => 0x004n | ((reg & 0x3n) << 30n) | (fn << 32n);
const GHCB_MSR_SEV_INFO = (max: bigint, min: bigint, cbit: bigint) => ((max & 0xffffn) << 48n) | ((min & 0xffffn) << 32n) | ((cbit & 0xffn) << 24n) | 0x001n;
const GHCB_MSR_REG_GPA_REQ_VAL = (v: bigint) => ((v & GENMASK(51n, 0n)) << 12n) | 0x012n;
const GHCB_MSR_PSC_REQ_GFN = (gfn: bigint, op: bigint) => ((op & 0xfn) << 52n) | ((gfn & GENMASK(39n, 0n)) << 12n) | 0x014n;
const GHCB_SEV_TERM_REASON = (set: bigint, v: bigint) => ((set & 0xfn) << 12n) | ((v & 0xffn) << 16n);

const request = (id: string) => call(id).args[0]!.example;
const response = (id: string) => call(id).results[0]!.example;

describe('GHCB MSR protocol requests match the sev-common.h macros', () => {
  it.each([
    ['sev-msr-sev-info', 0x002n],
    ['sev-msr-cpuid', GHCB_CPUID_REQ(0x8000001fn, 1n)],
    ['sev-msr-ap-reset-hold', 0x006n],
    ['sev-msr-pref-gpa', 0x010n],
    ['sev-msr-reg-gpa', GHCB_MSR_REG_GPA_REQ_VAL(0x7f123n)],
    ['sev-msr-psc', GHCB_MSR_PSC_REQ_GFN(0x7f123n, 2n)],
    ['sev-msr-hv-features', 0x080n],
    ['sev-msr-terminate', GHCB_SEV_TERM_REASON(1n, 0n) | 0x100n],
  ] as const)('%s = %s', (id, value) => {
    expect(request(id)).toBe(value);
    // The call's number is the request code, GHCBInfo, as its literal states it.
    expect(call(id).number.value).toBe(value & 0xfffn);
    expect(call(id).number.stated.value).toBe(value & 0xfffn);
  });

  it('responses carry the response codes and data where the macros put them', () => {
    expect(response('sev-msr-sev-info')).toBe(GHCB_MSR_SEV_INFO(2n, 1n, 51n));
    expect(response('sev-msr-cpuid')).toBe((51n << 32n) | 0x005n);
    expect(response('sev-msr-ap-reset-hold')).toBe((1n << 12n) | 0x007n);
    expect(response('sev-msr-pref-gpa')).toBe((0xfffffffffffffn << 12n) | 0x011n);
    expect(response('sev-msr-reg-gpa') & 0xfffn).toBe(0x013n);
    expect((response('sev-msr-reg-gpa') & GENMASK(63n, 12n)) >> 12n).toBe(0x7f123n);
    expect(response('sev-msr-psc')).toBe(0x015n);
    expect(response('sev-msr-hv-features')).toBe((0x3n << 12n) | 0x081n);
  });

  it('every layout is 64 bits with GHCBInfo in bits 11:0 and no overlapping or missing bit', () => {
    for (const l of Object.values(layouts)) {
      expect(l.bits).toBe(64);
      const bits = l.fields.flatMap((f) => Array.from({ length: f.hi - f.lo + 1 }, (_, i) => f.lo + i)).sort((a, b) => a - b);
      expect(bits).toEqual(Array.from({ length: 64 }, (_, i) => i));
      expect(l.fields.at(-1)).toMatchObject({ key: 'info', hi: 11, lo: 0 });
    }
  });

  it('decodes the CPUID request into function and register', () => {
    expect(decodeFields(layouts.cpuidReq, request('sev-msr-cpuid'))).toMatchObject({ fn: 0x8000001fn, reg: 1n, info: 4n });
  });
});

describe('struct ghcb as asm/svm.h lays it out', () => {
  it('has the sizes the header asserts: save area 1032 (EXPECTED_GHCB_SAVE_AREA_SIZE), the page PAGE_SIZE', () => {
    expect(GHCB_SAVE_AREA_SIZE).toBe(1032);
    expect(GHCB_SIZE).toBe(4096);
  });

  it.each([0x0, 0xcc, 0x148, 0x168, 0x180, 0x1e0, 0x200, 0x320, 0x380, 0x3b0])('reserved_0x%s sits at its BUILD_BUG_RESERVED_OFFSET', (at) => {
    expect(structOffsets(GHCB_SAVE_AREA, true).offsets[`reserved_0x${at.toString(16)}`]).toBe(at);
  });

  it('reserved_0xff0 of struct ghcb sits at 0xff0', () => {
    expect(structOffsets(GHCB, true).offsets.reserved_0xff0).toBe(0xff0);
  });

  it('puts the exit fields, the bitmap and the shared buffer where the struct does', () => {
    expect([ghcbOffset('rax'), ghcbOffset('rcx'), ghcbOffset('sw_exit_code'), ghcbOffset('sw_exit_info_1'), ghcbOffset('sw_scratch')]).toEqual([
      0x1f8, 0x308, 0x390, 0x398, 0x3a8,
    ]);
    expect(ghcbOffset('valid_bitmap')).toBe(0x3f0);
    expect(ghcbOffset('shared_buffer')).toBe(0x800);
    expect([ghcbOffset('protocol_version'), ghcbOffset('ghcb_usage')]).toEqual([0xffa, 0xffc]);
  });

  it('numbers valid_bitmap bits by 8-byte word (GHCB_BITMAP_IDX)', () => {
    expect([bitmapIndex('rax'), bitmapIndex('sw_exit_code'), bitmapIndex('xcr0')]).toEqual([63, 114, 125]);
  });
});

describe('VMGEXIT', () => {
  it('is rep (F3) in front of VMMCALL: F3 0F 01 D9', () => {
    expect(encodeInstruction(vmgexit, 0).hex).toBe('F3 0F 01 D9');
  });

  it('exits with SVM_EXIT_VMGEXIT 0x403', () => {
    const plan = marshal(conv('sev-es-ghcb-msr'), call('sev-msr-cpuid'));
    expect(plan.trap.syndrome?.value).toBe(0x403n);
  });
});

describe('what the host sees', () => {
  const gprs = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];

  it.each(['sev-es-ghcb-msr', 'sev-es-ghcb-page'])('under %s no general-purpose register carries an argument or a result', (id) => {
    for (const c of callsFor(catalog, conv(id))) {
      const plan = marshal(conv(id), c);
      expect(plan.inputs.map((s) => s.cell)).toEqual(['ghcb_msr']);
      expect(plan.outputs.every((o) => o.cell === 'ghcb_msr')).toBe(true);
      expect(plan.preserved).toEqual(gprs);
    }
  });

  it('each convention lists only its own protocol’s calls', () => {
    expect(callsFor(catalog, conv('sev-es-ghcb-msr')).every((c) => c.id.startsWith('sev-msr-'))).toBe(true);
    expect(callsFor(catalog, conv('sev-es-ghcb-page')).every((c) => c.id.startsWith('sev-ghcb-'))).toBe(true);
  });
});

describe('a GHCB page exit', () => {
  const plan = marshal(conv('sev-es-ghcb-page'), call('sev-ghcb-cpuid'));
  const values = (phase: string) => plan.steps.find((s) => s.phase === phase)!.memory!.values;

  it('puts the page’s GPA in the GHCB MSR, with GHCBInfo 0', () => {
    expect(plan.memory[0]).toMatchObject({ carrier: 'ghcb_msr', address: GHCB_GPA });
    expect(GHCB_GPA & 0xfffn).toBe(0n);
  });

  it('fills the page before the trap: the exit code SVM_EXIT_CPUID and the bits ghcb_set_*() set', () => {
    const v = values('trap');
    expect(v[memoryKey(0, 'sw_exit_code')]).toBe(0x72n);
    const bits = [63, 97, 114, 115, 116, 125]; // rax, rcx, sw_exit_code, sw_exit_info_1, sw_exit_info_2, xcr0
    expect(v[memoryKey(0, 'valid_bitmap')]).toBe(bits.reduce((a, b) => a | (1n << BigInt(b)), 0n));
    expect(v[memoryKey(0, 'rbx')]).toBeUndefined();
  });

  it('has the host read what the guest wrote and answer in the page', () => {
    const dispatch = plan.steps.find((s) => s.phase === 'handle')!;
    expect(dispatch.memory!.reads).toContain(memoryKey(0, 'sw_exit_code'));
    const after = plan.steps.at(-1)!.memory!.values;
    expect(after[memoryKey(0, 'rbx')]).toBe(51n);
    expect(after[memoryKey(0, 'sw_exit_info_1')]).toBe(0n);
  });

  it('points MMIO reads’ sw_scratch at the shared buffer, 0x800 into the page', () => {
    const mmio = marshal(conv('sev-es-ghcb-page'), call('sev-ghcb-mmio-read'));
    expect(mmio.steps.find((s) => s.phase === 'trap')!.memory!.values[memoryKey(0, 'sw_scratch')]).toBe(GHCB_GPA + 0x800n);
  });
});

describe('the path of a VMGEXIT', () => {
  it.each(['sev-es-ghcb-msr', 'sev-es-ghcb-page'])('under %s the host receives the GHCB MSR and nothing else, and hands back only it', (id) => {
    const c = callsFor(catalog, conv(id))[0]!;
    const path = marshal(conv(id), c).path!;
    expect(path.hops.map((h) => `${h.direction}:${h.level}`)).toEqual(['out:SVM host', 'back:SEV-ES guest']);
    expect(path.hops[0]!.receives).toEqual(['ghcb_msr']);
    expect(path.hops[0]!.passes?.cells).toEqual(['ghcb_msr']);
    expect(path.hops[0]!.enter.how === 'trap' && path.hops[0]!.enter.syndrome?.value).toBe(0x403n);
  });
});
