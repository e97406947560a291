import type { ArgDef, Call, ResultDef } from '../../model/call';
import type { Note, Source } from '../../model/source';
import { SAVED_RET_REGS } from './arch';
import { FAMILY_TDCALL } from './conventions';
import { exposeMask } from './mask';
import { ghci, guestTdx, sharedTdx, src, tdxShared } from './sources';

/** The TDCALL leaves Linux makes to the TDX module itself, each with the helper that makes it. */

type Helper = '__tdcall' | '__tdcall_ret';

const helperSource: Record<Helper, Source> = { __tdcall: src.tdcall, __tdcall_ret: src.tdcallRet };

/** RAX after TDCALL: the instruction’s error code. */
export const tdcallStatus: ResultDef = {
  name: 'TDCALL status',
  meaning: 'the TDCALL instruction’s error code: 0 on success; Linux reads the class in bits 63:32 (TDCALL_RETURN_CODE)',
  register: 'rax',
  example: 0n,
  exampleMeaning: '0: success',
  sources: [src.abi, guestTdx('#define TDCALL_RETURN_CODE(a) ((a) >> 32)')],
};

/** A TDX argument in a named register (TDCALL leaves and TDG.VP.VMCALL sub-functions alike). */
export const arg = (name: string, register: string, meaning: string, example: bigint, sources: readonly Source[]): ArgDef => ({ name, register, meaning, example, sources });

const out = (name: string, register: string, meaning: string, example: bigint, exampleMeaning: string, sources: readonly Source[]): ResultDef => ({
  name,
  register,
  meaning,
  example,
  exampleMeaning,
  sources,
});

interface Leaf {
  macro: string;
  leaf: number;
  name: string;
  summary: string;
  handles: string;
  helper: Helper;
  /** Where Linux makes it: the function and what it loads. */
  made: Source;
  args?: readonly ArgDef[];
  results?: readonly ResultDef[];
  notes?: readonly Note[];
}

function leafCall(l: Leaf): Call {
  return {
    id: `tdx-${l.name.toLowerCase().replace(/\./g, '-')}`,
    name: l.name,
    family: FAMILY_TDCALL,
    summary: l.summary,
    number: { value: BigInt(l.leaf), stated: { value: BigInt(l.leaf), how: 'literal', source: src.leaf(l.macro, l.leaf) } },
    args: l.args ?? [],
    results: [tdcallStatus, ...(l.results ?? [])],
    handles: l.handles,
    returnsOnSuccess: true,
    sources: [src.leaf(l.macro, l.leaf), l.made, helperSource[l.helper]],
    notes: l.notes ?? [],
  };
}

const notReadOutputs = (what: string): Note => ({
  kind: 'unconfirmed',
  text: `${what} What else the leaf returns is in the TDX module specification, which was not read; __tdcall_ret stores RCX, RDX and R8–R11 back, so the others show as unknown.`,
  sources: [src.tdcallRet],
});

const reportCodes: Note = {
  kind: 'info',
  text: 'Linux maps a TDCALL_INVALID_OPERAND (0xc0000100) class in RAX’s top half to -ENXIO, TDCALL_OPERAND_BUSY (0x80000200) to -EBUSY, and any other error to -EIO.',
  sources: [guestTdx('tdx_mcall_get_report0(), tdx_mcall_extend_rtmr(): TDCALL_RETURN_CODE(ret) == TDCALL_INVALID_OPERAND -> -ENXIO; TDCALL_OPERAND_BUSY -> -EBUSY; else -EIO')],
};

/** TDCS_TD_CTLS, the field Linux reads and writes with TDG.VM.RD/WR. */
const TDCS_TD_CTLS = 0x1110000300000017n;

export const tdxLeaves: readonly Call[] = [
  leafCall({
    macro: 'TDG_VP_INFO',
    leaf: 1,
    name: 'TDG.VP.INFO',
    summary: 'Learn the TD’s execution environment: the guest physical address width and the TD’s attributes.',
    handles: 'it returns the width of a guest physical address in RCX bits 5:0 and the TD attributes in RDX.',
    helper: '__tdcall_ret',
    made: guestTdx('tdx_setup(): tdcall(TDG_VP_INFO, &args); gpa_width = args.rcx & GENMASK(5, 0); td_attr = args.rdx'),
    results: [
      out('GPA width', 'rcx', 'bits 5:0: the width of a guest physical address; the top bit is the "shared" bit', 52n, 'an example: 52 bits, so bit 51 marks shared pages', [
        guestTdx('tdx_setup(): gpa_width = args.rcx & GENMASK(5, 0); *cc_mask = BIT_ULL(gpa_width - 1)'),
      ]),
      out('TD attributes', 'rdx', 'the TD’s attribute bits (TDX_ATTR_DEBUG bit 0, TDX_ATTR_SEPT_VE_DISABLE bit 28, …)', 1n << 28n, 'an example: SEPT_VE_DISABLE set', [
        guestTdx('tdx_setup(): td_attr = args.rdx'),
        sharedTdx('#define TDX_ATTR_DEBUG_BIT 0; #define TDX_ATTR_SEPT_VE_DISABLE_BIT 28'),
      ]),
    ],
    notes: [
      notReadOutputs('Linux reads RCX and RDX only.'),
      { kind: 'info', text: 'Linux cites "GHCI section 2.4.2 TDCALL [TDG.VP.INFO]" for the ABI.', sources: [guestTdx('tdx_setup() comment'), ghci('section 2.4.2 TDCALL [TDG.VP.INFO]')] },
    ],
  }),
  leafCall({
    macro: 'TDG_MR_RTMR_EXTEND',
    leaf: 2,
    name: 'TDG.MR.RTMR.EXTEND',
    summary: 'Extend one of the TD’s run-time measurement registers (RTMRs) with data in memory.',
    handles: 'it extends the RTMR numbered in RDX with the data at the physical address in RCX.',
    helper: '__tdcall',
    made: guestTdx('tdx_mcall_extend_rtmr(): .rcx = virt_to_phys(data), .rdx = index; __tdcall(TDG_MR_RTMR_EXTEND, &args)'),
    args: [
      arg('data', 'rcx', 'physical address of the buffer with the extend data', 0x7f4000n, [guestTdx('tdx_mcall_extend_rtmr(): .rcx = virt_to_phys(data)')]),
      arg('index', 'rdx', 'which RTMR to extend', 2n, [guestTdx('tdx_mcall_extend_rtmr(): .rdx = index')]),
    ],
    notes: [reportCodes],
  }),
  leafCall({
    macro: 'TDG_VP_VEINFO_GET',
    leaf: 3,
    name: 'TDG.VP.VEINFO.GET',
    summary: 'Fetch what caused the current virtualization exception (#VE), and clear the module’s "#VE valid" flag.',
    handles: 'it returns the exit reason, exit qualification, guest linear and physical addresses and instruction length and information of the pending #VE.',
    helper: '__tdcall_ret',
    made: guestTdx('tdx_get_ve_info(): tdcall(TDG_VP_VEINFO_GET, &args); exit_reason = rcx, exit_qual = rdx, gla = r8, gpa = r9, instr_len = lower_32_bits(r10), instr_info = upper_32_bits(r10)'),
    results: [
      out('exit reason', 'rcx', 'the VMX exit reason behind the #VE', 12n, 'an example: 12, EXIT_REASON_HLT', [guestTdx('tdx_get_ve_info(): ve->exit_reason = args.rcx'), src.exitReasons]),
      out('exit qualification', 'rdx', 'the exit qualification', 0n, 'an example', [guestTdx('tdx_get_ve_info(): ve->exit_qual = args.rdx')]),
      out('guest linear address', 'r8', 'the linear address, for an EPT violation', 0n, 'an example', [guestTdx('tdx_get_ve_info(): ve->gla = args.r8')]),
      out('guest physical address', 'r9', 'the physical address, for an EPT violation', 0n, 'an example', [guestTdx('tdx_get_ve_info(): ve->gpa = args.r9')]),
      out('instruction length and information', 'r10', 'bits 31:0 the instruction length, bits 63:32 the instruction information', 1n, 'an example: HLT is one byte', [
        guestTdx('tdx_get_ve_info(): ve->instr_len = lower_32_bits(args.r10); ve->instr_info = upper_32_bits(args.r10)'),
      ]),
    ],
    notes: [
      {
        kind: 'info',
        text: 'Linux must make this call first in its #VE handler: "any #VE that occurs while the valid flag is set will lead to #DF".',
        sources: [guestTdx('tdx_get_ve_info() comment')],
      },
    ],
  }),
  leafCall({
    macro: 'TDG_MR_REPORT',
    leaf: 4,
    name: 'TDG.MR.REPORT',
    summary: 'Get a TDREPORT (subtype 0) binding caller-chosen REPORTDATA to the TD’s measurements.',
    handles: 'it writes the TDREPORT for the REPORTDATA at RDX to the buffer at RCX.',
    helper: '__tdcall',
    made: guestTdx('tdx_mcall_get_report0(): .rcx = virt_to_phys(tdreport), .rdx = virt_to_phys(reportdata), .r8 = TDREPORT_SUBTYPE_0; __tdcall(TDG_MR_REPORT, &args)'),
    args: [
      arg('tdreport', 'rcx', 'physical address of the buffer that receives the TDREPORT', 0x7f5000n, [guestTdx('tdx_mcall_get_report0(): .rcx = virt_to_phys(tdreport)')]),
      arg('reportdata', 'rdx', 'physical address of the REPORTDATA to include', 0x7f6000n, [guestTdx('tdx_mcall_get_report0(): .rdx = virt_to_phys(reportdata)')]),
      arg('subtype', 'r8', 'TDREPORT_SUBTYPE_0', 0n, [guestTdx('#define TDREPORT_SUBTYPE_0 0; .r8 = TDREPORT_SUBTYPE_0')]),
    ],
    notes: [reportCodes],
  }),
  leafCall({
    macro: 'TDG_MEM_PAGE_ACCEPT',
    leaf: 6,
    name: 'TDG.MEM.PAGE.ACCEPT',
    summary: 'Accept a pending private page (4K, 2M or 1G) before using it.',
    handles: 'it accepts the private page at the physical address in RCX, of the size bits 2:0 give.',
    helper: '__tdcall',
    made: tdxShared('try_accept_one(): args.rcx = start | page_size; __tdcall(TDG_MEM_PAGE_ACCEPT, &args)'),
    args: [
      arg('start | page size', 'rcx', 'the page’s physical address, with its size in bits 2:0: 0 = 4K, 1 = 2M, 2 = 1G (TDX_PS_4K/2M/1G)', 0x40000001n, [
        tdxShared('try_accept_one(): "Bits 2:0 of RCX encode page size: 0 - 4K, 1 - 2M, 2 - 1G."'),
        sharedTdx('#define TDX_PS_4K 0, TDX_PS_2M 1, TDX_PS_1G 2'),
      ]),
    ],
    notes: [
      {
        kind: 'info',
        text: 'Linux tries the largest size first, 1G then 2M then 4K, "to keep 1G/2M Secure EPT entries where possible"; a non-zero RAX means "try a smaller page".',
        sources: [tdxShared('tdx_accept_memory(): try_accept_one(…, PG_LEVEL_1G), then PG_LEVEL_2M, then PG_LEVEL_4K')],
      },
    ],
  }),
  leafCall({
    macro: 'TDG_VM_RD',
    leaf: 7,
    name: 'TDG.VM.RD',
    summary: 'Read a TD-scope metadata field (TDCS_TD_CTLS, TDCS_CONFIG_FLAGS, …).',
    handles: 'it returns the value of the field named in RDX in R8.',
    helper: '__tdcall_ret',
    made: guestTdx('tdg_vm_rd(): .rdx = field; __tdcall_ret(TDG_VM_RD, &args); *value = args.r8'),
    args: [
      arg('field', 'rdx', 'the metadata field identifier', TDCS_TD_CTLS, [
        guestTdx('tdg_vm_rd(): .rdx = field'),
        sharedTdx('#define TDCS_TD_CTLS 0x1110000300000017 ("TDX TD-Scope Metadata. To be used by TDG.VM.WR and TDG.VM.RD")'),
      ]),
    ],
    results: [out('value', 'r8', 'the field’s value', 1n, 'an example: TD_CTLS_PENDING_VE_DISABLE set', [guestTdx('tdg_vm_rd(): *value = args.r8'), sharedTdx('#define TD_CTLS_PENDING_VE_DISABLE_BIT 0')])],
    notes: [notReadOutputs('Linux reads R8 only.')],
  }),
  leafCall({
    macro: 'TDG_VM_WR',
    leaf: 8,
    name: 'TDG.VM.WR',
    summary: 'Write the bits of a TD-scope metadata field that a mask selects.',
    handles: 'it writes the bits of R8 that R9 selects into the field named in RDX.',
    helper: '__tdcall',
    made: guestTdx('tdg_vm_wr(): .rdx = field, .r8 = value, .r9 = mask; __tdcall(TDG_VM_WR, &args)'),
    args: [
      arg('field', 'rdx', 'the metadata field identifier', TDCS_TD_CTLS, [guestTdx('tdg_vm_wr(): .rdx = field'), sharedTdx('#define TDCS_TD_CTLS 0x1110000300000017')]),
      arg('value', 'r8', 'the new bits', 1n, [guestTdx('disable_sept_ve(): tdg_vm_wr(TDCS_TD_CTLS, TD_CTLS_PENDING_VE_DISABLE, TD_CTLS_PENDING_VE_DISABLE)')]),
      arg('mask', 'r9', 'which bits to write', 1n, [guestTdx('tdg_vm_wr(): .r9 = mask'), sharedTdx('#define TD_CTLS_PENDING_VE_DISABLE BIT_ULL(0)')]),
    ],
  }),
];

/** TDG.VP.VMCALL as one more TDCALL leaf: made with __tdcall_saved_ret, so it loses what the other leaves keep. */
export const vmcallLeaf: Call = {
  id: 'tdx-tdg-vp-vmcall',
  name: 'TDG.VP.VMCALL',
  family: FAMILY_TDCALL,
  summary: 'Leaf 0: a hypercall to the host VMM, which the TDX module passes on with the registers RCX selects.',
  number: { value: 0n, stated: { value: 0n, how: 'literal', source: src.leaf('TDG_VP_VMCALL', 0) } },
  args: [
    { name: 'exposed registers', register: 'rcx', meaning: 'bitmap of the registers the VMM may see (bit n = register n)', example: exposeMask.usual.value, mask: exposeMask, sources: [src.hypercall, src.bitmask] },
    { name: 'type', register: 'r10', meaning: '0 (TDX_HYPERCALL_STANDARD) for a call the GHCI defines', example: 0n, sources: [src.standard] },
    { name: 'sub-function', register: 'r11', meaning: 'which call (TDVMCALL_MAP_GPA, hcall_func(EXIT_REASON_HLT), …)', example: 12n, sources: [src.standard, src.matched, src.exitReasons] },
    { name: 'argument 1', register: 'r12', meaning: 'the sub-function’s first argument (HLT: IRQs disabled)', example: 1n, sources: [src.standard, guestTdx('__halt(): .r12 = irq_disabled')] },
  ],
  results: [
    { ...tdcallStatus, meaning: 'the TDCALL instruction’s error code: non-zero means the TDVMCALL mechanism itself failed (Linux panics)', sources: [src.hypercallFailed] },
    { name: 'VMM status', register: 'r10', meaning: 'the VMM’s TDG.VP.VMCALL status code', example: 0n, exampleMeaning: 'TDVMCALL_STATUS_SUCCESS', sources: [src.hypercall, src.status] },
  ],
  handles: 'it hands the registers RCX selects to the VMM, which handles the sub-function in R11 and answers in R10; the module then resumes the TD.',
  returnsOnSuccess: true,
  rules: { clobbered: [...SAVED_RET_REGS], preserved: [], sources: [src.savedRet, src.scrub] },
  sources: [src.leaf('TDG_VP_VMCALL', 0), src.hypercall, src.savedRet],
  notes: [
    {
      kind: 'info',
      text:
        'Its register rules differ from the other leaves’: Linux makes it with __tdcall_saved_ret, where "All registers in @args are used as input/output registers", so RBX, RSI, RDI and R12–R15 are lost too, and it zeroes RCX, RDX, R8–R15, RBX and RDI afterwards. ' +
        'The other leaves go through __tdcall or __tdcall_ret, which touch RCX, RDX and R8–R11 only.',
      sources: [src.savedRet, src.scrub, src.tdcall, src.tdcallRet],
    },
    {
      kind: 'info',
      text: 'Shown here with the HLT sub-function as the example; the Intel TDX · TDG.VP.VMCALL convention has each sub-function as a call of its own and draws what the VMM sees.',
      sources: [src.hypercall],
    },
  ],
};
