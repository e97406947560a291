import { encodeFields } from '../../model/bits';
import { linux } from '../docs';
import type { Call } from '../../model/call';
import type { MemoryField } from '../../model/memory';
import type { Note } from '../../model/source';
import { SHARED_BUFFER_GPA, field, pageCall, setter } from './page-call';
import { PSC_DESC_SIZE, VMGEXIT_PSC_MAX_ENTRY, pscEntryLayout, pscOffset } from './psc';
import { common, core, kvmSev, sevH, sevNmi, svsm, uapiTools } from './sources';

/**
 * The SEV-ES/SNP software-defined VMGEXIT events Linux's guest issues
 * through the GHCB page on its own initiative, not from the #VC handler:
 * page state changes, SNP guest requests, AP creation and the AP jump
 * table, the end of an NMI and the AP's halt loop. Event codes are
 * uapi/asm/svm.h's; what each puts in the page is read in
 * arch/x86/coco/sev/core.c and sev-nmi.c.
 */

const code = (macro: string, value: number, more = '') => uapiTools(`#define ${macro} 0x${value.toString(16)}${more}`);

const specUnread: Note = {
  kind: 'unconfirmed',
  text: 'The GHCB specification (AMD 56421), which defines this event, was not read: the picture is what Linux’s guest writes and checks and what KVM’s sev_handle_vmgexit does with it.',
  sources: [kvmSev('sev_handle_vmgexit: switch (exit_code)')],
};

// ---------------------------------------------------------------- Page State Change

const vmgexitPsc = core(
  'vmgexit_psc: data = (struct snp_psc_desc *)ghcb->shared_buffer; memcpy(ghcb->shared_buffer, desc, min_t(int, GHCB_SHARED_BUF_SIZE, sizeof(*desc))); while (data->hdr.cur_entry <= data->hdr.end_entry) { ghcb_set_sw_scratch(ghcb, (u64)__pa(data)); ret = sev_es_ghcb_hv_call(ghcb, &ctxt, SVM_VMGEXIT_PSC, 0, 0); … }',
);
const pscChecks = core(
  'vmgexit_psc: "Page State Change VMGEXIT can pass error code through exit_info_2": WARN(ret || ghcb->save.sw_exit_info_2); WARN(data->hdr.reserved); WARN(data->hdr.end_entry > end_entry || cur_entry > data->hdr.cur_entry) — "the hypervisor will update the data memory directly to indicate the status"',
);
const setPages = core(
  '__set_pages_state: hdr->end_entry = i; e->gfn = pfn; e->operation = op; e->pagesize = RMP_PG_SIZE_2M or RMP_PG_SIZE_4K; pvalidate_pages() before a change to shared, after a change to private',
);
const kvmPsc = kvmSev(
  'case SVM_VMGEXIT_PSC: setup_vmgexit_scratch(svm, true, control->exit_info_2); snp_begin_psc(svm, svm->sev_es.ghcb_sa): from hdr->cur_entry to hdr->end_entry, adjacent entries combined into one KVM_EXIT_HYPERCALL KVM_HC_MAP_GPA_RANGE (gpa, npages, ENCRYPTED or DECRYPTED | PAGE_SZ_4K or _2M)',
);
const kvmPscDone = kvmSev(
  '__snp_complete_one_psc: entry->cur_page = entry->pagesize ? 512 : 1; hdr->cur_entry = idx; snp_complete_psc: "PSC requests always get a no action response in SW_EXITINFO1, with a PSC-specific return code in SW_EXITINFO2": svm_vmgexit_no_action(svm, psc_ret)',
);
const hdrSrc = common(
  'struct psc_hdr { u16 cur_entry; u16 end_entry; u32 reserved; } __packed; struct snp_psc_desc { struct psc_hdr hdr; struct psc_entry entries[VMGEXIT_PSC_MAX_ENTRY]; } __packed',
);

/** The example: make one 4 KiB page shared, as snp_set_memory_shared() does for a single page. */
const PSC_GFN = 0x7f200n;
export const PSC_ENTRY = encodeFields(pscEntryLayout, { gfn: PSC_GFN, operation: 2n, pagesize: 0n });

const pscField = (member: string | number, f: Omit<MemoryField, 'name' | 'offset' | 'bytes'>, bytes: number): MemoryField => ({
  name: typeof member === 'number' ? `psc.entries[${member}]` : `psc.hdr.${member}`,
  offset: pscOffset(member),
  bytes,
  ...f,
});

const psc = pageCall({
  id: 'psc',
  name: 'SVM_VMGEXIT_PSC (Page State Change)',
  exitCode: 0x80000010,
  codeSource: code('SVM_VMGEXIT_PSC', 0x80000010),
  summary:
    'An SEV-SNP guest asks the hypervisor to make pages private or shared in the RMP table: Linux copies a descriptor (a header and one entry per page) into the GHCB’s shared buffer, points sw_scratch at it and repeats the exit until the hypervisor has worked through every entry.',
  handles:
    'KVM reads the descriptor through sw_scratch, hands each run of adjacent entries to the userspace VMM as a KVM_HC_MAP_GPA_RANGE exit, and as each run completes sets its entries’ cur_page to the pages done and cur_entry to the next entry; then it answers “no action” in sw_exit_info_1 and the PSC return code (0) in sw_exit_info_2.',
  issuedBy: 'hv-call',
  info1: { value: 0n, meaning: '0' },
  info2: {
    value: 0n,
    meaning: '0',
    out: {
      result: 0n,
      resultMeaning: 'no error',
      meaning: 'the PSC return code (Linux terminates the guest on any other value)',
      sources: [pscChecks, kvmPscDone],
    },
  },
  fields: [
    field('sw_scratch', {
      direction: 'in',
      example: SHARED_BUFFER_GPA,
      meaning: 'GPA of the descriptor: __pa(data), the start of the shared buffer',
      sources: [vmgexitPsc, setter('sw_scratch')],
    }),
    pscField(
      'cur_entry',
      {
        direction: 'inout',
        example: 0n,
        result: 1n,
        resultMeaning: 'past end_entry: every entry done',
        meaning: 'in: the first entry to process; out: the next entry the hypervisor would process',
        sources: [hdrSrc, vmgexitPsc, pscChecks, kvmPscDone],
      },
      2,
    ),
    pscField('end_entry', { direction: 'in', example: 0n, meaning: 'index of the last entry (0: one entry)', sources: [hdrSrc, setPages] }, 2),
    pscField('reserved', { direction: 'in', example: 0n, meaning: 'reserved; Linux checks it is still 0 after each exit', sources: [hdrSrc, pscChecks] }, 4),
    pscField(
      0,
      {
        direction: 'inout',
        example: PSC_ENTRY,
        result: PSC_ENTRY | 1n,
        resultMeaning: 'cur_page = 1: the one 4 KiB page done',
        meaning: `struct psc_entry: GFN 0x${PSC_GFN.toString(16).toUpperCase()} in bits 51:12, operation SNP_PAGE_STATE_SHARED (2) in bits 55:52, pagesize RMP_PG_SIZE_4K (0) in bit 56`,
        sources: [hdrSrc, setPages, kvmPscDone, ...pscEntryLayout.sources, ...pscEntryLayout.fields.flatMap((f) => f.sources)],
      },
      8,
    ),
  ],
  sources: [
    vmgexitPsc,
    pscChecks,
    setPages,
    kvmPsc,
    kvmPscDone,
    core('snp_set_memory_shared / snp_set_memory_private / snp_accept_memory → set_pages_state → __set_pages_state → vmgexit_psc'),
  ],
  notes: [
    {
      kind: 'info',
      text: `Linux copies its whole descriptor, ${PSC_DESC_SIZE} bytes (an 8-byte header and VMGEXIT_PSC_MAX_ENTRY = ${VMGEXIT_PSC_MAX_ENTRY} entries, computed from the structs), into the shared buffer; only the header and the one entry in use are drawn, the rest are zero. The same GFN and operation fields sit at the same bits as in the MSR protocol’s GHCB_MSR_PSC_REQ_GFN. The GFN is an example.`,
      sources: [vmgexitPsc, hdrSrc, common('GHCB_MSR_PSC_REQ_GFN(gfn, op): GHCBData[55:52] op, [51:12] gfn')],
    },
    {
      kind: 'info',
      text: 'KVM does not change the RMP itself here: it exits to the userspace VMM (KVM_HC_MAP_GPA_RANGE) for each run of entries and finishes those entries when the VMM comes back, so one VMGEXIT can cost several exits to userspace. Linux only requires that cur_entry and end_entry do not go backwards, and repeats the VMGEXIT while cur_entry ≤ end_entry.',
      sources: [kvmPsc, kvmPscDone, pscChecks],
    },
    specUnread,
  ],
});

// ---------------------------------------------------------------- SNP guest requests

const issueRequest = core(
  'snp_issue_guest_request: if (req->exit_code == SVM_VMGEXIT_EXT_GUEST_REQUEST) { ghcb_set_rax(ghcb, input->data_gpa); ghcb_set_rbx(ghcb, input->data_npages); } sev_es_ghcb_hv_call(ghcb, &ctxt, req->exit_code, input->req_gpa, input->resp_gpa); req->exitinfo2 = ghcb->save.sw_exit_info_2',
);
const sendRequest = core(
  'snp_send_guest_request: the request, encrypted with the VMPCK (enc_payload), is copied to the shared request page; req->input.req_gpa = __pa(mdesc->request); req->input.resp_gpa = __pa(mdesc->response); req->input.data_gpa = req->certs_data ? __pa(req->certs_data) : 0',
);
const requestErrors = core(
  'snp_issue_guest_request: switch (req->exitinfo2): 0 → done; SNP_GUEST_VMM_ERR(SNP_GUEST_VMM_ERR_BUSY) → -EAGAIN (retried); SNP_GUEST_VMM_ERR(SNP_GUEST_VMM_ERR_INVALID_LEN) → for the extended request "Number of expected pages are returned in RBX": input->data_npages = ghcb_get_rbx(ghcb)',
);
const kvmRequest = kvmSev(
  'snp_handle_guest_req: kvm_read_guest(kvm, req_gpa, sev->guest_req_buf, PAGE_SIZE); sev_issue_cmd(kvm, SEV_CMD_SNP_GUEST_REQUEST, &data, &fw_err); kvm_write_guest(kvm, resp_gpa, sev->guest_resp_buf, PAGE_SIZE); svm_vmgexit_no_action(svm, SNP_GUEST_ERR(0, fw_err))',
);
const kvmExtRequest = kvmSev(
  'snp_handle_ext_guest_req: for SNP_MSG_REPORT_REQ rax and rbx must be valid and data_gpa PAGE_ALIGNED, else svm_vmgexit_bad_input(svm, GHCB_ERR_INVALID_INPUT); "provide a stub implementation that will always return an empty certificate table": kvm_clear_guest(kvm, data_gpa, 24); then snp_handle_guest_req()',
);
const reqData = sevH('struct snp_req_data { unsigned long req_gpa; unsigned long resp_gpa; unsigned long data_gpa; unsigned int data_npages; }');
const REQ_GPA = 0x7f300000n;
const pagesNote: Note = {
  kind: 'info',
  text: 'The request and response pages are two further shared pages (snp_msg_alloc), each a struct snp_guest_msg whose payload is encrypted with the guest’s VMPCK key: the hypervisor passes them on to the firmware without being able to read them. They are not drawn; their addresses are examples. Linux serialises requests and retries while the host answers BUSY.',
  sources: [
    sendRequest,
    core('__handle_guest_request: "Call firmware to process the request. In this function the encrypted message enters shared memory with the host"'),
    requestErrors,
  ],
};

function guestRequest(ext: boolean): Call {
  return pageCall({
    id: ext ? 'ext-guest-request' : 'guest-request',
    name: ext ? 'SVM_VMGEXIT_EXT_GUEST_REQUEST' : 'SVM_VMGEXIT_GUEST_REQUEST',
    exitCode: ext ? 0x80000012 : 0x80000011,
    codeSource: code(ext ? 'SVM_VMGEXIT_EXT_GUEST_REQUEST' : 'SVM_VMGEXIT_GUEST_REQUEST', ext ? 0x80000012 : 0x80000011),
    summary: ext
      ? 'An SNP guest request that also asks for the certificates that go with an attestation report: the request and response page GPAs in the exit words, the certificate buffer’s GPA in RAX and its size in pages in RBX.'
      : 'An SNP guest message to the AMD Secure Processor (an attestation report, a key, the TSC information): the GHCB carries only the GPAs of the shared request and response pages, in sw_exit_info_1 and sw_exit_info_2.',
    handles: ext
      ? 'For a report request KVM checks that RAX and RBX are valid and the certificate buffer page-aligned, writes an empty certificate table there (24 zero bytes), then handles it as a plain guest request.'
      : 'KVM copies the request page into its own buffer, has the AMD Secure Processor process it (SEV_CMD_SNP_GUEST_REQUEST), copies the response into the response page and answers the firmware’s error code (0 when none) in sw_exit_info_2.',
    issuedBy: 'hv-call',
    info1: { value: REQ_GPA, meaning: 'req_gpa: GPA of the shared request page (an example)' },
    info2: {
      value: REQ_GPA + 0x1000n,
      meaning: 'resp_gpa: GPA of the shared response page (an example)',
      out: {
        result: 0n,
        resultMeaning: 'done',
        meaning: 'exitinfo2: 0, or SNP_GUEST_VMM_ERR(BUSY / INVALID_LEN), or a firmware error',
        sources: [requestErrors, kvmRequest],
      },
    },
    fields: ext
      ? [
          field('rax', {
            direction: 'in',
            example: 0x7f400000n,
            meaning: 'data_gpa: GPA of the certificate buffer (an example)',
            sources: [issueRequest, reqData, kvmExtRequest, setter('rax')],
          }),
          field('rbx', {
            direction: 'in',
            example: 4n,
            meaning:
              'data_npages: the certificate buffer’s size in pages (an example); Linux reads the pages needed back from here when the answer is SNP_GUEST_VMM_ERR_INVALID_LEN, which KVM never gives',
            sources: [issueRequest, reqData, requestErrors, kvmExtRequest, setter('rbx')],
          }),
        ]
      : [],
    sources: [issueRequest, sendRequest, reqData, ext ? kvmExtRequest : kvmRequest],
    notes: [
      pagesNote,
      ...(ext
        ? [
            {
              kind: 'info' as const,
              text: 'When the certificate buffer is too small, Linux repeats the same message as a plain SVM_VMGEXIT_GUEST_REQUEST, so that the message sequence number is not used twice, and reports the size needed to its caller.',
              sources: [
                core(
                  '__handle_guest_request: case -ENOSPC: override_npages = req->input.data_npages; req->exit_code = SVM_VMGEXIT_GUEST_REQUEST; goto retry_request',
                ),
              ],
            },
            {
              kind: 'info' as const,
              text: 'KVM at the commit read never sends certificates: it answers every report request with an empty certificate table, so it never asks for a bigger buffer either.',
              sources: [kvmExtRequest],
            },
          ]
        : []),
      specUnread,
    ],
  });
}

// ---------------------------------------------------------------- AP creation

const apControl = core(
  'vmgexit_ap_control: if (create) ghcb_set_rax(ghcb, vmsa->sev_features); ghcb_set_sw_exit_code(ghcb, SVM_VMGEXIT_AP_CREATION); ghcb_set_sw_exit_info_1(ghcb, ((u64)apic_id << 32) | ((u64)snp_vmpl << 16) | event); ghcb_set_sw_exit_info_2(ghcb, __pa(vmsa)); sev_es_wr_ghcb_msr(__pa(ghcb)); VMGEXIT(); error if lower_32_bits(ghcb->save.sw_exit_info_1)',
);
const apEvents = uapiTools('#define SVM_VMGEXIT_AP_CREATE_ON_INIT 0, #define SVM_VMGEXIT_AP_CREATE 1, #define SVM_VMGEXIT_AP_DESTROY 2');

/** vmgexit_ap_control()'s sw_exit_info_1, as core.c writes it. */
export function apCreationInfo1(apicId: bigint, vmpl: bigint, event: bigint): bigint {
  return (apicId << 32n) | (vmpl << 16n) | event;
}

const kvmAp = kvmSev(
  'sev_snp_ap_creation: request = lower_32_bits(exit_info_1); apic_id = upper_32_bits(exit_info_1); kvm_get_vcpu_by_id(kvm, apic_id); CREATE_ON_INIT, CREATE: RAX must equal sev->vmsa_features, exit_info_2 a valid page address not IS_ALIGNED(PMD_SIZE), target snp_vmsa_gpa = exit_info_2; DESTROY: snp_vmsa_gpa = INVALID_PAGE; default: -EINVAL; unless CREATE_ON_INIT kvm_make_request_and_kick(KVM_REQ_UPDATE_PROTECTED_GUEST_STATE, target_vcpu)',
);
const AP = { apicId: 1n, vmsa: 0x7f501000n };

function apCreation(destroy: boolean): Call {
  const event = destroy ? 2n : 1n;
  return pageCall({
    id: destroy ? 'ap-destroy' : 'ap-create',
    name: `SVM_VMGEXIT_AP_CREATION (${destroy ? 'SVM_VMGEXIT_AP_DESTROY' : 'SVM_VMGEXIT_AP_CREATE'})`,
    exitCode: 0x80000013,
    codeSource: code('SVM_VMGEXIT_AP_CREATION', 0x80000013),
    summary: destroy
      ? 'An SEV-SNP guest stops a vCPU (kexec shuts the other APs down this way) so that it can take the VMSA tag off that vCPU’s save-area page.'
      : 'An SEV-SNP guest starts a vCPU: it builds the AP’s initial register state in a VMSA page of its own, marks the page as a VMSA, and tells the hypervisor the APIC ID and the page’s GPA.',
    handles: destroy
      ? 'KVM forgets the target vCPU’s VMSA (snp_vmsa_gpa = INVALID_PAGE) and kicks the vCPU, which stays offline until it is given a new VMSA.'
      : 'KVM finds the vCPU with the APIC ID in bits 63:32, checks that RAX equals the VM’s VMSA features and that the VMSA address is a valid page not aligned to 2 MiB, records it and kicks the vCPU to run from it; a failed check answers GHCB_ERR_INVALID_INPUT.',
    issuedBy: 'direct',
    info1: {
      value: apCreationInfo1(AP.apicId, 0n, event),
      meaning: `(APIC ID << 32) | (VMPL << 16) | event: APIC ID 1, VMPL 0 (Linux at VMPL 0, no SVSM), ${destroy ? 'SVM_VMGEXIT_AP_DESTROY (2)' : 'SVM_VMGEXIT_AP_CREATE (1)'}`,
    },
    info2: { value: AP.vmsa, meaning: 'GPA of the AP’s VMSA page: __pa(vmsa) (an example)' },
    fields: destroy
      ? []
      : [
          field('rax', {
            direction: 'in',
            example: 0x1n,
            meaning: 'the VMSA’s SEV_FEATURES (vmsa->sev_features = sev_status >> 2; an example value)',
            sources: [
              apControl,
              core('wakeup_cpu_via_vmgexit: vmsa->sev_features = sev_status >> 2; "SEV_FEATURES (matches the SEV STATUS MSR right shifted 2 bits)"'),
              setter('rax'),
            ],
          }),
        ],
    sources: [
      apControl,
      apEvents,
      kvmAp,
      destroy
        ? core('shutdown_all_aps: vmgexit_ap_control(SVM_VMGEXIT_AP_DESTROY, vmsa, apic_id); snp_cleanup_vmsa(vmsa, apic_id)')
        : core(
            'wakeup_cpu_via_vmgexit: needs GHCB_HV_FT_SNP_AP_CREATION; snp_set_vmsa(vmsa, caa, apic_id, true); vmgexit_ap_control(SVM_VMGEXIT_AP_CREATE, vmsa, apic_id)',
          ),
    ],
    notes: [
      {
        kind: 'info',
        text: 'Three sub-events share the code, in the low bits of sw_exit_info_1: SVM_VMGEXIT_AP_CREATE_ON_INIT (0), SVM_VMGEXIT_AP_CREATE (1) and SVM_VMGEXIT_AP_DESTROY (2). Linux’s guest issues CREATE (bringing up a CPU) and DESTROY (kexec); CREATE_ON_INIT is defined but issued nowhere in the guest code read; KVM takes it like CREATE without kicking the vCPU, so the VMSA is used at the vCPU’s next INIT.',
        sources: [
          apEvents,
          apControl,
          kvmAp,
          kvmSev('sev_snp_init_protected_guest_state: "Invoked as part of svm_vcpu_reset() processing of an init event": vmsa_pa = the page at snp_vmsa_gpa'),
        ],
      },
      {
        kind: 'unconfirmed',
        text: 'The widths of the fields in sw_exit_info_1 are the GHCB specification’s and were not read: the drawing follows what Linux writes (a u32 APIC ID shifted by 32, the u8 VMPL shifted by 16, the event in the low bits). Under an SVSM Linux runs at VMPL 1 or more and the VMPL field is not 0; KVM at the commit read takes all of bits 31:0 as the request, so it refuses such a request as an invalid one.',
        sources: [apControl, kvmAp, core('u8 snp_vmpl: "When running under an SVSM, the VMPL that Linux is executing at must be non-zero"')],
      },
      specUnread,
    ],
  });
}

// ---------------------------------------------------------------- AP jump table, AP halt loop, NMI complete

const jumpTable = core(
  'get_jump_table_addr: under SNP return get_snp_jump_table_addr() (the secrets page); else ghcb_set_sw_exit_code(ghcb, SVM_VMGEXIT_AP_JUMP_TABLE); ghcb_set_sw_exit_info_1(ghcb, SVM_VMGEXIT_GET_AP_JUMP_TABLE); ghcb_set_sw_exit_info_2(ghcb, 0); sev_es_wr_ghcb_msr(__pa(ghcb)); VMGEXIT(); if both exit words are valid ret = ghcb->save.sw_exit_info_2',
);
const kvmJump = kvmSev(
  'case SVM_VMGEXIT_AP_JUMP_TABLE: switch (control->exit_info_1) { case 0: /* Set AP jump table address */ sev->ap_jump_table = control->exit_info_2; case 1: /* Get AP jump table address */ svm_vmgexit_success(svm, sev->ap_jump_table); default: svm_vmgexit_bad_input(svm, GHCB_ERR_INVALID_INPUT) }',
);
const jumpCodes = uapiTools('#define SVM_VMGEXIT_AP_JUMP_TABLE 0x80000005, #define SVM_VMGEXIT_SET_AP_JUMP_TABLE 0, #define SVM_VMGEXIT_GET_AP_JUMP_TABLE 1');

const apJumpTable = pageCall({
  id: 'ap-jump-table-get',
  name: 'SVM_VMGEXIT_AP_JUMP_TABLE (SVM_VMGEXIT_GET_AP_JUMP_TABLE)',
  exitCode: 0x80000005,
  codeSource: jumpCodes,
  summary:
    'An SEV-ES guest asks where the AP jump table is: the page where it writes the real-mode start address (IP and CS) from which the hypervisor restarts its APs. The answer comes back in sw_exit_info_2.',
  handles: 'KVM answers, in sw_exit_info_2, the address the VM’s jump table was last set to (svm_vmgexit_success(svm, sev->ap_jump_table)).',
  issuedBy: 'direct',
  info1: { value: 1n, meaning: 'SVM_VMGEXIT_GET_AP_JUMP_TABLE (1)' },
  info2: {
    value: 0n,
    meaning: '0',
    out: {
      result: 0x9e000n,
      resultMeaning: 'the jump table’s GPA (an example; Linux requires it page-aligned)',
      meaning: 'the jump table’s GPA',
      sources: [
        jumpTable,
        core(
          'sev_es_setup_ap_jump_table: if (jump_table_addr & ~PAGE_MASK) return -EINVAL; writew(startup_ip, &jump_table[0]); writew(startup_cs, &jump_table[1])',
        ),
      ],
    },
  },
  fields: [],
  sources: [
    jumpTable,
    kvmJump,
    core('sev_es_setup_ap_jump_table: jump_table_addr = get_jump_table_addr(); "On UP guests there is no jump table so this is not a failure"'),
  ],
  notes: [
    {
      kind: 'info',
      text: 'Linux’s guest only reads the address (GET, 1). SVM_VMGEXIT_SET_AP_JUMP_TABLE (0), which hands the hypervisor an address in sw_exit_info_2 (KVM stores it for later GETs), is issued nowhere in Linux’s guest code read. An SEV-SNP guest does not ask: it reads the address from the secrets page (os_area.ap_jump_table_pa).',
      sources: [jumpCodes, jumpTable, kvmJump, sevH('struct secrets_os_area { … u64 ap_jump_table_pa; … }')],
    },
    specUnread,
  ],
});

const hltLoop = core(
  'sev_es_ap_hlt_loop: while (true) { vc_ghcb_invalidate(ghcb); ghcb_set_sw_exit_code(ghcb, SVM_VMGEXIT_AP_HLT_LOOP); ghcb_set_sw_exit_info_1(ghcb, 0); ghcb_set_sw_exit_info_2(ghcb, 0); sev_es_wr_ghcb_msr(__pa(ghcb)); VMGEXIT(); /* Wakeup signal? */ if (ghcb_sw_exit_info_2_is_valid(ghcb) && ghcb->save.sw_exit_info_2) break; }',
);
const apHltLoop = pageCall({
  id: 'ap-hlt-loop',
  name: 'SVM_VMGEXIT_AP_HLT_LOOP',
  exitCode: 0x80000004,
  codeSource: code('SVM_VMGEXIT_AP_HLT_LOOP', 0x80000004),
  summary:
    'An offlined CPU of an SEV-ES guest parks itself: the hypervisor cannot deliver a SIPI to restart it, so the CPU exits with this event in a loop until the hypervisor says, in sw_exit_info_2, that it should wake up.',
  handles: 'KVM holds the vCPU in AP reset hold (kvm_emulate_ap_reset_hold) until another vCPU sends it a SIPI, then sets sw_exit_info_2 to 1.',
  issuedBy: 'direct',
  info1: { value: 0n, meaning: '0' },
  info2: {
    value: 0n,
    meaning: '0',
    out: { result: 1n, resultMeaning: 'wake up: KVM writes 1 on a SIPI', meaning: 'non-zero to wake up, 0 to loop again', sources: [hltLoop] },
  },
  fields: [],
  sources: [
    hltLoop,
    kvmSev(
      'case SVM_VMGEXIT_AP_HLT_LOOP: ap_reset_hold_type = AP_RESET_HOLD_NAE_EVENT; kvm_emulate_ap_reset_hold(vcpu); sev_vcpu_deliver_sipi_vector: "Set SW_EXIT_INFO_2 to a non-zero value": svm_vmgexit_success(svm, 1)',
    ),
    core('sev_es_play_dead: play_dead_common(); sev_es_ap_hlt_loop(); soft_restart_cpu() — "the hypervisor can\'t deliver an SIPI request to restart the AP"'),
  ],
  notes: [specUnread],
});

const nmiComplete = sevNmi(
  '__sev_es_nmi_complete: vc_ghcb_invalidate(ghcb); ghcb_set_sw_exit_code(ghcb, SVM_VMGEXIT_NMI_COMPLETE); ghcb_set_sw_exit_info_1(ghcb, 0); ghcb_set_sw_exit_info_2(ghcb, 0); sev_es_wr_ghcb_msr(__pa_nodebug(ghcb)); VMGEXIT()',
);
const kvmNmi = kvmSev('case SVM_VMGEXIT_NMI_COMPLETE: ++vcpu->stat.nmi_window_exits; svm->nmi_masked = false; kvm_make_request(KVM_REQ_EVENT, vcpu); ret = 1');
const nmi = pageCall({
  id: 'nmi-complete',
  name: 'SVM_VMGEXIT_NMI_COMPLETE',
  exitCode: 0x80000003,
  codeSource: code('SVM_VMGEXIT_NMI_COMPLETE', 0x80000003),
  summary:
    'The end of NMI handling in an SEV-ES guest: sev_es_nmi_complete() tells the hypervisor, with the exit code alone, that the guest’s NMI has been handled.',
  handles:
    'KVM unmasks NMIs for the vCPU (nmi_masked = false) and re-evaluates pending events (KVM_REQ_EVENT), so a waiting NMI can be injected; nothing comes back.',
  issuedBy: 'direct',
  info1: { value: 0n, meaning: '0' },
  info2: { value: 0n, meaning: '0' },
  fields: [],
  sources: [nmiComplete, kvmNmi, sevH('sev_es_nmi_complete(): __sev_es_nmi_complete() when CC_ATTR_GUEST_STATE_ENCRYPT')],
  notes: [
    {
      kind: 'info',
      text: 'Older KVM answered this event with its IRET exit handler (svm_invoke_exit_handler(vcpu, SVM_EXIT_IRET), read in excerpts of older copies); the pinned sev.c clears nmi_masked itself.',
      sources: [
        linux(
          'arch/x86/kvm/svm/sev.c',
          'sev_handle_vmgexit: case SVM_VMGEXIT_NMI_COMPLETE: ret = svm_invoke_exit_handler(vcpu, SVM_EXIT_IRET) (read in excerpts of older copies, not in a pinned tree)',
        ),
        kvmNmi,
      ],
    },
    specUnread,
  ],
});

export const snpEvents: readonly Call[] = [psc, guestRequest(false), guestRequest(true), apCreation(false), apCreation(true), apJumpTable, apHltLoop, nmi];

/** SVM_VMGEXIT_SNP_RUN_VMPL exists at the commits read, as the way the SVSM calling-area protocol reaches the SVSM; not drawn yet, so the page convention says so. */
export const runVmplNote: Note = {
  kind: 'unconfirmed',
  text:
    'Not drawn yet: SVM_VMGEXIT_SNP_RUN_VMPL (0x80000018). A guest running under an SVSM (at VMPL 1 or more) reaches the SVSM through it: Linux sets the event with exit words 0 in the GHCB, writes the page’s GPA to the GHCB MSR and makes the call with svsm_issue_call(), the call’s own arguments in RAX, RCX, RDX, R8 and R9 and in the SVSM calling area (call_pending, svsm_buffer); ' +
    'the hypervisor runs the VMPL 0 vCPU, where the SVSM reads them. That hop to the SVSM, and svsm_issue_call() itself, were not read.',
  sources: [
    uapiTools('#define SVM_VMGEXIT_SNP_RUN_VMPL 0x80000018'),
    svsm(
      'svsm_perform_ghcb_protocol: ghcb_set_sw_exit_code(ghcb, SVM_VMGEXIT_SNP_RUN_VMPL); ghcb_set_sw_exit_info_1(ghcb, 0); ghcb_set_sw_exit_info_2(ghcb, 0); sev_es_wr_ghcb_msr(__pa(ghcb)); svsm_issue_call(call, &pending)',
    ),
    sevH(
      'struct svsm_ca { u8 call_pending; u8 mem_available; u8 rsvd1[6]; u8 svsm_buffer[PAGE_SIZE - 8]; }; struct svsm_call { struct svsm_ca *caa; u64 rax, rcx, rdx, r8, r9; u64 rax_out … r9_out; }',
    ),
  ],
};
