import type { ArgDef, Call, ResultDef } from '../../model/call';
import type { MemoryArg } from '../../model/memory';
import type { Path } from '../../model/path';
import { runArgs, runResults, type RunDef } from '../../model/pair';
import type { Note, Source } from '../../model/source';
import { RSI } from './conventions';
import { ccaFid } from './fid';
import { arg, result } from './registers';
import { hostCallMemory, realmConfigMemory } from './memory';
import { hostCallPath } from './path';
import { rmm, rmmMain, rmmSmcRsi, rsiCmds, rsiSmc, src } from './sources';

/**
 * The calls a realm makes to its RMM, as Linux's rsi_smc.h lists them (RSI
 * ABI 1.0), with TF-RMM's handler for each. Every one stays inside the Realm
 * world: smc from R-EL1, trapped to R-EL2.
 */

/** The function ID: built from SMC_RSI_FID(n), stated literally in TF-RMM's comments ("FID: 0xC4000190"). */
const fid = (n: number, linuxName: string, rmmName: string) =>
  ccaFid(n, {
    literal: 0xc4000000n + BigInt(n),
    source: rmmMain(
      'lib/smc/include/smc-rsi.h',
      `"FID: 0x${(0xc4000000 + n).toString(16).toUpperCase()}" above ${rmmName} (Linux ${linuxName} = SMC_RSI_FID(0x${n.toString(16)}))`,
    ),
  });

const status = (where: string): ResultDef =>
  result(0, 'status', 'RSI_SUCCESS (0), RSI_ERROR_INPUT (1), RSI_ERROR_STATE (2), RSI_INCOMPLETE (3) or RSI_ERROR_UNKNOWN (4)', 0n, 'RSI_SUCCESS', [
    rsiSmc(`${where}: "ret0 == Status / error"`),
    src.rsiStatus,
  ]);

/** 64 bytes written out in memory order, first byte first: 0x{first}{first+1}…, so each register's part can be told apart. */
const bytesFrom = (first: number) => BigInt(`0x${Array.from({ length: 64 }, (_, i) => (first + i).toString(16).padStart(2, '0')).join('')}`);
const x = (from: number) => Array.from({ length: 8 }, (_, i) => `x${from + i}`);

interface CallSpec {
  id: string;
  name: string;
  number: Call['number'];
  summary: string;
  handles: string;
  args: readonly ArgDef[];
  results: readonly ResultDef[];
  runs?: readonly RunDef[];
  path?: Path;
  memory?: readonly MemoryArg[];
  sources: readonly Source[];
  notes?: readonly Note[];
}

const rsiCall = (c: CallSpec): Call => ({ ...c, family: RSI, returnsOnSuccess: true, notes: c.notes ?? [] });

const version = rsiCall({
  id: 'rsi-abi-version',
  name: 'RSI_ABI_VERSION',
  number: fid(0x190, 'SMC_RSI_ABI_VERSION', 'SMC_RSI_VERSION'),
  summary: 'Tell the RMM which RSI version the realm speaks and learn the range it implements: the realm’s first RSI call.',
  handles: 'it answers with the lowest and highest RSI revisions it implements, and RSI_SUCCESS if the requested one is among them.',
  args: [
    arg(1, 'requested revision', 'the realm’s RSI revision: major in bits 31:16, minor in bits 15:0 (Linux passes RSI_ABI_VERSION, 1.0)', 0x10000n, [
      rsiSmc('SMC_RSI_ABI_VERSION: "arg1 == Requested interface revision"; RSI_ABI_VERSION ((RSI_ABI_VERSION_MAJOR 1 << 16) | RSI_ABI_VERSION_MINOR 0)'),
      rsiCmds('rsi_request_version(req, …): arm_smccc_smc(SMC_RSI_ABI_VERSION, req, 0, 0, 0, 0, 0, 0, &res)'),
    ]),
  ],
  results: [
    status('SMC_RSI_ABI_VERSION'),
    result(1, 'lower revision', 'the lowest revision the RMM implements', 0x10000n, 'RSI 1.0 (an example)', [
      rsiSmc('SMC_RSI_ABI_VERSION: "ret1 == Lower implemented interface revision"'),
      rsiCmds('rsi_request_version(): *out_lower = res.a1'),
    ]),
    result(2, 'higher revision', 'the highest revision the RMM implements', 0x10000n, 'RSI 1.0 (an example)', [
      rsiSmc('SMC_RSI_ABI_VERSION: "ret2 == Higher implemented interface revision"'),
      rsiCmds('rsi_request_version(): *out_higher = res.a2'),
    ]),
  ],
  sources: [rsiSmc('SMC_RSI_ABI_VERSION SMC_RSI_FID(0x190)'), rmmSmcRsi('SMC_RSI_VERSION SMC64_RSI_FID(U(0x0))'), src.rsiHandler],
  notes: [
    {
      kind: 'disagreement',
      text: 'Linux calls 0x190 SMC_RSI_ABI_VERSION and 0x194 SMC_RSI_ATTESTATION_TOKEN_INIT; TF-RMM calls them SMC_RSI_VERSION and SMC_RSI_ATTEST_TOKEN_INIT (and 0x195 …_ATTEST_TOKEN_CONTINUE). The numbers agree.',
      sources: [rsiSmc('SMC_RSI_ABI_VERSION, SMC_RSI_ATTESTATION_TOKEN_INIT'), rmmSmcRsi('SMC_RSI_VERSION, SMC_RSI_ATTEST_TOKEN_INIT')],
    },
  ],
});

const features = rsiCall({
  id: 'rsi-features',
  name: 'RSI_FEATURES',
  number: fid(0x191, 'SMC_RSI_FEATURES', 'SMC_RSI_FEATURES'),
  summary: 'Read one of the RMM’s RSI feature registers.',
  handles: 'it answers with the value of the feature register named by x1.',
  args: [arg(1, 'index', 'which feature register to read', 0n, [rsiSmc('SMC_RSI_FEATURES: "arg1 == Feature register index"')])],
  results: [
    status('SMC_RSI_FEATURES'),
    result(1, 'value', 'the feature register’s value', 0n, 'no features (an example)', [rsiSmc('SMC_RSI_FEATURES: "ret1 == Feature register value"')]),
  ],
  sources: [rsiSmc('SMC_RSI_FEATURES SMC_RSI_FID(0x191)'), rmmSmcRsi('SMC_RSI_FEATURES SMC64_RSI_FID(U(0x1))')],
});

const measurementRun = (from: number, direction: 'in' | 'out', where: string, sources: readonly Source[]): RunDef => ({
  id: 'measurement',
  name: 'measurement',
  meaning: 'a 64-byte measurement value, bytes 0–7 in the first register',
  registers: x(from),
  partBits: 64,
  order: 'bytes-le',
  direction,
  sources: [rsiSmc(where), ...sources],
});

const readRun = measurementRun(1, 'out', 'SMC_RSI_MEASUREMENT_READ: "ret1 == Measurement value, bytes: 0 - 7" … "ret8 == Measurement value, bytes: 56 - 63"', [
  rmm(
    'runtime/rsi/realm_attest.c',
    'handle_rsi_measurement_read(): res->smc_res.x[i + 1U] = *(unsigned long *)&rd->measurement[idx][i * sizeof(unsigned long)] for x1–x4; rec->regs[i + 1U] likewise for x5–x8',
  ),
]);

const measurementRead = rsiCall({
  id: 'rsi-measurement-read',
  name: 'RSI_MEASUREMENT_READ',
  number: fid(0x192, 'SMC_RSI_MEASUREMENT_READ', 'SMC_RSI_MEASUREMENT_READ'),
  summary: 'Read one of the realm’s measurements, 64 bytes that come back in eight registers, x1–x8: a call that needs SMCCC 1.2’s result registers.',
  handles: 'it copies the measurement in the slot named by x1 into x1–x8, eight bytes to a register.',
  args: [
    arg(1, 'index', 'which measurement: 0 is the initial measurement (RIM), 1–4 the extensible ones (REMs)', 0n, [
      rsiSmc('SMC_RSI_MEASUREMENT_READ: "arg1 == Index, which measurements slot to read"'),
      rmmSmcRsi('"arg1: Measurement index (0..4), measurement (RIM or REM) to read"'),
    ]),
  ],
  results: [status('SMC_RSI_MEASUREMENT_READ'), ...runResults(readRun, bytesFrom(0xa0), 'an example measurement, bytes 0xA0 to 0xDF')],
  runs: [readRun],
  sources: [rsiSmc('SMC_RSI_MEASUREMENT_READ SMC_RSI_FID(0x192)'), rmmSmcRsi('SMC_RSI_MEASUREMENT_READ SMC64_RSI_FID(U(0x2))')],
  notes: [
    {
      kind: 'info',
      text: 'TF-RMM writes the first four words through its reply (x0–x4, SMC_RESULT_REGS) and the last four straight into the REC’s saved x5–x8; either way the realm finds all eight on return. A shorter digest (SHA-256) leaves the rest zero.',
      sources: [
        rmm(
          'runtime/rsi/realm_attest.c',
          'handle_rsi_measurement_read(): "Copy the rest of the measurement to the rec->regs[]"; "Zero-initialize unused area"',
        ),
      ],
    },
  ],
});

const extendRun = measurementRun(
  3,
  'in',
  'SMC_RSI_MEASUREMENT_EXTEND: "arg3 == Measurement value, bytes: 0 - 7" … "arg10 == Measurement value, bytes: 56 - 63"',
  [rmm('runtime/rsi/realm_attest.c', 'handle_rsi_measurement_extend(): extend_measurement = &rec->regs[3]')],
);

const measurementExtend = rsiCall({
  id: 'rsi-measurement-extend',
  name: 'RSI_MEASUREMENT_EXTEND',
  number: fid(0x193, 'SMC_RSI_MEASUREMENT_EXTEND', 'SMC_RSI_MEASUREMENT_EXTEND'),
  summary: 'Extend one of the realm’s extensible measurements with up to 64 bytes passed in x3–x10.',
  handles: 'it hashes the bytes in x3–x10 (as many as x2 says) into the measurement named by x1.',
  args: [
    arg(1, 'index', 'which extensible measurement (REM), 1–4', 1n, [
      rsiSmc('SMC_RSI_MEASUREMENT_EXTEND: "arg1 == Index, which measurements slot to extend"'),
      rmmSmcRsi('"arg1: Measurement index (1..4), measurement (REM) to extend"'),
    ]),
    arg(2, 'size', 'how many of the 64 bytes count', 64n, [rsiSmc('SMC_RSI_MEASUREMENT_EXTEND: "arg2 == Size of realm measurement in bytes, max 64 bytes"')]),
    ...runArgs(extendRun, bytesFrom(0x40)),
  ],
  results: [status('SMC_RSI_MEASUREMENT_EXTEND')],
  runs: [extendRun],
  sources: [rsiSmc('SMC_RSI_MEASUREMENT_EXTEND SMC_RSI_FID(0x193)'), rmmSmcRsi('SMC_RSI_MEASUREMENT_EXTEND SMC64_RSI_FID(U(0x3))')],
  notes: [
    {
      kind: 'disagreement',
      text: 'Linux names x3–x10 "Measurement value"; TF-RMM’s header names the same registers "Challenge value", though its handler reads them as the measurement to extend. The registers agree.',
      sources: [
        rsiSmc('SMC_RSI_MEASUREMENT_EXTEND: "arg3 == Measurement value, bytes: 0 - 7"'),
        rmmSmcRsi('SMC_RSI_MEASUREMENT_EXTEND: "arg3:  Challenge value, bytes:  0 -  7"'),
      ],
    },
  ],
});

const challengeRun: RunDef = {
  id: 'challenge',
  name: 'challenge',
  meaning: 'the 64-byte challenge that goes into the attestation token, bytes 0–7 in x1',
  registers: x(1),
  partBits: 64,
  order: 'bytes-le',
  direction: 'in',
  sources: [
    rsiSmc('SMC_RSI_ATTESTATION_TOKEN_INIT: "arg1 == Challenge value, bytes: 0 - 7" … "arg8 == Challenge value, bytes: 56 - 63"'),
    rsiCmds(
      'rsi_attestation_token_init(): union { struct arm_smccc_1_2_regs regs; struct rsi_attestation_token_init_args init; } args; memcpy(args.init.challenge, challenge, size): the bytes land in a1… in memory order',
    ),
    rmm(
      'runtime/rsi/realm_attest.c',
      'handle_rsi_attest_token_init(): attest_realm_token_create(…, (const void *)&rec->regs[1], ATTEST_CHALLENGE_SIZE, …): x1… read back as bytes',
    ),
  ],
};

const tokenInit = rsiCall({
  id: 'rsi-attestation-token-init',
  name: 'RSI_ATTESTATION_TOKEN_INIT',
  number: fid(0x194, 'SMC_RSI_ATTESTATION_TOKEN_INIT', 'SMC_RSI_ATTEST_TOKEN_INIT'),
  summary:
    'Start making an attestation token around a 64-byte challenge passed in x1–x8; the token itself is fetched afterwards with RSI_ATTESTATION_TOKEN_CONTINUE.',
  handles: 'it starts a realm token over the challenge in x1–x8 and answers with an upper bound on the token’s size.',
  args: runArgs(challengeRun, bytesFrom(0)),
  results: [
    status('SMC_RSI_ATTESTATION_TOKEN_INIT'),
    result(1, 'token size bound', 'an upper bound on the size of the token in bytes', 0x1000n, 'an example bound', [
      rsiSmc('SMC_RSI_ATTESTATION_TOKEN_INIT: "ret1 == Upper bound of token size in bytes"'),
      rsiCmds('rsi_attestation_token_init(): if (args.regs.a0 == RSI_SUCCESS) return args.regs.a1'),
    ]),
  ],
  runs: [challengeRun],
  sources: [
    rsiSmc('SMC_RSI_ATTESTATION_TOKEN_INIT SMC_RSI_FID(0x194)'),
    rmmSmcRsi('SMC_RSI_ATTEST_TOKEN_INIT SMC64_RSI_FID(U(0x4))'),
    rsiCmds('rsi_attestation_token_init()'),
  ],
  notes: [
    {
      kind: 'info',
      text:
        'The challenge is bytes, not a number: Linux copies it into struct arm_smccc_1_2_regs from a1 on with memcpy, and the RMM reads x1 onwards back as bytes, so byte 0 is the low byte of x1 on a little-endian CPU. ' +
        'Type it as 128 hex digits, first byte first, and Trapscope splits it the same way. Linux accepts 32 to 64 bytes and leaves the rest zero.',
      sources: [rsiCmds('RSI_ATTEST_CHALLENGE_MIN_SIZE 32, RSI_ATTEST_CHALLENGE_MAX_SIZE 64; args = { 0 }'), ...challengeRun.sources.slice(1)],
    },
    {
      kind: 'unconfirmed',
      text: 'On a big-endian kernel the same memcpy would put byte 0 in the high byte of x1; we found nothing saying whether a realm may run big-endian, so only the little-endian split is drawn.',
      sources: [rsiCmds('rsi_attestation_token_init(): memcpy(args.init.challenge, challenge, size)')],
    },
  ],
});

const tokenContinue = rsiCall({
  id: 'rsi-attestation-token-continue',
  name: 'RSI_ATTESTATION_TOKEN_CONTINUE',
  number: fid(0x195, 'SMC_RSI_ATTESTATION_TOKEN_CONTINUE', 'SMC_RSI_ATTEST_TOKEN_CONTINUE'),
  summary: 'Fetch the next piece of the attestation token into a granule of the realm’s memory, until the RMM says the whole token is there.',
  handles: 'it copies as much of the token as fits into the buffer and answers RSI_INCOMPLETE while more remains.',
  args: [
    arg(1, 'granule', 'IPA of the 4 KiB granule the token is written to', 0x80100000n, [
      rsiSmc('SMC_RSI_ATTESTATION_TOKEN_CONTINUE: "arg1 == The IPA of token buffer"'),
    ]),
    arg(2, 'offset', 'offset of the buffer within the granule', 0n, [rsiSmc('"arg2 == Offset within the granule of the token buffer"')]),
    arg(3, 'size', 'size of the buffer in bytes', 0x1000n, [
      rsiSmc('"arg3 == Size of the granule buffer"'),
      rsiCmds('RSI_GRANULE_SIZE (1UL << RSI_GRANULE_SHIFT 12)'),
    ]),
  ],
  results: [
    result(0, 'status', 'RSI_SUCCESS when the token is complete, RSI_INCOMPLETE while more remains, or an error', 0n, 'RSI_SUCCESS', [
      rsiCmds(
        'rsi_attestation_token_continue(): "%RSI_SUCCESS - Attestation token retrieved successfully. %RSI_INCOMPLETE - Token generation is not complete."',
      ),
      src.rsiStatus,
    ]),
    result(1, 'length', 'bytes of token written to the buffer', 0x4a0n, 'an example length', [
      rsiSmc('"ret1 == Length of token bytes copied to the granule buffer"'),
      rsiCmds('rsi_attestation_token_continue(): *len = res.a1'),
    ]),
  ],
  sources: [
    rsiSmc('SMC_RSI_ATTESTATION_TOKEN_CONTINUE SMC_RSI_FID(0x195)'),
    rmmSmcRsi('SMC_RSI_ATTEST_TOKEN_CONTINUE SMC64_RSI_FID(U(0x5))'),
    rsiCmds('rsi_attestation_token_continue(): arm_smccc_1_1_invoke(SMC_RSI_ATTESTATION_TOKEN_CONTINUE, granule, offset, size, 0, &res)'),
  ],
});

const realmConfig = rsiCall({
  id: 'rsi-realm-config',
  name: 'RSI_REALM_CONFIG',
  number: fid(0x196, 'SMC_RSI_REALM_CONFIG', 'SMC_RSI_REALM_CONFIG'),
  summary: 'Ask the RMM to write the realm’s configuration (its IPA width, hash algorithm and personalization value) into a page of the realm’s memory.',
  handles: 'it fills the struct realm_config at the address in x1.',
  args: [
    arg(1, 'config address', 'physical address (IPA) of a 4 KiB-aligned struct realm_config the RMM fills in', 0x80200000n, [
      rsiSmc('SMC_RSI_REALM_CONFIG: "arg1 == struct realm_config addr"; struct realm_config { ipa_bits; hash_algo; … rpv[64] } __aligned(0x1000)'),
      rsiCmds('rsi_get_realm_config(cfg): arm_smccc_smc(SMC_RSI_REALM_CONFIG, virt_to_phys(cfg), 0, 0, 0, 0, 0, 0, &res)'),
    ]),
  ],
  results: [status('SMC_RSI_REALM_CONFIG')],
  memory: [realmConfigMemory],
  sources: [rsiSmc('SMC_RSI_REALM_CONFIG SMC_RSI_FID(0x196)'), rmmSmcRsi('SMC_RSI_REALM_CONFIG SMC64_RSI_FID(U(0x6))')],
  notes: [
    {
      kind: 'info',
      text: 'The answer is memory, not registers: the RMM writes the configuration into the 4 KiB page x1 names and answers RSI_ERROR_INPUT if x1 is not granule-aligned ("The RMM requires the configuration structure to be aligned to a 4k boundary"). Linux keeps the page in a static struct realm_config and uses ipa_bits alone.',
      sources: [
        rsiSmc('struct realm_config: "The RMM requires the configuration structure to be aligned to a 4k boundary"'),
        rmm('runtime/rsi/config.c', 'handle_rsi_realm_config(): if (!GRANULE_ALIGNED(ipa) || …) res->smc_res.x[0] = RSI_ERROR_INPUT'),
      ],
    },
    {
      kind: 'disagreement',
      text: 'The two headers agree on every offset (ipa_bits at 0, the hash algorithm at 8, rpv at 0x200, 0x1000 bytes in all) but not on one size: Linux declares hash_algo as unsigned long (8 bytes), TF-RMM’s struct rsi_realm_config declares algorithm as unsigned char, and the RMM writes that one byte. Linux’s page is zero-initialised (static), so it reads the same value; the field is drawn with Linux’s 8 bytes.',
      sources: [rsiSmc('unsigned long hash_algo; /* Hash algorithm */'), rmmSmcRsi('SET_MEMBER_RSI(unsigned char algorithm, 8, 0x200); /* Offset 8 */')],
    },
  ],
});

const ipaStateSet = rsiCall({
  id: 'rsi-ipa-state-set',
  name: 'RSI_IPA_STATE_SET',
  number: fid(0x197, 'SMC_RSI_IPA_STATE_SET', 'SMC_RSI_IPA_STATE_SET'),
  summary: 'Ask for a range of the realm’s addresses to change RIPAS, for example to RAM when memory is accepted or to EMPTY when it is shared with the host.',
  handles: 'it asks the host, through a REC exit, to make the change, and answers with how far it got and whether the host accepted.',
  args: [
    arg(1, 'base', 'base IPA of the range', 0x80000000n, [rsiSmc('SMC_RSI_IPA_STATE_SET: "arg1 == Base IPA address of target region"')]),
    arg(2, 'top', 'top of the range', 0x80200000n, [rsiSmc('"arg2 == Top of the region"')]),
    arg(3, 'RIPAS', 'the state wanted: EMPTY 0, RAM 1, DESTROYED 2, DEV 3', 1n, [
      rsiSmc('"arg3 == RIPAS value"'),
      rsiCmds('enum ripas { RSI_RIPAS_EMPTY = 0, RSI_RIPAS_RAM = 1, RSI_RIPAS_DESTROYED = 2, RSI_RIPAS_DEV = 3 }'),
    ]),
    arg(4, 'flags', 'RSI_CHANGE_DESTROYED (1) allows a change from DESTROYED; RSI_NO_CHANGE_DESTROYED (0) does not', 0n, [
      rsiSmc('"arg4 == flags"; RSI_NO_CHANGE_DESTROYED UL(0), RSI_CHANGE_DESTROYED UL(1)'),
    ]),
  ],
  results: [
    status('SMC_RSI_IPA_STATE_SET'),
    result(1, 'top', 'the top of the part of the range that was changed', 0x80200000n, 'the whole range (an example)', [
      rsiSmc('"ret1 == Top of modified IPA range"'),
      rsiCmds('rsi_set_addr_range_state(): *top = res.a1'),
    ]),
    result(2, 'response', 'RSI_ACCEPT (0) or RSI_REJECT (1): whether the host accepted the change', 0n, 'RSI_ACCEPT', [
      rsiSmc('"ret2 == Whether the Host accepted or rejected the request"; RSI_ACCEPT UL(0), RSI_REJECT UL(1)'),
      rsiCmds('rsi_set_addr_range_state(): if (res.a2 != RSI_ACCEPT) return -EPERM'),
    ]),
  ],
  sources: [
    rsiSmc('SMC_RSI_IPA_STATE_SET SMC_RSI_FID(0x197)'),
    rmmSmcRsi('SMC_RSI_IPA_STATE_SET SMC64_RSI_FID(U(0x7))'),
    rsiCmds('rsi_set_addr_range_state(): arm_smccc_smc(SMC_RSI_IPA_STATE_SET, start, end, state, flags, 0, 0, 0, &res)'),
  ],
  notes: [
    {
      kind: 'disagreement',
      text: 'Linux describes x1 on return as the "Top of modified IPA range"; TF-RMM’s header as the "Base of IPA region which was not modified by the command". Both name the same address, where the change stopped.',
      sources: [rsiSmc('"ret1 == Top of modified IPA range"'), rmmSmcRsi('"ret1 == Base of IPA region which was not modified by the command"')],
    },
    {
      kind: 'unconfirmed',
      text: 'The host takes part: the RMM leaves the realm with a RIPAS-change exit and the host answers before the realm resumes. TF-RMM’s side of that exit was not read, so only the realm’s registers are drawn.',
      sources: [rsiSmc('"ret2 == Whether the Host accepted or rejected the request"')],
    },
  ],
});

const ipaStateGet = rsiCall({
  id: 'rsi-ipa-state-get',
  name: 'RSI_IPA_STATE_GET',
  number: fid(0x198, 'SMC_RSI_IPA_STATE_GET', 'SMC_RSI_IPA_STATE_GET'),
  summary: 'Ask which RIPAS a range of the realm’s addresses has.',
  handles: 'it answers with the RIPAS at the base and how far up the range it holds.',
  args: [
    arg(1, 'base', 'base IPA of the range', 0x80000000n, [
      rsiSmc('SMC_RSI_IPA_STATE_GET: "arg1 == Base IPA of target region"'),
      rsiCmds('rsi_ipa_state_get(): arm_smccc_smc(SMC_RSI_IPA_STATE_GET, start, end, 0, 0, 0, 0, 0, &res)'),
    ]),
    arg(2, 'end', 'end of the range', 0x80200000n, [rsiSmc('"arg2 == End of target IPA region"')]),
  ],
  results: [
    status('SMC_RSI_IPA_STATE_GET'),
    result(1, 'top', 'top of the part of the range that has the RIPAS in x2', 0x80200000n, 'the whole range (an example)', [
      rsiSmc('"ret1 == Top of IPA region which has the reported RIPAS value"'),
      rsiCmds('rsi_ipa_state_get(): *top = res.a1'),
    ]),
    result(2, 'RIPAS', 'EMPTY 0, RAM 1, DESTROYED 2, DEV 3', 1n, 'RAM', [
      rsiSmc('"ret2 == RIPAS value"'),
      rsiCmds('rsi_ipa_state_get(): *state = res.a2; enum ripas'),
    ]),
  ],
  sources: [rsiSmc('SMC_RSI_IPA_STATE_GET SMC_RSI_FID(0x198)'), rmmSmcRsi('SMC_RSI_IPA_STATE_GET SMC64_RSI_FID(U(0x8))')],
});

const hostCall = rsiCall({
  id: 'rsi-host-call',
  name: 'RSI_HOST_CALL',
  number: fid(0x199, 'SMC_RSI_HOST_CALL', 'SMC_RSI_HOST_CALL'),
  summary:
    'Call the host hypervisor from inside a realm: the one RSI call that leaves the Realm world. The arguments travel in a structure in the realm’s memory, not in registers.',
  handles:
    'the RMM has copied the immediate and 31 registers from the structure at x1 into the REC exit; the host does what it and the realm agree that immediate means, writes its 31 answer registers into rec_run.enter.gprs[] and enters the REC again, and the RMM copies them back into the structure and answers RSI_SUCCESS.',
  args: [
    arg(1, 'host call address', 'IPA of a struct rsi_host_call: a 32-bit immediate at offset 0, then gprs[31] from offset 8', 0x80300000n, [
      rsiSmc('SMC_RSI_HOST_CALL: "arg1 == IPA of host call structure"'),
      rmmSmcRsi('struct rsi_host_call { unsigned int imm; /* Offset 0 */ unsigned long gprs[RSI_HOST_CALL_NR_GPRS 31]; }'),
      rmm(
        'lib/smc/src/smc-rsi-offsets.c',
        'offsetof(struct rsi_host_call, imm) == 0U; offsetof(struct rsi_host_call, gprs[0U]) == 8U; sizeof(struct rsi_host_call) == 0x100UL',
      ),
    ]),
  ],
  results: [status('SMC_RSI_HOST_CALL')],
  path: hostCallPath,
  memory: [hostCallMemory],
  sources: [rsiSmc('SMC_RSI_HOST_CALL SMC_RSI_FID(0x199)'), rmmSmcRsi('SMC_RSI_HOST_CALL SMC64_RSI_FID(U(0x9))'), src.hostCallExit, src.hostCallBack],
  notes: [
    {
      kind: 'info',
      text:
        'The host never sees the realm’s registers: the RMM copies the structure’s gprs[] into the REC exit record (struct rec_exit, shared with the host), exits to the host with exit reason RMI_EXIT_HOST_CALL, and when the host calls RMI_REC_ENTER again copies its gprs[] back into the structure. ' +
        'The path is realm (R-EL1) → RMM (R-EL2) → EL3 → host (NS-EL2) → EL3 → RMM → realm, as drawn: the host answers between two of its own RMI_REC_ENTER calls.',
      sources: [src.hostCallExit, src.hostCallBack],
    },
    {
      kind: 'unconfirmed',
      text: 'The structure is drawn as TF-RMM declares it: Linux’s rsi_smc.h, at the commit read, declares no struct rsi_host_call. The RMM refuses (RSI_ERROR_INPUT) an address that is not 0x100-aligned or a structure that crosses a granule. The immediate and the registers mean whatever the realm and its host agree; the values shown are examples.',
      sources: [
        rsiSmc('SMC_RSI_HOST_CALL: "arg1 == IPA of host call structure" (no struct rsi_host_call in this file)'),
        rmm('runtime/rsi/host_call.c', 'handle_rsi_host_call(): !ALIGNED(ipa, sizeof(struct rsi_host_call)) or crossing a granule: RSI_ERROR_INPUT'),
      ],
    },
    {
      kind: 'info',
      text: 'Linux’s rsi_cmds.h has no helper for this call; the C and asm exports show it made with arm_smccc_1_2_smc().',
      sources: [
        rsiCmds(
          'rsi_request_version, rsi_get_realm_config, rsi_ipa_state_get, rsi_set_addr_range_state, rsi_attestation_token_init, rsi_attestation_token_continue',
        ),
      ],
    },
  ],
});

export const rsiCalls: readonly Call[] = [
  version,
  features,
  measurementRead,
  measurementExtend,
  tokenInit,
  tokenContinue,
  realmConfig,
  ipaStateSet,
  ipaStateGet,
  hostCall,
];
