import type { BitField, BitLayout } from '../../model/bits';
import { encodeFields } from '../../model/bits';
import type { Call } from '../../model/call';
import type { Note, Source } from '../../model/source';
import { common, kvmSev, src, vcShared } from './sources';

/**
 * The GHCB MSR protocol: the guest writes a request into MSR_AMD64_SEV_ES_GHCB
 * (GHCBInfo, the request code, in bits 11:0; GHCBData above), executes
 * VMGEXIT, and reads the response from the same MSR. No general-purpose
 * register carries anything. Each request and response is a bit-field whose
 * fields and codes are those of sev-common.h.
 */

/** The two protocols are families of their own, so that each convention lists only its own calls. */
export const FAMILY = 'sev-msr';

/** Every GHCBInfo code sev-common.h defines, by value. */
export const GHCB_INFO: Readonly<Record<string, string>> = {
  '1': 'GHCB_MSR_SEV_INFO_RESP',
  '2': 'GHCB_MSR_SEV_INFO_REQ',
  '4': 'GHCB_MSR_CPUID_REQ',
  '5': 'GHCB_MSR_CPUID_RESP',
  '6': 'GHCB_MSR_AP_RESET_HOLD_REQ',
  '7': 'GHCB_MSR_AP_RESET_HOLD_RESP',
  '16': 'GHCB_MSR_PREF_GPA_REQ',
  '17': 'GHCB_MSR_PREF_GPA_RESP',
  '18': 'GHCB_MSR_REG_GPA_REQ',
  '19': 'GHCB_MSR_REG_GPA_RESP',
  '20': 'GHCB_MSR_PSC_REQ',
  '21': 'GHCB_MSR_PSC_RESP',
  '22': 'GHCB_MSR_VMPL_REQ',
  '23': 'GHCB_MSR_VMPL_RESP',
  '128': 'GHCB_MSR_HV_FT_REQ',
  '129': 'GHCB_MSR_HV_FT_RESP',
  '256': 'GHCB_MSR_TERM_REQ',
};

function f(key: string, name: string, hi: number, lo: number, sources: readonly Source[], names?: Readonly<Record<string, string>>): BitField {
  return { key, name, hi, lo, sources, ...(names ? { names } : {}) };
}

const info = f('info', 'GHCBInfo (request/response code)', 11, 0, [src.msrInfo], GHCB_INFO);

/** A request or response as a 64-bit layout: its data fields from high to low, then GHCBInfo. */
function msrLayout(id: string, name: string, data: readonly BitField[], sources: readonly Source[]): BitLayout {
  return { id: `ghcb-msr-${id}`, name: `GHCB MSR: ${name}`, bits: 64, fields: [...data, info], sources: [src.msrInfo, ...sources] };
}

const reserved = (hi: number, lo: number) => f('reserved', 'reserved (0)', hi, lo, [src.msrInfo]);

// ---------------------------------------------------------------- layouts

const sevInfoSrc = common('GHCB_MSR_SEV_INFO(_max, _min, _cbit): GHCBData[63:48] max, [47:32] min, [31:24] cbit | GHCB_MSR_SEV_INFO_RESP');
const cpuidSrc = common('GHCB_CPUID_REQ(fn, reg): GHCBData[11:0] GHCB_MSR_CPUID_REQ | (reg & 0x3) << 30 | fn << 32; GHCB_CPUID_REQ_EAX 0 … EDX 3');
const cpuidRespSrc = common('GHCB_MSR_CPUID_VALUE_POS 32, GHCB_MSR_CPUID_VALUE_MASK 0xffffffff; GHCB_MSR_CPUID_RESP 0x005');
const apSrc = common('GHCB_MSR_AP_RESET_HOLD_RESULT_POS 12, GHCB_MSR_AP_RESET_HOLD_RESULT_MASK GENMASK_ULL(51, 0)');
const gpaSrc = common('GHCB_MSR_GPA_VALUE_POS 12, GHCB_MSR_GPA_VALUE_MASK GENMASK_ULL(51, 0); GHCB_MSR_PREF_GPA_NONE 0xfffffffffffff');
const regGpaSrc = common(
  'GHCB_MSR_REG_GPA_REQ_VAL(v): GHCBData[63:12] (v & GENMASK_ULL(51, 0)) << 12 | GHCB_MSR_REG_GPA_REQ; GHCB_MSR_REG_GPA_RESP_VAL(v) (v & GENMASK_ULL(63, 12)) >> 12',
);
const pscSrc = common(
  'GHCB_MSR_PSC_REQ_GFN(gfn, op): GHCBData[55:52] op & 0xf, [51:12] gfn & GENMASK_ULL(39, 0), [11:0] GHCB_MSR_PSC_REQ; enum psc_op { SNP_PAGE_STATE_PRIVATE = 1, SNP_PAGE_STATE_SHARED }',
);
const pscRespSrc = common('GHCB_MSR_PSC_RESP_VAL(val): GHCBData[63:32] (val & GENMASK_ULL(63, 32)) >> 32');
const hvFtSrc = common(
  'GHCB_MSR_HV_FT_POS 12, GHCB_MSR_HV_FT_MASK GENMASK_ULL(51, 0); GHCB_HV_FT_SNP BIT_ULL(0), GHCB_HV_FT_SNP_AP_CREATION BIT_ULL(1), GHCB_HV_FT_SNP_MULTI_VMPL BIT_ULL(5)',
);
const termSrc = common(
  'GHCB_SEV_TERM_REASON(reason_set, reason_val): GHCBData[15:12] reason_set & 0xf, [23:16] reason_val & 0xff; SEV_TERM_SET_GEN 0, SEV_TERM_SET_LINUX 1',
);

const REG_NAMES = { '0': 'GHCB_CPUID_REQ_EAX', '1': 'GHCB_CPUID_REQ_EBX', '2': 'GHCB_CPUID_REQ_ECX', '3': 'GHCB_CPUID_REQ_EDX' };

export const layouts = {
  sevInfoReq: msrLayout('sev-info-req', 'SEV information request', [reserved(63, 12)], []),
  sevInfoResp: msrLayout(
    'sev-info-resp',
    'SEV information response',
    [
      f('max', 'highest GHCB protocol supported', 63, 48, [sevInfoSrc]),
      f('min', 'lowest GHCB protocol supported', 47, 32, [sevInfoSrc]),
      f('cbit', 'C-bit position', 31, 24, [sevInfoSrc]),
      reserved(23, 12),
    ],
    [sevInfoSrc],
  ),
  cpuidReq: msrLayout(
    'cpuid-req',
    'CPUID request',
    [f('fn', 'CPUID function (EAX input)', 63, 32, [cpuidSrc]), f('reg', 'register wanted', 31, 30, [cpuidSrc], REG_NAMES), reserved(29, 12)],
    [cpuidSrc],
  ),
  cpuidResp: msrLayout('cpuid-resp', 'CPUID response', [f('value', 'the register’s value', 63, 32, [cpuidRespSrc]), reserved(31, 12)], [cpuidRespSrc]),
  apHoldReq: msrLayout('ap-hold-req', 'AP reset hold request', [reserved(63, 12)], []),
  apHoldResp: msrLayout('ap-hold-resp', 'AP reset hold response', [f('result', 'result (non-zero once woken)', 63, 12, [apSrc])], [apSrc]),
  prefGpaReq: msrLayout('pref-gpa-req', 'preferred GHCB GPA request', [reserved(63, 12)], []),
  prefGpaResp: msrLayout(
    'pref-gpa-resp',
    'preferred GHCB GPA response',
    [f('gfn', 'preferred GHCB GFN', 63, 12, [gpaSrc], { '4503599627370495': 'GHCB_MSR_PREF_GPA_NONE' })],
    [gpaSrc],
  ),
  regGpaReq: msrLayout('reg-gpa-req', 'register GHCB GPA request', [f('gfn', 'GFN of the GHCB page', 63, 12, [regGpaSrc])], [regGpaSrc]),
  regGpaResp: msrLayout('reg-gpa-resp', 'register GHCB GPA response', [f('gfn', 'GFN registered', 63, 12, [regGpaSrc])], [regGpaSrc]),
  pscReq: msrLayout(
    'psc-req',
    'page state change request',
    [
      reserved(63, 56),
      f('op', 'page operation', 55, 52, [pscSrc], { '1': 'SNP_PAGE_STATE_PRIVATE', '2': 'SNP_PAGE_STATE_SHARED' }),
      f('gfn', 'guest frame number', 51, 12, [pscSrc]),
    ],
    [pscSrc],
  ),
  pscResp: msrLayout('psc-resp', 'page state change response', [f('error', 'error code (0: done)', 63, 32, [pscRespSrc]), reserved(31, 12)], [pscRespSrc]),
  hvFtReq: msrLayout('hv-ft-req', 'hypervisor features request', [reserved(63, 12)], []),
  hvFtResp: msrLayout(
    'hv-ft-resp',
    'hypervisor features response',
    [f('features', 'feature bits (bit 0 SNP, 1 SNP AP creation, 5 SNP multi-VMPL)', 63, 12, [hvFtSrc])],
    [hvFtSrc],
  ),
  termReq: msrLayout(
    'term-req',
    'termination request',
    [
      reserved(63, 24),
      f('code', 'reason code', 23, 16, [termSrc]),
      f('set', 'reason set', 15, 12, [termSrc], { '0': 'SEV_TERM_SET_GEN', '1': 'SEV_TERM_SET_LINUX' }),
    ],
    [termSrc],
  ),
};

// ---------------------------------------------------------------- calls

interface MsrCall {
  id: string;
  name: string;
  code: number;
  macro: string;
  summary: string;
  handles: string;
  request: { layout: BitLayout; fields: Record<string, bigint>; meaning: string; sources: readonly Source[] };
  response?: { layout: BitLayout; fields: Record<string, bigint>; meaning: string; exampleMeaning: string; sources: readonly Source[] };
  sources: readonly Source[];
  notes?: readonly Note[];
}

function msrCall(c: MsrCall): Call {
  const request = encodeFields(c.request.layout, { ...c.request.fields, info: BigInt(c.code) });
  const codeSrc = common(`#define ${c.macro} 0x${c.code.toString(16).padStart(3, '0')}`);
  return {
    id: `sev-msr-${c.id}`,
    name: c.name,
    family: FAMILY,
    summary: c.summary,
    number: { value: BigInt(c.code), stated: { value: BigInt(c.code), how: 'literal', source: codeSrc } },
    args: [
      {
        name: 'request',
        meaning: c.request.meaning,
        register: 'ghcb_msr',
        example: request,
        layout: c.request.layout,
        sources: [codeSrc, ...c.request.sources],
      },
    ],
    results: c.response
      ? [
          {
            name: 'response',
            meaning: c.response.meaning,
            register: 'ghcb_msr',
            example: encodeFields(c.response.layout, c.response.fields),
            exampleMeaning: c.response.exampleMeaning,
            layout: c.response.layout,
            sources: c.response.sources,
          },
        ]
      : [],
    handles: c.handles,
    returnsOnSuccess: c.response !== undefined,
    sources: [codeSrc, src.msrHandler, ...c.sources],
    notes: c.notes ?? [],
  };
}

const negotiate = vcShared(
  'sev_es_negotiate_protocol: sev_es_wr_ghcb_msr(GHCB_MSR_SEV_INFO_REQ); VMGEXIT(); val = sev_es_rd_ghcb_msr(); GHCB_MSR_INFO(val) must be GHCB_MSR_SEV_INFO_RESP',
);
const register = vcShared(
  'snp_register_ghcb_early: sev_es_wr_ghcb_msr(GHCB_MSR_REG_GPA_REQ_VAL(pfn)); VMGEXIT(); the response must be GHCB_MSR_REG_GPA_RESP with the same pfn, else sev_es_terminate(SEV_TERM_SET_LINUX, GHCB_TERM_REGISTER)',
);

export const msrCalls: readonly Call[] = [
  msrCall({
    id: 'sev-info',
    name: 'GHCB_MSR_SEV_INFO_REQ',
    code: 0x002,
    macro: 'GHCB_MSR_SEV_INFO_REQ',
    summary: 'Ask which GHCB protocol versions the hypervisor speaks and where the C-bit is: the first thing an SEV-ES guest does.',
    handles: 'KVM answers GHCB_MSR_SEV_INFO(ghcb_version, GHCB_VERSION_MIN, sev_enc_bit) in the MSR.',
    request: { layout: layouts.sevInfoReq, fields: {}, meaning: 'GHCB_MSR_SEV_INFO_REQ and nothing else', sources: [negotiate] },
    response: {
      layout: layouts.sevInfoResp,
      fields: { max: 2n, min: 1n, cbit: 51n, info: 0x001n },
      meaning: 'GHCB_MSR_SEV_INFO_RESP with the protocol range and the C-bit position',
      exampleMeaning: 'protocols 1 to 2, C-bit 51 (example values)',
      sources: [
        sevInfoSrc,
        kvmSev('case GHCB_MSR_SEV_INFO_REQ: set_ghcb_msr(svm, GHCB_MSR_SEV_INFO((__u64)sev->ghcb_version, GHCB_VERSION_MIN, sev_enc_bit))'),
      ],
    },
    sources: [negotiate],
    notes: [
      {
        kind: 'info',
        text: 'Linux keeps min(max, GHCB_PROTOCOL_MAX) as its protocol version and gives up when the hypervisor’s range does not meet GHCB_PROTOCOL_MIN..GHCB_PROTOCOL_MAX (1..2). KVM also loads this response into the MSR when it resets the vCPU, before the guest has asked.',
        sources: [
          negotiate,
          src.protocol,
          kvmSev('sev_es_vcpu_reset: "Set the GHCB MSR value as per the GHCB specification when emulating vCPU RESET" set_ghcb_msr(svm, GHCB_MSR_SEV_INFO(…))'),
        ],
      },
    ],
  }),
  msrCall({
    id: 'cpuid',
    name: 'GHCB_MSR_CPUID_REQ',
    code: 0x004,
    macro: 'GHCB_MSR_CPUID_REQ',
    summary: 'Ask for one register of one CPUID leaf before a GHCB page exists: the function in GHCBData[63:32], which register in [31:30].',
    handles:
      'KVM puts the function in RAX and 0 in RCX, runs its CPUID exit handler, and answers the register asked for in GHCBData[63:32] with GHCB_MSR_CPUID_RESP.',
    request: {
      layout: layouts.cpuidReq,
      fields: { fn: 0x8000001fn, reg: 1n },
      meaning: 'GHCB_CPUID_REQ(fn, reg): the CPUID function and the register wanted',
      sources: [cpuidSrc],
    },
    response: {
      layout: layouts.cpuidResp,
      fields: { value: 51n, info: 0x005n },
      meaning: 'GHCB_MSR_CPUID_RESP with the register’s value in GHCBData[63:32]',
      exampleMeaning: 'EBX of CPUID 0x8000001F with 51 in bits 5:0, where KVM reads the C-bit position (the other bits left 0 in this example)',
      sources: [
        cpuidRespSrc,
        kvmSev(
          'case GHCB_MSR_CPUID_REQ: vcpu->arch.regs[VCPU_REGS_RAX] = cpuid_fn; …RCX = 0; svm_invoke_exit_handler(vcpu, SVM_EXIT_CPUID); set_ghcb_msr_bits(svm, cpuid_value, GHCB_MSR_CPUID_VALUE_MASK, GHCB_MSR_CPUID_VALUE_POS)',
        ),
        kvmSev('sev_vcpu_after_set_cpuid: best = kvm_find_cpuid_entry(vcpu, 0x8000001F); reserved_gpa_bits &= ~(1UL << (best->ebx & 0x3f))'),
      ],
    },
    sources: [cpuidSrc],
    notes: [
      {
        kind: 'info',
        text: 'One register per exit: reading EAX, EBX, ECX and EDX of one leaf takes four VMGEXITs. The sub-leaf cannot be given; KVM always uses ECX = 0.',
        sources: [cpuidSrc, kvmSev('case GHCB_MSR_CPUID_REQ: vcpu->arch.regs[VCPU_REGS_RCX] = 0')],
      },
    ],
  }),
  msrCall({
    id: 'ap-reset-hold',
    name: 'GHCB_MSR_AP_RESET_HOLD_REQ',
    code: 0x006,
    macro: 'GHCB_MSR_AP_RESET_HOLD_REQ',
    summary: 'Park an application processor until the next SIPI, without a GHCB page.',
    handles: 'KVM halts the vCPU as if it were in reset, presets the result to 0, and sets it to 1 with GHCB_MSR_AP_RESET_HOLD_RESP when it delivers a SIPI.',
    request: { layout: layouts.apHoldReq, fields: {}, meaning: 'GHCB_MSR_AP_RESET_HOLD_REQ and nothing else', sources: [] },
    response: {
      layout: layouts.apHoldResp,
      fields: { result: 1n, info: 0x007n },
      meaning: 'GHCB_MSR_AP_RESET_HOLD_RESP with the result in GHCBData[63:12]',
      exampleMeaning: 'result 1: woken by a SIPI',
      sources: [
        apSrc,
        kvmSev('case GHCB_MSR_AP_RESET_HOLD_REQ: kvm_emulate_ap_reset_hold(); "Preset the result to a non-SIPI return" (0)'),
        kvmSev('sev_vcpu_deliver_sipi_vector: AP_RESET_HOLD_MSR_PROTO: set_ghcb_msr_bits(svm, 1, GHCB_MSR_AP_RESET_HOLD_RESULT_MASK, …)'),
      ],
    },
    sources: [apSrc],
  }),
  msrCall({
    id: 'pref-gpa',
    name: 'GHCB_MSR_PREF_GPA_REQ',
    code: 0x010,
    macro: 'GHCB_MSR_PREF_GPA_REQ',
    summary: 'SEV-SNP: ask whether the hypervisor prefers a GPA for this vCPU’s GHCB page.',
    handles: 'KVM answers GHCB_MSR_PREF_GPA_NONE (no preference) with GHCB_MSR_PREF_GPA_RESP; for a guest that is not SEV-SNP it ends the guest instead.',
    request: { layout: layouts.prefGpaReq, fields: {}, meaning: 'GHCB_MSR_PREF_GPA_REQ and nothing else', sources: [] },
    response: {
      layout: layouts.prefGpaResp,
      fields: { gfn: 0xfffffffffffffn, info: 0x011n },
      meaning: 'GHCB_MSR_PREF_GPA_RESP with a GFN in GHCBData[63:12]',
      exampleMeaning: 'GHCB_MSR_PREF_GPA_NONE: KVM has no preference',
      sources: [
        gpaSrc,
        kvmSev('case GHCB_MSR_PREF_GPA_REQ: if (!sev_snp_guest(vcpu->kvm)) goto out_terminate; set_ghcb_msr_bits(svm, GHCB_MSR_PREF_GPA_NONE, …)'),
      ],
    },
    sources: [gpaSrc],
  }),
  msrCall({
    id: 'reg-gpa',
    name: 'GHCB_MSR_REG_GPA_REQ',
    code: 0x012,
    macro: 'GHCB_MSR_REG_GPA_REQ',
    summary: 'SEV-SNP: register the GPA of this vCPU’s GHCB page; KVM refuses GHCB-page exits from an SNP guest at any other GPA.',
    handles:
      'KVM records the GFN as the registered GHCB and echoes it back with GHCB_MSR_REG_GPA_RESP; for a guest that is not SEV-SNP it ends the guest instead.',
    request: {
      layout: layouts.regGpaReq,
      fields: { gfn: 0x7f123n },
      meaning: 'GHCB_MSR_REG_GPA_REQ_VAL(pfn): the GHCB page’s frame number',
      sources: [register],
    },
    response: {
      layout: layouts.regGpaResp,
      fields: { gfn: 0x7f123n, info: 0x013n },
      meaning: 'GHCB_MSR_REG_GPA_RESP with the GFN registered',
      exampleMeaning: 'the same GFN: Linux ends the guest if it differs',
      sources: [
        regGpaSrc,
        kvmSev('case GHCB_MSR_REG_GPA_REQ: svm->sev_es.ghcb_registered_gpa = gfn_to_gpa(gfn); set_ghcb_msr_bits(svm, gfn, …); GHCB_MSR_REG_GPA_RESP'),
      ],
    },
    sources: [register, kvmSev('sev_handle_vmgexit: "SEV-SNP guest requires that the GHCB GPA must be registered"')],
  }),
  msrCall({
    id: 'psc',
    name: 'GHCB_MSR_PSC_REQ',
    code: 0x014,
    macro: 'GHCB_MSR_PSC_REQ',
    summary: 'SEV-SNP: make one 4 KiB page private or shared without a GHCB page.',
    handles: 'KVM starts the page state change (snp_begin_psc_msr) and answers GHCB_MSR_PSC_RESP with an error code in GHCBData[63:32].',
    request: {
      layout: layouts.pscReq,
      fields: { op: 2n, gfn: 0x7f123n },
      meaning: 'GHCB_MSR_PSC_REQ_GFN(gfn, op): the page and the operation',
      sources: [pscSrc],
    },
    response: {
      layout: layouts.pscResp,
      fields: { error: 0n, info: 0x015n },
      meaning: 'GHCB_MSR_PSC_RESP with an error code in GHCBData[63:32]',
      exampleMeaning: 'error 0: done (an example)',
      sources: [
        pscRespSrc,
        kvmSev('case GHCB_MSR_PSC_REQ: if (!sev_snp_guest(vcpu->kvm)) goto out_terminate; ret = snp_begin_psc_msr(svm, control->ghcb_gpa)'),
      ],
    },
    sources: [pscSrc],
    notes: [
      {
        kind: 'unconfirmed',
        text: 'snp_begin_psc_msr, which does the work and writes the response, was not read: the response is shown as sev-common.h lays it out, with 0 for success as an assumption.',
        sources: [pscRespSrc],
      },
    ],
  }),
  msrCall({
    id: 'hv-features',
    name: 'GHCB_MSR_HV_FT_REQ',
    code: 0x080,
    macro: 'GHCB_MSR_HV_FT_REQ',
    summary: 'Ask which optional GHCB features the hypervisor supports (SEV-SNP, SNP AP creation, multiple VMPLs).',
    handles: 'KVM answers GHCB_HV_FT_SUPPORTED in GHCBData[63:12] with GHCB_MSR_HV_FT_RESP.',
    request: { layout: layouts.hvFtReq, fields: {}, meaning: 'GHCB_MSR_HV_FT_REQ and nothing else', sources: [] },
    response: {
      layout: layouts.hvFtResp,
      fields: { features: 0x3n, info: 0x081n },
      meaning: 'GHCB_MSR_HV_FT_RESP with the feature bits in GHCBData[63:12]',
      exampleMeaning: 'GHCB_HV_FT_SNP | GHCB_HV_FT_SNP_AP_CREATION (an example: KVM’s GHCB_HV_FT_SUPPORTED was not read)',
      sources: [hvFtSrc, kvmSev('case GHCB_MSR_HV_FT_REQ: set_ghcb_msr_bits(svm, GHCB_HV_FT_SUPPORTED, GHCB_MSR_HV_FT_MASK, GHCB_MSR_HV_FT_POS)')],
    },
    sources: [hvFtSrc],
  }),
  msrCall({
    id: 'terminate',
    name: 'GHCB_MSR_TERM_REQ',
    code: 0x100,
    macro: 'GHCB_MSR_TERM_REQ',
    summary: 'Ask the hypervisor to end the guest, with a reason set and code (Linux uses set 1 for its own reasons).',
    handles: 'KVM logs the reason and exits to the VMM with KVM_SYSTEM_EVENT_SEV_TERM; the guest does not run again.',
    request: {
      layout: layouts.termReq,
      fields: { set: 1n, code: 0n },
      meaning: 'GHCB_SEV_TERM_REASON(reason_set, reason_val) | GHCB_MSR_TERM_REQ',
      sources: [termSrc, common('SEV_TERM_SET_LINUX 1; GHCB_TERM_REGISTER 0 /* GHCB GPA registration failure */')],
    },
    sources: [
      termSrc,
      kvmSev(
        'case GHCB_MSR_TERM_REQ: pr_info("SEV-ES guest requested termination: …"); goto out_terminate: run->system_event.type = KVM_SYSTEM_EVENT_SEV_TERM',
      ),
    ],
  }),
];
