import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readMask } from '../../model/mask';
import { marshal } from '../../model/plan';
import { catalog } from '../all';
import { callsFor, requireCall, requireConvention } from '../index';
import { exposeMask, OPERAND_INVALID_RCX, tdExitQualification, TDVMCALL_EXPOSE_REGS_MASK, vmcallExitReason } from './mask';
import { messageWord } from './vmcalls';

const call = (id: string) => requireCall(catalog, id);
const conv = (id: string) => requireConvention(catalog, id);

/**
 * Typed in by hand from the sources, so a wrong number fails:
 *   arch/x86/include/asm/shared/tdx.h (torvalds/linux @702fdf35):
 *     TDG_VP_VMCALL 0, TDG_VP_INFO 1, TDG_MR_RTMR_EXTEND 2, TDG_VP_VEINFO_GET 3,
 *     TDG_MR_REPORT 4, TDG_MEM_PAGE_ACCEPT 6, TDG_VM_RD 7, TDG_VM_WR 8;
 *     TDVMCALL_GET_TD_VM_CALL_INFO 0x10000, TDVMCALL_MAP_GPA 0x10001, TDVMCALL_GET_QUOTE 0x10002,
 *     TDVMCALL_REPORT_FATAL_ERROR 0x10003, TDVMCALL_SETUP_EVENT_NOTIFY_INTERRUPT 0x10004ULL;
 *     TDX_RDX BIT(2), TDX_RBX BIT(3), TDX_RSI BIT(6), TDX_RDI BIT(7), TDX_R8 BIT(8) ... TDX_R15 BIT(15);
 *     TDVMCALL_EXPOSE_REGS_MASK = TDX_RDX | TDX_RBX | TDX_RSI | TDX_RDI | TDX_R8 ... TDX_R15
 *       = 0x4 | 0x8 | 0x40 | 0x80 | 0xff00 = 0xffcc
 *   intel/tdx-module @72d8cffb (tag TDX_1.5.01):
 *     tdg_vp_vmcall.c: gpr_check_mask = BIT(0) | BIT(1) | BIT(4); "Bits 0, 1 and 4 and 63:32 of RCX must be 0"
 *       -> api_error_with_operand_id(TDX_OPERAND_INVALID, OPERAND_ID_RCX) = error + operand_id;
 *       copy_gprs_data_from_td_to_vmm: loop i = 2..15 copies gprs[i] when gpr_select & BIT(i) (so RBP, bit 5, too)
 *     tdx_error_codes_defs.h: TDX_OPERAND_INVALID 0xC000010000000000ULL, OPERAND_ID_RCX 1ULL
 *     tdx_api_defs.h: tdvmcall_control_t { u16 gpr_select; u16 xmm_select; u32 reserved; }
 *       td_exit_qualification_t { gpr_select 15:0, xmm_select 31:16, vm "Bits 33:32" }
 *     vmcs_defs.h: VMEXIT_REASON_TDCALL = 77; vm_vmexit_exit_reason_t bus_lock_preempted "Bit 26"
 *   arch/x86/include/uapi/asm/vmx.h (mirror @9b44fff6):
 *     EXIT_REASON_CPUID 10, EXIT_REASON_HLT 12, EXIT_REASON_IO_INSTRUCTION 30,
 *     EXIT_REASON_MSR_READ 31, EXIT_REASON_MSR_WRITE 32, EXIT_REASON_EPT_VIOLATION 48
 *   arch/x86/virt/vmx/tdx/tdxcall.S: #define tdcall .byte 0x66,0x0f,0x01,0xcc
 */
const LEAVES: Record<string, bigint> = {
  'tdx-tdg-vp-vmcall': 0n,
  'tdx-tdg-vp-info': 1n,
  'tdx-tdg-mr-rtmr-extend': 2n,
  'tdx-tdg-vp-veinfo-get': 3n,
  'tdx-tdg-mr-report': 4n,
  'tdx-tdg-mem-page-accept': 6n,
  'tdx-tdg-vm-rd': 7n,
  'tdx-tdg-vm-wr': 8n,
};
const SUB_FUNCTIONS: Record<string, bigint> = {
  'tdx-vmcall-get-td-vm-call-info': 0x10000n,
  'tdx-vmcall-map-gpa': 0x10001n,
  'tdx-vmcall-get-quote': 0x10002n,
  'tdx-vmcall-report-fatal-error': 0x10003n,
  'tdx-vmcall-setup-event-notify-interrupt': 0x10004n,
  'tdx-vmcall-cpuid': 10n,
  'tdx-vmcall-hlt': 12n,
  'tdx-vmcall-io': 30n,
  'tdx-vmcall-rdmsr': 31n,
  'tdx-vmcall-wrmsr': 32n,
  'tdx-vmcall-mmio': 48n,
};
const BITS: Record<string, number> = { rdx: 2, rbx: 3, rsi: 6, rdi: 7, r8: 8, r9: 9, r10: 10, r11: 11, r12: 12, r13: 13, r14: 14, r15: 15 };
/** Linux's twelve, and RBP, which the module copies though Linux names no TDX_RBP. */
const MODULE_BITS: Record<string, number> = { ...BITS, rbp: 5 };
/** Bits the module refuses: 0, 1, 4 and 63:32. */
const REFUSED = [0, 1, 4, ...Array.from({ length: 32 }, (_, i) => 32 + i)];
const selected = (value: bigint) =>
  Object.entries(MODULE_BITS)
    .filter(([, b]) => ((value >> BigInt(b)) & 1n) === 1n)
    .map(([reg]) => reg);
const refused = (value: bigint) => REFUSED.some((b) => ((value >> BigInt(b)) & 1n) === 1n);

describe('TDX numbers match shared/tdx.h and vmx.h', () => {
  it.each(Object.entries({ ...LEAVES, ...SUB_FUNCTIONS }))('%s = %s', (id, n) => {
    expect(call(id).number.value).toBe(n);
    expect(call(id).number.stated.value).toBe(n);
  });

  it('has exactly these calls under each convention', () => {
    expect(callsFor(catalog, conv('tdx-tdcall')).map((c) => c.id).sort()).toEqual(Object.keys(LEAVES).sort());
    expect(callsFor(catalog, conv('tdx-tdvmcall')).map((c) => c.id).sort()).toEqual(Object.keys(SUB_FUNCTIONS).sort());
  });

  it('tdcall is 66 0F 01 CC, as tdxcall.S writes it', () => {
    expect(marshal(conv('tdx-tdcall'), call('tdx-tdg-vp-info')).trap.instruction).toEqual({ text: 'tdcall', hex: '66 0F 01 CC' });
  });
});

describe('the RCX bitmap of TDG.VP.VMCALL', () => {
  it('has one bit per TDX_<reg> macro, at the bit the macro sets, and RBP at bit 5', () => {
    expect(Object.fromEntries(exposeMask.layout.fields.map((f) => [f.key, f.lo]))).toEqual(MODULE_BITS);
  });

  it('refuses bits 0, 1, 4 and 63:32 with TDX_OPERAND_INVALID for RCX, 0xC000010000000001', () => {
    expect(exposeMask.refuses!.bits).toEqual(REFUSED);
    expect(OPERAND_INVALID_RCX).toBe(0xc000010000000001n);
    expect(exposeMask.refuses!.error.value).toBe(0xc000010000000001n);
    expect(readMask(exposeMask, 0xffccn | 1n).refused).toEqual([0]);
    expect(readMask(exposeMask, 0xffccn | (1n << 40n)).refused).toEqual([40]);
  });

  it('bits 16–31 (XMM_SELECT) are neither refused nor drawn', () => {
    const r = readMask(exposeMask, 0xffccn | (1n << 16n));
    expect(r.refused).toEqual([]);
    expect(r.unnamedBits).toEqual([16]);
  });

  it('TDVMCALL_EXPOSE_REGS_MASK, computed from its twelve bits, is 0xFFCC', () => {
    expect(TDVMCALL_EXPOSE_REGS_MASK).toBe(0xffccn);
    expect(exposeMask.usual.value).toBe(0xffccn);
  });

  it('Linux’s mask exposes exactly the twelve registers it names, and no other bit', () => {
    const r = readMask(exposeMask, 0xffccn);
    expect([...r.exposed].sort()).toEqual(Object.keys(BITS).sort());
    expect(r.unnamedBits).toEqual([]);
  });

  it('for every 64-bit value, the set register bits are read as exposed, and a refused bit is reported', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (value) => {
        const r = readMask(exposeMask, value);
        expect([...r.exposed].sort()).toEqual(selected(value).sort());
        expect(r.refused.length > 0).toBe(refused(value));
      }),
    );
  });

  it('is read from the value in RCX: clearing bit 12 hides r12 from the VMM', () => {
    const p = marshal(conv('tdx-tdvmcall'), call('tdx-vmcall-map-gpa'), { rcx: 0xffccn & ~(1n << 12n) });
    const rcx = p.inputs.find((s) => s.register === 'rcx')!;
    expect(rcx.mask?.exposed).not.toContain('r12');
    expect(rcx.mask?.hidden).toEqual(['r12', 'rbp']);
  });
});

describe('what the VMM finds in RAX and RCX (the TDX module’s structures)', () => {
  it('RAX is the exit reason VMEXIT_REASON_TDCALL, 77, with bit 26 for a reported bus-lock preemption', () => {
    expect(vmcallExitReason()).toBe(77n);
    expect(vmcallExitReason(true)).toBe(77n | (1n << 26n));
  });

  it('RCX is the TD exit qualification: the low 32 bits of the TD’s RCX and the VM in bits 33:32', () => {
    expect(tdExitQualification(0xffccn)).toBe(0xffccn);
    expect(tdExitQualification(0x0003ffccn, 2n)).toBe(0x2_0003_ffccn);
  });
});

describe('a TDG.VP.VMCALL as the TD makes it', () => {
  const c = conv('tdx-tdvmcall');

  it('loads RAX = 0, R11 = the sub-function, R10 = 0, RCX = the bitmap, then the arguments from R12', () => {
    const p = marshal(c, call('tdx-vmcall-hlt'));
    expect(p.inputs.map((s) => [s.register, s.value])).toEqual([
      ['rax', 0n],
      ['r11', 12n],
      ['r10', 0n],
      ['rcx', 0xffccn],
      ['r12', 1n],
    ]);
    expect(p.trap.from).toBe('TD');
    expect(p.trap.to).toBe('TDX module');
  });

  it('finds the VMM’s status in R10 and the TDCALL status in RAX', () => {
    const p = marshal(c, call('tdx-vmcall-map-gpa'));
    expect(p.outputs.slice(0, 2).map((o) => [o.register, o.name])).toEqual([
      ['rax', 'TDCALL status'],
      ['r10', 'VMM status'],
    ]);
  });

  it('loses all thirteen registers of __tdcall_saved_ret that carry no result', () => {
    const p = marshal(c, call('tdx-vmcall-hlt'));
    expect([...p.lost].sort()).toEqual(['r11', 'r12', 'r13', 'r14', 'r15', 'r8', 'r9', 'rbx', 'rcx', 'rdi', 'rdx', 'rsi'].sort());
  });

  it('ReportFatalError carries the message’s 64 bytes in R14, R15, RBX, RDI, RSI, R8, R9, RDX, little-endian', () => {
    expect(messageWord('TD misconfiguration', 0)).toBe(0x6f6373696d204454n);
    const p = marshal(c, call('tdx-vmcall-report-fatal-error'));
    expect(p.inputs.filter((s) => s.name.startsWith('message')).map((s) => s.register)).toEqual(['r14', 'r15', 'rbx', 'rdi', 'rsi', 'r8', 'r9', 'rdx']);
    expect(p.inputs.find((s) => s.register === 'r14')!.value).toBe(0x6f6373696d204454n);
  });
});

describe('per-call register rules: TDG.VP.VMCALL against the other leaves', () => {
  const c = conv('tdx-tdcall');

  it('a leaf made with __tdcall keeps RBX, RSI and R12–R15 and loses RCX, RDX, R8–R11', () => {
    const p = marshal(c, call('tdx-tdg-mr-report'));
    expect(p.lost).toEqual(['rcx', 'rdx', 'r8', 'r9', 'r10', 'r11']);
    expect(p.preserved).toEqual(['rbx', 'rsi', 'r12', 'r13', 'r14', 'r15']);
  });

  it('leaf 0, made with __tdcall_saved_ret, loses RBX, RSI, RDI and R12–R15 as well', () => {
    const p = marshal(c, call('tdx-tdg-vp-vmcall'));
    expect([...p.lost].sort()).toEqual(['rcx', 'rdx', 'r8', 'r9', 'r11', 'r12', 'r13', 'r14', 'r15', 'rbx', 'rdi', 'rsi'].sort());
    expect(p.preserved).toEqual([]);
    expect(p.steps.find((s) => s.text.includes('lets the callee change'))!.text).toMatch(/^TDG\.VP\.VMCALL lets the callee change/);
  });

  it('TDG.VP.VEINFO.GET returns the #VE’s exit reason, qualification, addresses and length in RCX, RDX, R8, R9, R10', () => {
    const p = marshal(c, call('tdx-tdg-vp-veinfo-get'));
    expect(p.outputs.map((o) => o.register)).toEqual(['rax', 'rcx', 'rdx', 'r8', 'r9', 'r10']);
    expect(p.lost).toEqual(['r11']);
  });
});

describe('the path of a TDG.VP.VMCALL: TD -> TDX module -> VMM -> TDX module -> TD', () => {
  const c = conv('tdx-tdvmcall');

  it('crosses the module twice and is handled by the VMM', () => {
    const p = marshal(c, call('tdx-vmcall-hlt'));
    expect([p.path!.from.level, ...p.path!.hops.map((h) => h.level)]).toEqual(['TD', 'TDX module', 'VMM', 'TDX module', 'TD']);
    expect(p.path!.hops[p.path!.handler]!.level).toBe('VMM');
    expect(p.steps.filter((s) => s.phase === 'handle').every((s) => s.level === 'VMM')).toBe(true);
    expect(p.path!.lanes.map((l) => l.world)).toEqual(['td', 'seam', 'host']);
  });

  it('the VMM receives the registers the bitmap in RCX selects, and RAX and RCX, which the module fills', () => {
    const vmm = (rcx: bigint) => marshal(c, call('tdx-vmcall-map-gpa'), { rcx }).path!.hops[1]!;
    expect([...vmm(0xffccn).receives].sort()).toEqual([...Object.keys(BITS), 'rax', 'rcx'].sort());
    expect(vmm(0xffccn & ~(1n << 12n)).receives).not.toContain('r12');
    expect(vmm(1n << 3n).receives).toEqual(['rax', 'rcx', 'rbx']);
  });

  it('a refused bitmap hands the VMM nothing, and the module’s hop says why', () => {
    const p = marshal(c, call('tdx-vmcall-map-gpa'), { rcx: 0xffccn | (1n << 4n) });
    expect(p.path!.hops[1]!.receives).toEqual([]);
    expect(p.path!.hops[0]!.notes[0]!.text).toMatch(/bit 4 must be 0.*0xC000010000000001/);
  });

  it('for every mask value, what the module hands the VMM is what the mask selects, or nothing when refused', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (rcx) => {
        const p = marshal(c, call('tdx-vmcall-cpuid'), { rcx });
        const expected = refused(rcx) ? [] : [...selected(rcx), 'rax', 'rcx'];
        expect([...p.path!.hops[0]!.passes!.cells].sort()).toEqual(expected.sort());
      }),
      { numRuns: 60 },
    );
  });

  it('on the way back the TD receives from the VMM only what it exposed, with RAX and RCX set by the module', () => {
    const p = marshal(c, call('tdx-vmcall-cpuid'), { rcx: (1n << 12n) | (1n << 13n) });
    expect([...p.path!.hops[3]!.receives].sort()).toEqual(['r12', 'r13', 'rax', 'rcx']);
  });
});
