import type { ArgDef, Call, ResultDef } from '../../model/call';
import type { MemoryArg } from '../../model/memory';
import type { Note, Source } from '../../model/source';
import { RMI } from './conventions';
import { ccaFid } from './fid';
import { realmParamsMemory, recParamsMemory, recRunMemory } from './memory';
import { arg, result } from './registers';
import { rmiCmds, rmiSmc, rmm, rmmMain, rmmSmcRmi, src } from './sources';

/**
 * The RMI calls Linux's host series makes (arch/arm64/include/asm/rmi_cmds.h
 * in Steven Price's series), numbered as RMM 1.0 numbers them. Arguments are
 * Linux's and TF-RMM's (whose header counts them from arg0 = x1); how many
 * each handler takes and returns is TF-RMM's table, smc_handlers[].
 */

const handlers = (entry: string): Source => rmm('runtime/core/handler.c', `smc_handlers[]: HANDLER(${entry}) (arguments in, results out)`);

/**
 * The ID: where TF-RMM's main branch still gives the same number it writes it
 * out ("FID: 0xC4000158"); where the number has since moved or gone, only the
 * macros of RMM 1.0 state it, expanded by hand.
 */
function fid(n: number, name: string, literalInMain: boolean): Call['number'] {
  const hexId = `0x${(0xc4000000 + n).toString(16).toUpperCase()}`;
  return literalInMain
    ? ccaFid(n, {
        literal: 0xc4000000n + BigInt(n),
        source: rmmMain(
          'lib/smc/include/smc-rmi.h',
          `"FID: ${hexId}" above SMC_${name} (RMM 1.0: SMC64_RMI_FID(U(0x${(n - 0x150).toString(16)})); Linux SMC_RxI_CALL(0x0${n.toString(16)}))`,
        ),
      })
    : ccaFid(n, { macro: `SMC_${name} SMC_RxI_CALL(0x0${n.toString(16)})`, source: rmiSmc });
}

const status: ResultDef = result(
  0,
  'status',
  'RMI_SUCCESS (0) or an error in bits 7:0 (RMI_ERROR_INPUT 1, _REALM 2, _REC 3, _RTT 4), with an index in bits 15:8 for some errors',
  0n,
  'RMI_SUCCESS',
  [src.rmiStatus, rmiSmc('RMI_RETURN_STATUS(ret) ((ret) & 0xFF), RMI_RETURN_INDEX(ret) (((ret) >> 8) & 0xFF)')],
);

// Example physical addresses: granules the host has delegated to the Realm world, and its own pages.
const RD = 0x88000000n;
const REC = 0x88001000n;
const RTT = 0x88002000n;
const DATA = 0x88003000n;
const NS_PAGE = 0x90000000n;
/** The IPA the example realm's image starts at (RMI_DATA_CREATE's example IPA), where its first vCPU starts. */
const REALM_ENTRY = 0x80000000n;
const rd = (where: string) => arg(1, 'RD', 'physical address of the Realm Descriptor granule', RD, [rmiCmds(where)]);

interface CallSpec {
  id: string;
  name: string;
  number: Call['number'];
  summary: string;
  handles: string;
  args: readonly ArgDef[];
  results?: readonly ResultDef[];
  memory?: readonly MemoryArg[];
  sources: readonly Source[];
  notes?: readonly Note[];
}

const rmiCall = (c: CallSpec): Call => ({ ...c, results: c.results ?? [status], family: RMI, returnsOnSuccess: true, notes: c.notes ?? [] });

const moved = (what: string): Note => ({
  kind: 'history',
  text: `${what} TF-RMM’s main branch no longer has it at this number.`,
  sources: [src.numbersMove],
});

const version = rmiCall({
  id: 'rmi-version',
  name: 'RMI_VERSION',
  number: fid(0x150, 'RMI_VERSION', true),
  summary: 'Tell the RMM which RMI version the host speaks and learn which it implements: KVM’s first question when it looks for an RMM.',
  handles: 'it answers with the lowest and highest RMI revisions it implements, and RMI_SUCCESS if the requested one is among them.',
  args: [
    arg(1, 'requested version', 'the host’s RMI version: major in bits 31:16, minor in bits 15:0', 0x10000n, [
      rmmSmcRmi('SMC_RMI_VERSION: "arg0: Requested interface version"'),
      rmiSmc('RMI_ABI_VERSION(major, minor) (((major) << 16) | (minor)); RMI_ABI_MAJOR_VERSION 1, RMI_ABI_MINOR_VERSION 0'),
    ]),
  ],
  results: [
    status,
    result(1, 'lower revision', 'the lowest revision the RMM implements', 0x10000n, 'RMI 1.0 (an example)', [
      rmmSmcRmi('SMC_RMI_VERSION: "ret1: Lower implemented interface revision"'),
    ]),
    result(2, 'higher revision', 'the highest revision the RMM implements', 0x10000n, 'RMI 1.0 (an example)', [
      rmmSmcRmi('SMC_RMI_VERSION: "ret2: Higher implemented interface revision"'),
    ]),
  ],
  sources: [rmmSmcRmi('SMC_RMI_VERSION SMC64_RMI_FID(U(0x0))'), rmiSmc('SMC_RMI_VERSION SMC_RxI_CALL(0x0150)'), handlers('VERSION, 1, 2, smc_version')],
});

const features = rmiCall({
  id: 'rmi-features',
  name: 'RMI_FEATURES',
  number: fid(0x165, 'RMI_FEATURES', true),
  summary: 'Read one of the RMM’s feature registers: what realms it can make (IPA width, SVE, PMU, hash algorithms).',
  handles: 'it answers with the value of the feature register named by x1.',
  args: [
    arg(1, 'index', 'which feature register', 0n, [
      rmiCmds('rmi_features(index, out): arm_smccc_1_1_invoke(SMC_RMI_FEATURES, index, &res)'),
      rmmSmcRmi('SMC_RMI_FEATURES: "arg0 == Feature register index"'),
    ]),
  ],
  results: [
    status,
    result(
      1,
      'value',
      'the feature register (register 0: S2SZ in bits 7:0, LPA2 bit 8, SVE_EN bit 9, … HASH_SHA_512 bit 29)',
      0x30000030n,
      'S2SZ 48, SHA-256 and SHA-512 (an example)',
      [rmiCmds('rmi_features(): *out = res.a1'), rmiSmc('RMI_FEATURE_REGISTER_0_S2SZ GENMASK(7, 0), …_HASH_SHA_256 BIT(28), …_HASH_SHA_512 BIT(29)')],
    ),
  ],
  sources: [
    rmiSmc('SMC_RMI_FEATURES SMC_RxI_CALL(0x0165)'),
    rmmSmcRmi('SMC_RMI_FEATURES SMC64_RMI_FID(U(0x15))'),
    handlers('FEATURES, 1, 1, smc_read_feature_register'),
  ],
});

const delegate = (undo: boolean): Call =>
  rmiCall({
    id: undo ? 'rmi-granule-undelegate' : 'rmi-granule-delegate',
    name: undo ? 'RMI_GRANULE_UNDELEGATE' : 'RMI_GRANULE_DELEGATE',
    number: fid(undo ? 0x152 : 0x151, undo ? 'RMI_GRANULE_UNDELEGATE' : 'RMI_GRANULE_DELEGATE', false),
    summary: undo
      ? 'Give a 4 KiB granule back to the Non-secure world once nothing in the realm uses it.'
      : 'Hand a 4 KiB granule of the host’s memory to the Realm world, so the RMM can use it for a realm’s descriptor, tables or data.',
    handles: undo
      ? 'it returns the granule to the Non-secure world (asking EL3 to change its physical address space).'
      : 'it moves the granule into the Realm world (asking EL3 to change its physical address space).',
    args: [
      arg(1, 'granule', 'physical address of the granule', DATA, [
        rmiCmds(
          undo
            ? 'rmi_granule_undelegate(phys): arm_smccc_1_1_invoke(SMC_RMI_GRANULE_UNDELEGATE, phys, &res)'
            : 'rmi_granule_delegate(phys): arm_smccc_1_1_invoke(SMC_RMI_GRANULE_DELEGATE, phys, &res)',
        ),
        rmmSmcRmi('"arg0 == target granule address"'),
      ]),
    ],
    sources: [
      rmiSmc(undo ? 'SMC_RMI_GRANULE_UNDELEGATE SMC_RxI_CALL(0x0152)' : 'SMC_RMI_GRANULE_DELEGATE SMC_RxI_CALL(0x0151)'),
      rmmSmcRmi(undo ? 'SMC_RMI_GRANULE_UNDELEGATE SMC64_RMI_FID(U(0x2))' : 'SMC_RMI_GRANULE_DELEGATE SMC64_RMI_FID(U(0x1))'),
      handlers(undo ? 'GRANULE_UNDELEGATE, 1, 0' : 'GRANULE_DELEGATE, 1, 0'),
    ],
    notes: [
      {
        kind: 'info',
        text: 'The RMM cannot change a granule’s world itself: it makes an smc of its own to EL3 (RMM_GTSI_DELEGATE or _UNDELEGATE), which TF-A’s RMMD handles by changing the granule’s entry in the granule protection table.',
        sources: [src.gtsi],
      },
      moved(`${undo ? 'RMI_GRANULE_UNDELEGATE' : 'RMI_GRANULE_DELEGATE'} is RMM 1.0’s;`),
    ],
  });

const realmCreate = rmiCall({
  id: 'rmi-realm-create',
  name: 'RMI_REALM_CREATE',
  number: fid(0x158, 'RMI_REALM_CREATE', true),
  summary:
    'Make a new realm: its descriptor in a delegated granule, its parameters (IPA width, hash algorithm, VMID, first translation table) in a page of the host’s.',
  handles: 'it reads the parameters from the page at x2 and initialises the Realm Descriptor at x1.',
  args: [
    rd('rmi_realm_create(rd, params_ptr): arm_smccc_1_1_invoke(SMC_RMI_REALM_CREATE, rd, params_ptr, &res)'),
    arg(2, 'params', 'physical address of a struct realm_params (flags, s2sz, … hash_algo at 0x0; rpv at 0x400; vmid, rtt_base … at 0x800)', NS_PAGE, [
      rmiCmds('rmi_realm_create(): @params_ptr: PA of Realm parameters'),
      rmiSmc(
        'struct realm_params: union at 0x0 { flags, s2sz, sve_vl, num_bps, num_wps, pmu_num_ctrs, hash_algo }, 0x400 rpv[64], 0x800 { vmid, rtt_base, rtt_level_start, rtt_num_start }',
      ),
    ]),
  ],
  memory: [realmParamsMemory(RTT)],
  sources: [
    rmmSmcRmi('SMC_RMI_REALM_CREATE SMC64_RMI_FID(U(0x8)): "arg0 == RD address, arg1 == struct rmi_realm_params address"'),
    rmiSmc('SMC_RMI_REALM_CREATE SMC_RxI_CALL(0x0158)'),
    handlers('REALM_CREATE, 2, 0'),
  ],
});

const realmActivate = rmiCall({
  id: 'rmi-realm-activate',
  name: 'RMI_REALM_ACTIVATE',
  number: fid(0x157, 'RMI_REALM_ACTIVATE', true),
  summary: 'Mark a realm as built: its initial measurement is final and its RECs may now run.',
  handles: 'it moves the realm from NEW to ACTIVE.',
  args: [rd('rmi_realm_activate(rd): arm_smccc_1_1_invoke(SMC_RMI_REALM_ACTIVATE, rd, &res)')],
  sources: [rmmSmcRmi('SMC_RMI_REALM_ACTIVATE SMC64_RMI_FID(U(0x7))'), rmiSmc('SMC_RMI_REALM_ACTIVATE SMC_RxI_CALL(0x0157)'), handlers('REALM_ACTIVATE, 1, 0')],
});

const recCreate = rmiCall({
  id: 'rmi-rec-create',
  name: 'RMI_REC_CREATE',
  number: fid(0x15a, 'RMI_REC_CREATE', true),
  summary: 'Make a Realm Execution Context, one of the realm’s vCPUs, with its first PC and registers taken from a page of the host’s.',
  handles: 'it initialises the REC at x2 for the realm at x1 from the struct rec_params at x3.',
  args: [
    rd('rmi_rec_create(rd, rec, params_ptr): arm_smccc_1_1_invoke(SMC_RMI_REC_CREATE, rd, rec, params_ptr, &res)'),
    arg(2, 'REC', 'physical address of the delegated granule that becomes the REC', REC, [rmiCmds('rmi_rec_create(): @rec: PA of the target REC')]),
    arg(3, 'params', 'physical address of a struct rec_params (flags, mpidr, pc, gprs[8], aux granules)', NS_PAGE, [
      rmiCmds('rmi_rec_create(): @params_ptr: PA of REC parameters'),
      rmiSmc('struct rec_params: 0x0 flags, 0x100 mpidr, 0x200 pc, 0x300 gprs[REC_CREATE_NR_GPRS 8], 0x800 num_rec_aux, aux[16]'),
    ]),
  ],
  memory: [recParamsMemory(REALM_ENTRY)],
  sources: [rmmSmcRmi('SMC_RMI_REC_CREATE SMC64_RMI_FID(U(0xA))'), rmiSmc('SMC_RMI_REC_CREATE SMC_RxI_CALL(0x015a)'), handlers('REC_CREATE, 3, 0')],
});

const recEnter = rmiCall({
  id: 'rmi-rec-enter',
  name: 'RMI_REC_ENTER',
  number: fid(0x15c, 'RMI_REC_ENTER', true),
  summary: 'Run one of the realm’s vCPUs: the call comes back when the realm exits, with why it exited written into a page the host shares with the RMM.',
  handles:
    'it enters the realm at R-EL1 and, when the realm exits to the RMM and the RMM cannot handle the exit itself, writes the exit into struct rec_run and answers.',
  args: [
    arg(1, 'REC', 'physical address of the REC to run', REC, [
      rmiCmds('rmi_rec_enter(rec, run_ptr): arm_smccc_1_1_invoke(SMC_RMI_REC_ENTER, rec, run_ptr, &res)'),
    ]),
    arg(
      2,
      'run',
      'physical address of a struct rec_run: rec_enter (what the host passes in) then rec_exit (exit_reason, esr, far, gprs[31], …, imm)',
      NS_PAGE + 0x1000n,
      [
        rmiCmds('rmi_rec_enter(): @run_ptr: PA of RecRun structure'),
        rmiSmc('struct rec_run { struct rec_enter enter; struct rec_exit exit; }; RMI_EXIT_SYNC 0x00 … RMI_EXIT_HOST_CALL 0x05'),
      ],
    ),
  ],
  memory: [recRunMemory],
  sources: [
    rmmSmcRmi('SMC_RMI_REC_ENTER SMC64_RMI_FID(U(0xC)): "arg0 == rec address, arg1 == struct rec_run address"'),
    rmiSmc('SMC_RMI_REC_ENTER SMC_RxI_CALL(0x015c)'),
    handlers('REC_ENTER, 2, 0'),
  ],
  notes: [
    {
      kind: 'info',
      text: 'This is how a realm runs at all: each RMI_REC_ENTER enters the realm, and the call returns to the host only when the realm exits in a way the RMM does not handle itself. An RSI_HOST_CALL from the realm ends the call with exit_reason RMI_EXIT_HOST_CALL (5) and the realm’s chosen registers in rec_exit.gprs[].',
      sources: [src.hostCallExit, rmiSmc('RMI_EXIT_HOST_CALL 0x05; struct rec_exit: 0x000 exit_reason, 0x200 gprs[REC_RUN_GPRS 31], 0x600 imm')],
    },
    {
      kind: 'disagreement',
      text: 'The host series’ struct rec_exit and TF-RMM’s struct rmi_rec_exit agree on every offset but not on two sizes: Linux declares exit_reason as u8 and imm as u16, TF-RMM as unsigned long and unsigned int. The fields are drawn at Linux’s sizes; on a little-endian CPU the low bytes are the same.',
      sources: [
        rmiSmc('struct rec_exit: union { u8 exit_reason; …}; union { /* 0x600 */ u16 imm; …}'),
        rmmSmcRmi('struct rmi_rec_exit: SET_MEMBER_RMI(unsigned long exit_reason, 0, 0x100); SET_MEMBER_RMI(unsigned int imm, 0x600, 0x700)'),
      ],
    },
  ],
});

const dataCreate = rmiCall({
  id: 'rmi-data-create',
  name: 'RMI_DATA_CREATE',
  number: fid(0x153, 'RMI_DATA_CREATE', false),
  summary:
    'Put a page of the realm’s initial image in place: copy a page of the host’s into a delegated granule mapped at an IPA of the realm, measuring it if asked.',
  handles: 'it copies the page at x4 into the granule at x2, maps it at the IPA in x3, and extends the realm’s initial measurement with it when x5 says so.',
  args: [
    rd('rmi_data_create(rd, data, ipa, src, flags): arm_smccc_1_1_invoke(SMC_RMI_DATA_CREATE, rd, data, ipa, src, flags, &res)'),
    arg(2, 'data', 'physical address of the delegated granule that receives the page', DATA, [rmiCmds('rmi_data_create(): @data: PA of the target granule')]),
    arg(3, 'IPA', 'where the realm will see the page', REALM_ENTRY, [rmiCmds('rmi_data_create(): @ipa: IPA at which the granule will be mapped in the guest')]),
    arg(4, 'source', 'physical address of the host’s page to copy', NS_PAGE, [rmiCmds('rmi_data_create(): @src: PA of the source granule')]),
    arg(5, 'flags', 'RMI_MEASURE_CONTENT (1) to measure the contents, RMI_NO_MEASURE_CONTENT (0) not to', 1n, [
      rmiCmds('rmi_data_create(): @flags: RMI_MEASURE_CONTENT if the contents should be measured'),
      rmiSmc('RMI_NO_MEASURE_CONTENT 0, RMI_MEASURE_CONTENT 1'),
    ]),
  ],
  sources: [rmmSmcRmi('SMC_RMI_DATA_CREATE SMC64_RMI_FID(U(0x3))'), rmiSmc('SMC_RMI_DATA_CREATE SMC_RxI_CALL(0x0153)'), handlers('DATA_CREATE, 5, 0')],
  notes: [
    moved('0x153 is RMM 1.0’s RMI_DATA_CREATE;'),
    {
      kind: 'history',
      text: 'In TF-RMM’s main branch 0x153 is RMI_RTT_DATA_MAP_INIT, with the same first five argument roles in a different order (RD, data, map address, source, flags).',
      sources: [src.numbersMove],
    },
  ],
});

const rttCreate = rmiCall({
  id: 'rmi-rtt-create',
  name: 'RMI_RTT_CREATE',
  number: fid(0x15d, 'RMI_RTT_CREATE', true),
  summary: 'Add a table to the realm’s stage 2 translation tables (the RTTs), in a delegated granule.',
  handles: 'it makes the granule at x2 the RTT at level x4 that maps the IPA range starting at x3.',
  args: [
    rd('rmi_rtt_create(rd, rtt, ipa, level): arm_smccc_1_1_invoke(SMC_RMI_RTT_CREATE, rd, rtt, ipa, level, &res)'),
    arg(2, 'RTT', 'physical address of the delegated granule for the new table', RTT, [rmiCmds('rmi_rtt_create(): @rtt: PA of the target RTT')]),
    arg(3, 'IPA', 'base of the IPA range the table describes', 0x80000000n, [rmiCmds('rmi_rtt_create(): @ipa: Base of the IPA range described by the RTT')]),
    arg(4, 'level', 'depth of the table in the tree', 2n, [rmiCmds('rmi_rtt_create(): @level: Depth of the RTT within the tree')]),
  ],
  sources: [rmmSmcRmi('SMC_RMI_RTT_CREATE SMC64_RMI_FID(U(0xD))'), rmiSmc('SMC_RMI_RTT_CREATE SMC_RxI_CALL(0x015d)'), handlers('RTT_CREATE, 4, 0')],
});

const rttReadEntry = rmiCall({
  id: 'rmi-rtt-read-entry',
  name: 'RMI_RTT_READ_ENTRY',
  number: fid(0x161, 'RMI_RTT_READ_ENTRY', true),
  summary: 'Read one entry of the realm’s translation tables: the one RMI call with five results, which Linux makes with the SMCCC 1.2 helper.',
  handles: 'it walks the realm’s RTTs to the IPA in x2 at level x3 and answers with the level reached, the entry’s state, the entry and its RIPAS.',
  args: [
    rd('rmi_rtt_read_entry(rd, ipa, level, rtt): struct arm_smccc_1_2_regs regs = { SMC_RMI_RTT_READ_ENTRY, rd, ipa, level }; arm_smccc_1_2_smc(&regs, &regs)'),
    arg(2, 'IPA', 'the address whose entry to read', 0x80000000n, [rmiCmds('rmi_rtt_read_entry(): @ipa: IPA for which to read the RTTE')]),
    arg(3, 'level', 'the level to read at', 3n, [rmiCmds('rmi_rtt_read_entry(): @level: RTT level at which to read the RTTE')]),
  ],
  results: [
    status,
    result(1, 'walk level', 'the level the walk reached', 3n, 'level 3 (an example)', [
      rmiCmds('rmi_rtt_read_entry(): rtt->walk_level = regs.a1'),
      rmmSmcRmi('SMC_RMI_RTT_READ_ENTRY: "ret1 == level"'),
    ]),
    result(2, 'state', 'the entry’s state in bits 7:0: RMI_UNASSIGNED 0, RMI_ASSIGNED 1, RMI_TABLE 2', 1n, 'RMI_ASSIGNED', [
      rmiCmds('rmi_rtt_read_entry(): rtt->state = regs.a2 & 0xFF'),
      rmiSmc('RMI_UNASSIGNED 0, RMI_ASSIGNED 1, RMI_TABLE 2'),
    ]),
    result(3, 'entry', 'the descriptor', DATA, 'an example descriptor', [rmiCmds('rmi_rtt_read_entry(): rtt->desc = regs.a3'), rmmSmcRmi('"ret3 == s2tte"')]),
    result(4, 'RIPAS', 'the RIPAS in bits 7:0: RMI_EMPTY 0, RMI_RAM 1, RMI_DESTROYED 2', 1n, 'RMI_RAM', [
      rmiCmds('rmi_rtt_read_entry(): rtt->ripas = regs.a4 & 0xFF'),
      rmiSmc('RMI_EMPTY 0, RMI_RAM 1, RMI_DESTROYED 2'),
    ]),
  ],
  sources: [
    rmmSmcRmi('SMC_RMI_RTT_READ_ENTRY SMC64_RMI_FID(U(0x11))'),
    rmiSmc('SMC_RMI_RTT_READ_ENTRY SMC_RxI_CALL(0x0161)'),
    handlers('RTT_READ_ENTRY, 3, 4'),
  ],
  notes: [
    {
      kind: 'info',
      text: 'x4 is a result here, which is why the RMMD carries x0–x4, not only x0–x3, back to the host for an RMM 1.x, and why Linux uses arm_smccc_1_2_smc() for this call alone.',
      sources: [src.forwardRegs, rmiCmds('rmi_rtt_read_entry(): arm_smccc_1_2_smc(&regs, &regs)')],
    },
  ],
});

const psciComplete = rmiCall({
  id: 'rmi-psci-complete',
  name: 'RMI_PSCI_COMPLETE',
  number: fid(0x164, 'RMI_PSCI_COMPLETE', true),
  summary: 'Finish a PSCI call a realm made about another of its vCPUs (CPU_ON, AFFINITY_INFO): the host names the REC that MPIDR stands for.',
  handles: 'it completes the pending PSCI request of the REC at x1 with the REC at x2 and the status in x3.',
  args: [
    arg(1, 'calling REC', 'physical address of the REC that made the PSCI call', REC, [
      rmiCmds('rmi_psci_complete(calling_rec, target_rec, status): arm_smccc_1_1_invoke(SMC_RMI_PSCI_COMPLETE, calling_rec, target_rec, status, &res)'),
    ]),
    arg(2, 'target REC', 'physical address of the REC the call was about', REC + 0x1000n, [rmiCmds('rmi_psci_complete(): @target_rec: PA of the target REC')]),
    arg(3, 'status', 'the PSCI status to return to the realm', 0n, [rmiCmds('rmi_psci_complete(): @status: Status of the PSCI request')]),
  ],
  sources: [rmmSmcRmi('SMC_RMI_PSCI_COMPLETE SMC64_RMI_FID(U(0x14))'), rmiSmc('SMC_RMI_PSCI_COMPLETE SMC_RxI_CALL(0x0164)'), handlers('PSCI_COMPLETE, 3, 0')],
  notes: [
    {
      kind: 'disagreement',
      text: 'TF-RMM’s header lists two arguments for RMI_PSCI_COMPLETE ("arg0 == calling rec address, arg1 == target rec address"); its handler table and Linux pass three, the third the PSCI status.',
      sources: [
        rmmSmcRmi('SMC_RMI_PSCI_COMPLETE: arg0, arg1'),
        handlers('PSCI_COMPLETE, 3, 0, smc_psci_complete'),
        rmiCmds('rmi_psci_complete(calling_rec, target_rec, status)'),
      ],
    },
  ],
});

export const rmiCalls: readonly Call[] = [
  version,
  features,
  delegate(false),
  delegate(true),
  realmCreate,
  realmActivate,
  recCreate,
  recEnter,
  dataCreate,
  rttCreate,
  rttReadEntry,
  psciComplete,
];
