import { structOffsets, type Direction, type MemoryArg, type MemoryField, type StructMember } from '../../model/memory';
import type { Source } from '../../model/source';
import { rmiSmc, rmm, rmmSmcRmi, rmmSmcRsi, rsiKernel, rsiSmc, src } from './sources';
import {
  HOST_CALL_GPRS,
  place,
  REALM_CONFIG,
  REALM_PARAMS,
  REC_AUX_GRANULES,
  REC_CREATE_GPRS,
  REC_ENTER,
  REC_EXIT,
  REC_PARAMS,
  RSI_HOST_CALL,
  REC_RUN,
} from './structs';

/**
 * The structures RSI and RMI calls pass by address, as memory arguments:
 * where each field sits (computed in structs.ts), who writes it, and an
 * example value. Only the fields a call's story needs are listed; the rest of
 * each page is padding the headers reserve.
 */

interface FieldSpec {
  /** The member, or one element (or run of elements) of an array member. */
  member: string;
  from?: number;
  to?: number;
  /** Where the struct sits inside the memory argument (rec_exit inside rec_run). */
  base?: number;
  prefix?: string;
  direction: Direction;
  meaning: string;
  example?: bigint;
  result?: bigint;
  resultMeaning?: string;
  sources: readonly Source[];
}

function fieldOf(members: readonly StructMember[], f: FieldSpec): MemoryField {
  const { offset, bytes } = place(members, f.member, f.from, f.to);
  const index = f.from === undefined ? '' : f.to === undefined || f.to === f.from ? `[${f.from}]` : `[${f.from}..${f.to}]`;
  return {
    name: `${f.prefix ?? ''}${f.member}${index}`,
    offset: (f.base ?? 0) + offset,
    bytes,
    meaning: f.meaning,
    direction: f.direction,
    ...(f.example !== undefined ? { example: f.example } : {}),
    ...(f.result !== undefined ? { result: f.result, resultMeaning: f.resultMeaning ?? 'an example' } : {}),
    sources: f.sources,
  };
}

const sizeOf = (members: readonly StructMember[]) => structOffsets(members, false).size;

// RSI_REALM_CONFIG: the RMM fills the page; Linux reads ipa_bits from it.

const rmmConfig = rmm(
  'runtime/rsi/config.c',
  'handle_rsi_realm_config(): config->ipa_width = rec->realm_info.s2_ctx.ipa_bits; config->algorithm = RSI_HASH_SHA_256 or RSI_HASH_SHA_512; memcpy(config->rpv, rd->rpv, RSI_RPV_SIZE)',
);
const linuxConfig = rsiKernel(
  'static struct realm_config config; arm64_rsi_init(): rsi_get_realm_config(&config); prot_ns_shared = __phys_to_pte_val(BIT(config.ipa_bits - 1))',
);

export const realmConfigMemory: MemoryArg = {
  name: 'struct realm_config',
  where: { register: 'x1' },
  size: sizeOf(REALM_CONFIG),
  direction: 'out',
  fields: [
    fieldOf(REALM_CONFIG, {
      member: 'ipa_bits',
      direction: 'out',
      meaning: 'the width of the realm’s IPA space in bits; Linux takes its top bit as the "shared with the host" bit (prot_ns_shared)',
      result: 48n,
      resultMeaning: 'a 48-bit IPA space (an example): shared addresses have bit 47 set',
      sources: [rsiSmc('struct realm_config: unsigned long ipa_bits; /* Width of IPA in bits */'), rmmConfig, linuxConfig],
    }),
    fieldOf(REALM_CONFIG, {
      member: 'hash_algo',
      direction: 'out',
      meaning: 'the realm’s measurement hash algorithm: RSI_HASH_SHA_256 (0) or RSI_HASH_SHA_512 (1)',
      result: 0n,
      resultMeaning: 'RSI_HASH_SHA_256',
      sources: [rsiSmc('struct realm_config: unsigned long hash_algo; /* Hash algorithm */'), rmmSmcRsi('RSI_HASH_SHA_256 0U, RSI_HASH_SHA_512 1U'), rmmConfig],
    }),
    fieldOf(REALM_CONFIG, {
      member: 'rpv',
      direction: 'out',
      meaning: 'the Realm Personalization Value the host gave RMI_REALM_CREATE, copied from the realm descriptor',
      result: 0n,
      resultMeaning: 'none given (an example)',
      sources: [rsiSmc('union { u8 rpv[64]; /* Realm Personalization Value */ u8 pad2[0xe00]; }'), rmmConfig],
    }),
  ],
  sources: [
    rsiSmc('struct realm_config { union { struct { ipa_bits; hash_algo; }; u8 pad[0x200]; }; union { u8 rpv[64]; u8 pad2[0xe00]; }; } __aligned(0x1000)'),
    rmmSmcRsi('struct rsi_realm_config: SET_MEMBER_RSI(ipa_width, 0, 8), (algorithm, 8, 0x200), (rpv[RSI_RPV_SIZE], 0x200, 0x1000)'),
    rmm('lib/smc/src/smc-rsi-offsets.c', 'sizeof(struct rsi_realm_config) == 0x1000UL; offsetof ipa_width 0U, algorithm 8U, rpv 0x200U'),
    rmm('runtime/rsi/config.c', 'handle_rsi_realm_config(): if (!GRANULE_ALIGNED(ipa) || !addr_in_rec_par(rec, ipa)) res->smc_res.x[0] = RSI_ERROR_INPUT'),
  ],
};

// RSI_HOST_CALL: the realm fills imm and gprs[]; the host's answer comes back in gprs[].

const toExit = rmm(
  'runtime/rsi/host_call.c',
  'do_host_call(): rec_exit->imm = host_call->imm; rec_exit->gprs[i] = host_call->gprs[i] for i < RSI_HOST_CALL_NR_GPRS',
);
const fromEnter = rmm('runtime/rsi/host_call.c', 'do_host_call(): host_call->gprs[i] = rec_enter->gprs[i] (complete_rsi_host_call, on the next RMI_REC_ENTER)');
const hostCallStruct = rmmSmcRsi(
  'struct rsi_host_call { SET_MEMBER_RSI(struct { unsigned int imm; /* Offset 0 */ unsigned long gprs[RSI_HOST_CALL_NR_GPRS]; }, 0, 0x100); }',
);

/** The example host call: what goes in gprs[0] and gprs[1], and what the host answers there. */
export const HOST_CALL_EXAMPLE = { imm: 0n, in: [0x1n, 0x2n], out: [0x0n, 0x3n] } as const;

export const hostCallMemory: MemoryArg = {
  name: 'struct rsi_host_call',
  where: { register: 'x1' },
  size: sizeOf(RSI_HOST_CALL),
  direction: 'inout',
  fields: [
    fieldOf(RSI_HOST_CALL, {
      member: 'imm',
      direction: 'in',
      meaning: 'an immediate for the host, copied into rec_exit.imm; what it means is for the realm and the host to agree',
      example: HOST_CALL_EXAMPLE.imm,
      sources: [hostCallStruct, toExit],
    }),
    ...[0, 1].map((i) =>
      fieldOf(RSI_HOST_CALL, {
        member: 'gprs',
        from: i,
        direction: 'inout',
        meaning: `in: the realm’s argument for the host, copied into rec_exit.gprs[${i}]; out: the host’s rec_enter.gprs[${i}]`,
        example: HOST_CALL_EXAMPLE.in[i]!,
        result: HOST_CALL_EXAMPLE.out[i]!,
        resultMeaning: 'the host’s answer (an example)',
        sources: [hostCallStruct, toExit, fromEnter],
      }),
    ),
    fieldOf(RSI_HOST_CALL, {
      member: 'gprs',
      from: 2,
      to: HOST_CALL_GPRS - 1,
      direction: 'inout',
      meaning: 'the other 29 registers, copied to the host and back the same way; 0 in this example',
      example: 0n,
      result: 0n,
      resultMeaning: 'the host’s rec_enter.gprs[2..30] (an example)',
      sources: [hostCallStruct, toExit, fromEnter],
    }),
  ],
  sources: [
    hostCallStruct,
    rmm(
      'lib/smc/src/smc-rsi-offsets.c',
      'sizeof(struct rsi_host_call) == 0x100UL; offsetof imm 0U, gprs[0U] 8U, gprs[RSI_HOST_CALL_NR_GPRS - 1U] U(8U * RSI_HOST_CALL_NR_GPRS)',
    ),
    rmm(
      'runtime/rsi/host_call.c',
      'handle_rsi_host_call(): RSI_ERROR_INPUT unless ALIGNED(ipa, sizeof(struct rsi_host_call)) and the structure lies in one granule',
    ),
  ],
};

// RMI: the host's pages.

const realmParams = (where: string) => rmiSmc(`struct realm_params: ${where}`);

export const realmParamsMemory = (rtt: bigint): MemoryArg => ({
  name: 'struct realm_params',
  where: { register: 'x2' },
  size: sizeOf(REALM_PARAMS),
  direction: 'in',
  fields: [
    fieldOf(REALM_PARAMS, {
      member: 'flags',
      direction: 'in',
      meaning: 'RMI_REALM_PARAM_FLAG_LPA2 BIT(0), _SVE BIT(1), _PMU BIT(2); none in this example',
      example: 0n,
      sources: [
        realmParams('union { /* 0x0 */ struct { u64 flags; …'),
        rmiSmc('RMI_REALM_PARAM_FLAG_LPA2 BIT(0), RMI_REALM_PARAM_FLAG_SVE BIT(1), RMI_REALM_PARAM_FLAG_PMU BIT(2)'),
      ],
    }),
    fieldOf(REALM_PARAMS, {
      member: 's2sz',
      direction: 'in',
      meaning: 'the requested IPA width in bits, which the realm later reads back as realm_config.ipa_bits',
      example: 48n,
      sources: [
        realmParams('u64 s2sz'),
        rmmSmcRmi('struct rmi_realm_params: /* Requested IPA width */ SET_MEMBER_RMI(unsigned int s2sz, 0x8, 0x10)'),
        rmm('runtime/rmi/realm.c', 'smc_realm_create(): rd->s2_ctx.ipa_bits = p.s2sz; runtime/rmi/rec.c: rec->realm_info.s2_ctx = rd->s2_ctx'),
      ],
    }),
    fieldOf(REALM_PARAMS, {
      member: 'hash_algo',
      direction: 'in',
      meaning: 'the measurement algorithm: RMI_HASH_SHA_256 (0) or RMI_HASH_SHA_512 (1)',
      example: 0n,
      sources: [realmParams('u64 hash_algo'), rmmSmcRmi('RMI_HASH_SHA_256 0U, RMI_HASH_SHA_512 1U; SET_MEMBER_RMI(unsigned char algorithm, 0x30, 0x400)')],
    }),
    fieldOf(REALM_PARAMS, {
      member: 'rpv',
      direction: 'in',
      meaning: 'the Realm Personalization Value, 64 bytes the realm can read back; 0 in this example',
      example: 0n,
      sources: [realmParams('union { /* 0x400 */ u8 rpv[64]; u8 padding_2[0x400]; }')],
    }),
    fieldOf(REALM_PARAMS, {
      member: 'vmid',
      direction: 'in',
      meaning: 'the VMID the host picked for the realm (an example)',
      example: 1n,
      sources: [realmParams('union { /* 0x800 */ struct { u64 vmid; …')],
    }),
    fieldOf(REALM_PARAMS, {
      member: 'rtt_base',
      direction: 'in',
      meaning: 'physical address of the realm’s first translation table, a granule the host delegated',
      example: rtt,
      sources: [realmParams('u64 rtt_base')],
    }),
    fieldOf(REALM_PARAMS, {
      member: 'rtt_level_start',
      direction: 'in',
      meaning: 'the level that table starts the walk at (an example)',
      example: 0n,
      sources: [realmParams('s64 rtt_level_start')],
    }),
    fieldOf(REALM_PARAMS, {
      member: 'rtt_num_start',
      direction: 'in',
      meaning: 'how many concatenated tables the walk starts with (an example)',
      example: 1n,
      sources: [realmParams('u64 rtt_num_start')],
    }),
  ],
  sources: [
    rmiSmc('struct realm_params: unions at 0x0, 0x400, 0x800 padded with padding_1[0x400], padding_2[0x400], padding_3[0x800]'),
    rmm('lib/smc/src/smc-rmi-offsets.c', 'sizeof(struct rmi_realm_params) == 0x1000UL; offsetof flags 0U … rtt_num_start 0x818U'),
  ],
});

const recParams = (where: string) => rmiSmc(`struct rec_params: ${where}`);

export const recParamsMemory = (entry: bigint): MemoryArg => ({
  name: 'struct rec_params',
  where: { register: 'x3' },
  size: sizeOf(REC_PARAMS),
  direction: 'in',
  fields: [
    fieldOf(REC_PARAMS, {
      member: 'flags',
      direction: 'in',
      meaning: 'REC_PARAMS_FLAG_RUNNABLE (bit 0): the REC may run as soon as the realm is active',
      example: 1n,
      sources: [recParams('union { /* 0x0 */ u64 flags; u8 padding1[0x100]; }'), rmiSmc('REC_PARAMS_FLAG_RUNNABLE BIT_ULL(0)')],
    }),
    fieldOf(REC_PARAMS, {
      member: 'mpidr',
      direction: 'in',
      meaning: 'the MPIDR the vCPU will read: vCPU 0 in this example',
      example: 0n,
      sources: [recParams('union { /* 0x100 */ u64 mpidr; …')],
    }),
    fieldOf(REC_PARAMS, {
      member: 'pc',
      direction: 'in',
      meaning: 'where the vCPU starts: the realm’s entry point (an example IPA)',
      example: entry,
      sources: [recParams('union { /* 0x200 */ u64 pc; …')],
    }),
    fieldOf(REC_PARAMS, {
      member: 'gprs',
      from: 0,
      to: REC_CREATE_GPRS - 1,
      direction: 'in',
      meaning: `x0–x${REC_CREATE_GPRS - 1} at the vCPU’s first entry; 0 in this example`,
      example: 0n,
      sources: [
        recParams('union { /* 0x300 */ u64 gprs[REC_CREATE_NR_GPRS]; …'),
        rmiSmc('REC_CREATE_NR_GPRS 8: "The number of GPRs (starting from X0) that are configured by the host when a REC is created"'),
      ],
    }),
    fieldOf(REC_PARAMS, {
      member: 'num_rec_aux',
      direction: 'in',
      meaning: 'how many auxiliary granules follow in aux[] (as many as RMI_REC_AUX_COUNT asked for); none in this example',
      example: 0n,
      sources: [recParams('union { /* 0x800 */ struct { u64 num_rec_aux; u64 aux[REC_PARAMS_AUX_GRANULES]; }; …')],
    }),
    fieldOf(REC_PARAMS, {
      member: 'aux',
      from: 0,
      to: REC_AUX_GRANULES - 1,
      direction: 'in',
      meaning: 'physical addresses of delegated granules the RMM keeps the REC’s extra state in; unused in this example',
      example: 0n,
      sources: [recParams('u64 aux[REC_PARAMS_AUX_GRANULES 16]')],
    }),
  ],
  sources: [
    rmiSmc('struct rec_params: unions at 0x0, 0x100, 0x200, 0x300, 0x800'),
    rmm(
      'lib/smc/src/smc-rmi-offsets.c',
      'sizeof(struct rmi_rec_params) == 0x1000UL; offsetof flags 0U, mpidr 0x100U, pc 0x200U, gprs 0x300U, num_aux 0x800U, aux 0x808U',
    ),
  ],
});

const EXIT_AT = place(REC_RUN, 'exit').offset;
const recRun = (where: string) => rmiSmc(where);

/** RMI_REC_ENTER's rec_run, in the example where the realm's RSI_HOST_CALL ends the call. */
export const recRunMemory: MemoryArg = {
  name: 'struct rec_run',
  where: { register: 'x2' },
  size: sizeOf(REC_RUN),
  direction: 'inout',
  fields: [
    fieldOf(REC_ENTER, {
      member: 'flags',
      prefix: 'enter.',
      direction: 'in',
      meaning: 'RMI_EMULATED_MMIO BIT(0), RMI_INJECT_SEA BIT(1), RMI_TRAP_WFI BIT(2), RMI_TRAP_WFE BIT(3), RMI_RIPAS_RESPONSE BIT(4); none in this example',
      example: 0n,
      sources: [recRun('struct rec_enter: union { /* 0x000 */ u64 flags; u8 padding0[0x200]; }; RMI_EMULATED_MMIO BIT(0) … RMI_RIPAS_RESPONSE BIT(4)')],
    }),
    fieldOf(REC_ENTER, {
      member: 'gprs',
      from: 0,
      to: HOST_CALL_GPRS - 1,
      prefix: 'enter.',
      direction: 'in',
      meaning: 'registers the host hands back: the answer to a host call, or a read from emulated MMIO; 0 on this first entry',
      example: 0n,
      sources: [recRun('struct rec_enter: union { /* 0x200 */ u64 gprs[REC_RUN_GPRS]; u8 padding2[0x100]; }'), fromEnter],
    }),
    fieldOf(REC_EXIT, {
      member: 'exit_reason',
      base: EXIT_AT,
      prefix: 'exit.',
      direction: 'out',
      meaning: 'why the realm stopped: RMI_EXIT_SYNC 0, IRQ 1, FIQ 2, PSCI 3, RIPAS_CHANGE 4, HOST_CALL 5, SERROR 6',
      result: 5n,
      resultMeaning: 'RMI_EXIT_HOST_CALL (the example: the realm made an RSI_HOST_CALL)',
      sources: [
        recRun('struct rec_exit: union { /* 0x000 */ u8 exit_reason; u8 padding0[0x100]; }; RMI_EXIT_SYNC 0x00 … RMI_EXIT_SERROR 0x06'),
        src.hostCallExit,
      ],
    }),
    fieldOf(REC_EXIT, {
      member: 'esr',
      base: EXIT_AT,
      prefix: 'exit.',
      direction: 'out',
      meaning: 'the syndrome of a synchronous exit (RMI_EXIT_SYNC); what it holds after a host call was not read, so no value is shown',
      sources: [recRun('struct rec_exit: union { /* 0x100 */ struct { u64 esr; u64 far; u64 hpfar; }; …')],
    }),
    ...[0, 1].map((i) =>
      fieldOf(REC_EXIT, {
        member: 'gprs',
        from: i,
        base: EXIT_AT,
        prefix: 'exit.',
        direction: 'out',
        meaning: `the realm’s host call structure gprs[${i}]`,
        result: HOST_CALL_EXAMPLE.in[i]!,
        resultMeaning: `what the realm put in rsi_host_call.gprs[${i}] (the RSI_HOST_CALL example)`,
        sources: [recRun('struct rec_exit: union { /* 0x200 */ u64 gprs[REC_RUN_GPRS]; …'), toExit],
      }),
    ),
    fieldOf(REC_EXIT, {
      member: 'imm',
      base: EXIT_AT,
      prefix: 'exit.',
      direction: 'out',
      meaning: 'the host call’s immediate',
      result: HOST_CALL_EXAMPLE.imm,
      resultMeaning: 'rsi_host_call.imm (the RSI_HOST_CALL example)',
      sources: [recRun('struct rec_exit: union { /* 0x600 */ u16 imm; u8 padding6[0x100]; }'), toExit],
    }),
  ],
  sources: [
    rmiSmc('struct rec_run { struct rec_enter enter; struct rec_exit exit; }'),
    rmm(
      'lib/smc/src/smc-rmi-offsets.c',
      'sizeof(struct rmi_rec_enter) == 0x800UL; offsetof(struct rmi_rec_run, exit) == 0x800U; sizeof(struct rmi_rec_run) <= GRANULE_SIZE',
    ),
  ],
};
