import { describe, expect, it } from 'vitest';
import { decodeFields, encodeFields } from '../../model/bits';
import { encodeInstruction } from '../../model/encoding';
import { memoryKey, structOffsets } from '../../model/memory';
import { marshal } from '../../model/plan';
import { asmSnippet } from '../../share/c-snippet';
import { catalog } from '../all';
import { callsFor, requireCall, requireConvention } from '../index';
import { sevArch, vmgexit } from './arch';
import { GHCB, GHCB_SAVE_AREA, GHCB_SAVE_AREA_SIZE, GHCB_SIZE, bitmapIndex, ghcbOffset } from './ghcb';
import { sevLinux } from './linux';
import { GHCB_GPA } from './page-call';
import { PSC_DESC_SIZE, pscEntryLayout, pscOffset } from './psc';
import { PSC_ENTRY, apCreationInfo1 } from './snp-events';
import { ioioExitInfo } from './vc-exits';
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

  it('reaches the host through MSR_AMD64_SEV_ES_GHCB, 0xC0010130 in msr-index.h (torvalds/linux @002bba56)', () => {
    expect(sevArch.registers.find((r) => r.name === 'ghcb_msr')?.msr?.index).toBe(0xc0010130);
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

/**
 * The SEV-ES/SNP event codes as torvalds/linux tools/arch/x86/include/uapi/asm/svm.h
 * (@ce0478b0) and arch/x86/include/uapi/asm/svm.h (@f27ad38a) write them,
 * transcribed literal by literal.
 */
const SVM_LITERALS: Record<string, bigint> = {
  'sev-ghcb-cpuid': 0x072n, // SVM_EXIT_CPUID
  'sev-ghcb-mmio-read': 0x80000001n, // SVM_VMGEXIT_MMIO_READ
  'sev-ghcb-mmio-write': 0x80000002n, // SVM_VMGEXIT_MMIO_WRITE
  'sev-ghcb-ioio-in': 0x07bn, // SVM_EXIT_IOIO
  'sev-ghcb-msr-read': 0x07cn, // SVM_EXIT_MSR
  'sev-ghcb-msr-write': 0x07cn,
  'sev-ghcb-rdtsc': 0x06en, // SVM_EXIT_RDTSC
  'sev-ghcb-rdtscp': 0x087n, // SVM_EXIT_RDTSCP
  'sev-ghcb-dr7-write': 0x037n, // SVM_EXIT_WRITE_DR7
  'sev-ghcb-wbinvd': 0x089n, // SVM_EXIT_WBINVD
  'sev-ghcb-vmmcall': 0x081n, // SVM_EXIT_VMMCALL
  'sev-ghcb-psc': 0x80000010n, // SVM_VMGEXIT_PSC
  'sev-ghcb-guest-request': 0x80000011n, // SVM_VMGEXIT_GUEST_REQUEST
  'sev-ghcb-ext-guest-request': 0x80000012n, // SVM_VMGEXIT_EXT_GUEST_REQUEST
  'sev-ghcb-ap-create': 0x80000013n, // SVM_VMGEXIT_AP_CREATION
  'sev-ghcb-ap-destroy': 0x80000013n,
  'sev-ghcb-ap-jump-table-get': 0x80000005n, // SVM_VMGEXIT_AP_JUMP_TABLE
  'sev-ghcb-ap-hlt-loop': 0x80000004n, // SVM_VMGEXIT_AP_HLT_LOOP
  'sev-ghcb-nmi-complete': 0x80000003n, // SVM_VMGEXIT_NMI_COMPLETE
};

describe('GHCB page events', () => {
  const page = (id: string) => marshal(conv('sev-es-ghcb-page'), call(id));
  const filled = (id: string) => page(id).steps.find((s) => s.phase === 'trap')!.memory!.values;
  const answered = (id: string) => page(id).steps.at(-1)!.memory!.values;
  const bits = (...b: number[]) => b.reduce((a, x) => a | (1n << BigInt(x)), 0n);

  it('lists exactly the events transcribed from svm.h', () => {
    expect(
      callsFor(catalog, conv('sev-es-ghcb-page'))
        .map((c) => c.id)
        .sort(),
    ).toEqual(Object.keys(SVM_LITERALS).sort());
  });

  it.each(Object.entries(SVM_LITERALS))('%s carries the svm.h code %s in its number and in sw_exit_code', (id, literal) => {
    expect(call(id).number.value).toBe(literal);
    expect(call(id).number.stated.value).toBe(literal);
    expect(filled(id)[memoryKey(0, 'sw_exit_code')]).toBe(literal);
  });

  it('numbers cpl’s valid bit by integer division: a u8 at 0xCB is bit 25', () => {
    expect(structOffsets(GHCB_SAVE_AREA, true).offsets.cpl).toBe(0xcb);
    expect(bitmapIndex('cpl')).toBe(25);
    // vc_handle_vmmcall sets rax and cpl: bits 63 and 25 with the three exit words.
    expect(filled('sev-ghcb-vmmcall')[memoryKey(0, 'valid_bitmap')]).toBe(bits(25, 63, 114, 115, 116));
  });

  it('marks the extended guest request’s RAX (0x1F8) and RBX (0x318) valid, bits 63 and 99', () => {
    expect([ghcbOffset('rax'), ghcbOffset('rbx')]).toEqual([0x1f8, 0x318]);
    expect(filled('sev-ghcb-ext-guest-request')[memoryKey(0, 'valid_bitmap')]).toBe(bits(63, 99, 114, 115, 116));
    expect(filled('sev-ghcb-guest-request')[memoryKey(0, 'valid_bitmap')]).toBe(bits(114, 115, 116));
  });

  it('puts the guest request’s page GPAs in the exit words and reads the outcome from sw_exit_info_2', () => {
    const v = filled('sev-ghcb-guest-request');
    expect(v[memoryKey(0, 'sw_exit_info_2')]! - v[memoryKey(0, 'sw_exit_info_1')]!).toBe(0x1000n);
    expect(answered('sev-ghcb-guest-request')[memoryKey(0, 'sw_exit_info_2')]).toBe(0n);
  });

  it('builds AP creation’s sw_exit_info_1 as vmgexit_ap_control does: (apic_id << 32) | (snp_vmpl << 16) | event', () => {
    expect(apCreationInfo1(1n, 0n, 1n)).toBe(0x0000000100000001n);
    expect(apCreationInfo1(3n, 2n, 2n)).toBe(0x0000000300020002n);
    expect(filled('sev-ghcb-ap-create')[memoryKey(0, 'sw_exit_info_1')]! & 0xffffn).toBe(1n); // SVM_VMGEXIT_AP_CREATE
    expect(filled('sev-ghcb-ap-destroy')[memoryKey(0, 'sw_exit_info_1')]! & 0xffffn).toBe(2n); // SVM_VMGEXIT_AP_DESTROY
    // Only a create sets RAX (vmsa->sev_features).
    expect(filled('sev-ghcb-ap-create')[memoryKey(0, 'rax')]).toBeDefined();
    expect(filled('sev-ghcb-ap-destroy')[memoryKey(0, 'rax')]).toBeUndefined();
  });

  it('asks for the AP jump table with SVM_VMGEXIT_GET_AP_JUMP_TABLE (1) and gets a page-aligned address back in sw_exit_info_2', () => {
    expect(filled('sev-ghcb-ap-jump-table-get')[memoryKey(0, 'sw_exit_info_1')]).toBe(1n);
    expect(answered('sev-ghcb-ap-jump-table-get')[memoryKey(0, 'sw_exit_info_2')]! & 0xfffn).toBe(0n);
  });

  it('builds IOIO’s exit_info_1 from vc-shared.c’s IOIO_* macros', () => {
    // inb %dx, %al from 0x3F8 in 64-bit mode: IOIO_TYPE_IN | IOIO_DATA_8 | IOIO_ADDR_64 | port << 16.
    expect(ioioExitInfo({ in: true, port: 0x3f8, dataBits: 8, addrBits: 64 })).toBe(0x03f80211n);
    // outl %eax, %dx to 0xCF8 with 32-bit addressing: IOIO_DATA_32 | IOIO_ADDR_32.
    expect(ioioExitInfo({ in: false, port: 0xcf8, dataBits: 32, addrBits: 32 })).toBe(0x0cf80140n);
    expect(filled('sev-ghcb-ioio-in')[memoryKey(0, 'sw_exit_info_1')]).toBe(0x03f80211n);
  });

  it('tells MSR reads from writes by exit_info_1 and sends RDX:RAX only for a write', () => {
    expect(filled('sev-ghcb-msr-read')[memoryKey(0, 'sw_exit_info_1')]).toBe(0n);
    expect(filled('sev-ghcb-msr-write')[memoryKey(0, 'sw_exit_info_1')]).toBe(1n);
    expect(filled('sev-ghcb-msr-read')[memoryKey(0, 'rax')]).toBeUndefined();
    expect(filled('sev-ghcb-msr-write')[memoryKey(0, 'rdx')]).toBe(0n);
  });

  it('leaves protocol_version and ghcb_usage alone in the events Linux issues without sev_es_ghcb_hv_call()', () => {
    const direct = ['sev-ghcb-ap-create', 'sev-ghcb-ap-destroy', 'sev-ghcb-ap-jump-table-get', 'sev-ghcb-ap-hlt-loop', 'sev-ghcb-nmi-complete'];
    for (const id of Object.keys(SVM_LITERALS)) {
      expect(filled(id)[memoryKey(0, 'protocol_version')] === undefined, id).toBe(direct.includes(id));
    }
  });
});

describe('the Page State Change descriptor in the shared buffer', () => {
  /** struct psc_entry as sev-common.h declares its bit-fields, low bits first: cur_page:12, gfn:40, operation:4, pagesize:1. */
  const entry = (gfn: bigint, op: bigint, pagesize: bigint) => (gfn << 12n) | (op << 52n) | (pagesize << 56n);
  const plan = marshal(conv('sev-es-ghcb-page'), call('sev-ghcb-psc'));
  const filled = plan.steps.find((s) => s.phase === 'trap')!.memory!.values;

  it('is a packed 8-byte header and VMGEXIT_PSC_MAX_ENTRY (64) entries of 8 bytes: 520 bytes, within the 2032-byte shared buffer', () => {
    expect(PSC_DESC_SIZE).toBe(8 + 64 * 8);
    expect(PSC_DESC_SIZE).toBeLessThanOrEqual(2032);
  });

  it('sits at the start of the shared buffer (0x800): cur_entry 0x800, end_entry 0x802, reserved 0x804, entries[0] 0x808', () => {
    expect([pscOffset('cur_entry'), pscOffset('end_entry'), pscOffset('reserved'), pscOffset(0), pscOffset(1)]).toEqual([0x800, 0x802, 0x804, 0x808, 0x810]);
    expect(() => pscOffset('nonsense')).toThrow();
  });

  it('encodes the entry from its fields as the struct’s bit-fields place them', () => {
    expect(PSC_ENTRY).toBe(entry(0x7f200n, 2n, 0n));
    expect(encodeFields(pscEntryLayout, { gfn: 0x12345n, operation: 1n, pagesize: 1n })).toBe(entry(0x12345n, 1n, 1n));
    expect(filled[memoryKey(0, 'psc.entries[0]')]).toBe(PSC_ENTRY);
  });

  it('places GFN and operation where the MSR protocol’s PSC request does', () => {
    expect(PSC_ENTRY | 0x014n).toBe(GHCB_MSR_PSC_REQ_GFN(0x7f200n, 2n));
  });

  it('points sw_scratch at the descriptor and reads the error from sw_exit_info_2', () => {
    expect(filled[memoryKey(0, 'sw_scratch')]).toBe(GHCB_GPA + 0x800n);
    const after = plan.steps.at(-1)!.memory!.values;
    expect(after[memoryKey(0, 'sw_exit_info_2')]).toBe(0n);
    expect(after[memoryKey(0, 'psc.hdr.cur_entry')]).toBeGreaterThan(filled[memoryKey(0, 'psc.hdr.end_entry')]!);
    // __snp_complete_one_psc: entry->cur_page = entry->pagesize ? 512 : 1.
    expect(after[memoryKey(0, 'psc.entries[0]')]).toBe(PSC_ENTRY | 1n);
  });
});

describe('the Linux form of a GHCB page event', () => {
  const linuxOf = (id: string) => sevLinux(marshal(conv('sev-es-ghcb-page'), call(id)));

  it('calls sev_es_ghcb_hv_call() for the #VC exits and the guest requests, with the fields it sets first', () => {
    const ext = linuxOf('sev-ghcb-ext-guest-request');
    expect(ext.fn).toBe('sev_es_ghcb_hv_call');
    expect(ext.declarations).toEqual(['ghcb_set_rax(ghcb, 0x7F400000);', 'ghcb_set_rbx(ghcb, 0x4);']);
  });

  it('writes the PSC descriptor into the shared buffer at its offsets, not through a setter', () => {
    const psc = linuxOf('sev-ghcb-psc');
    expect(psc.declarations).toContain('ghcb_set_sw_scratch(ghcb, 0x7F123800);');
    expect(psc.declarations).toContain('*(u64 *)&ghcb->shared_buffer[0x8] = 0x2000007F200000; /* psc.entries[0] */');
  });

  it('sets the exit fields itself and executes VMGEXIT() for the AP and NMI events', () => {
    const ap = linuxOf('sev-ghcb-ap-destroy');
    expect(ap.fn).toBe('VMGEXIT');
    expect(ap.declarations).toEqual([
      'vc_ghcb_invalidate(ghcb);',
      'ghcb_set_sw_exit_code(ghcb, 0x80000013);',
      'ghcb_set_sw_exit_info_1(ghcb, 0x100000002);',
      'ghcb_set_sw_exit_info_2(ghcb, 0x7F501000);',
      'sev_es_wr_ghcb_msr(__pa(ghcb));',
    ]);
  });
});

describe('the inline-asm form of a GHCB page event', () => {
  it('stores the PSC descriptor into the page at its shared-buffer offsets before wrmsr; rep; vmmcall', () => {
    const c = asmSnippet(marshal(conv('sev-es-ghcb-page'), call('sev-ghcb-psc')));
    expect(c).toContain('trapscope_put(trapscope_mem0 + 0x808, 0x2000007F200000UL, 8);');
    expect(c).toContain('trapscope_put(trapscope_mem0 + 0x3A8, 0x7F123800UL, 8);');
    expect(c.indexOf('trapscope_mem0 + 0x808')).toBeLessThan(c.indexOf('asm volatile("wrmsr'));
    expect(c).toContain('rep; vmmcall');
  });

  it('reads back what the host answers: the AP jump table’s address in sw_exit_info_2', () => {
    const c = asmSnippet(marshal(conv('sev-es-ghcb-page'), call('sev-ghcb-ap-jump-table-get')));
    expect(c).toMatch(/out\[\d\] = trapscope_get\(trapscope_mem0 \+ 0x3A0, 8\);/);
  });
});
