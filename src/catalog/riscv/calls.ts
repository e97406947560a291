import type { BitLayout } from '../../model/bits';
import { encodeFields } from '../../model/bits';
import type { Call, CallNumber, ResultDef } from '../../model/call';
import type { FixedInput } from '../../model/convention';
import type { Source } from '../../model/source';
import { SBI_FAMILY, SBI_LEGACY_FAMILY } from './conventions';
import { errorSources, sbiError, type SbiErrorName } from './errors';
import { AT, linuxAt, opensbi, sbiSpec } from './sources';

const SBI_H = 'arch/riscv/include/asm/sbi.h';
const SBI_C = 'arch/riscv/kernel/sbi.c';
const sbiH = (where: string) => linuxAt(SBI_H, AT.linuxSbiH, where);
const sbiC = (where: string) => linuxAt(SBI_C, AT.linuxSbiC, where);
const osbiIf = (where: string) => opensbi('include/sbi/sbi_ecall_interface.h', AT.osbiInterface, where);

const spec = {
  base: (where: string) => sbiSpec('src/ext-base.adoc', AT.extBase, where),
  time: (where: string) => sbiSpec('src/ext-time.adoc', AT.extTime, where),
  ipi: (where: string) => sbiSpec('src/ext-ipi.adoc', AT.extIpi, where),
  hsm: (where: string) => sbiSpec('src/ext-hsm.adoc', AT.extHsm, where),
  srst: (where: string) => sbiSpec('src/ext-sys-reset.adoc', AT.extSrst, where),
  legacy: (where: string) => sbiSpec('src/ext-legacy.adoc', AT.extLegacy, where),
  encoding: (where: string) => sbiSpec('src/binary-encoding.adoc', AT.binaryEncoding, where),
  md2018: (where: string) => sbiSpec('riscv-sbi.md', AT.sbiMd2018, where),
};

/** The EIDs named after ASCII tags are the tag's bytes, most significant first: "TIME" is 0x54494D45. */
export function asciiEid(tag: string): bigint {
  let v = 0n;
  for (const ch of tag) {
    const c = ch.charCodeAt(0);
    if (c > 0x7f) throw new RangeError(`${tag}: not ASCII`);
    v = (v << 8n) | BigInt(c);
  }
  return v;
}

/** The call's number is its EID; `stated` is the value Linux's enum sbi_ext_id writes. */
export function eid(value: bigint, stated: bigint, enumerator: string): CallNumber {
  return { value, stated: { value: stated, how: 'literal', source: sbiH(`enum sbi_ext_id: ${enumerator}`) } };
}

/** The function ID in a6, loaded on every call of this function. */
function fid(value: bigint, sources: readonly Source[]): FixedInput[] {
  return [{ register: 'a6', name: 'function ID (FID)', meaning: 'which function of the extension to run', value, sources }];
}

function errorResult(name: SbiErrorName, meaning: string, sources: readonly Source[]): ResultDef {
  return { name: 'error', meaning, ...sbiError(name), sources: [...sources, errorSources.spec] };
}

/** sbi_get_spec_version's value: minor in bits 23:0, major in bits 30:24, bit 31 and bits 63:32 zero. */
export const specVersionLayout: BitLayout = {
  id: 'sbi-spec-version',
  name: 'SBI specification version',
  bits: 64,
  fields: [
    {
      key: 'reserved',
      name: 'reserved (XLEN > 32)',
      hi: 63,
      lo: 32,
      mustBe: 0n,
      sources: [spec.base('"When XLEN is greater than 32, bits 32 and above are also reserved and must be 0"')],
    },
    { key: 'bit31', name: 'reserved', hi: 31, lo: 31, mustBe: 0n, sources: [spec.base('"Bit 31 must be 0 and is reserved for future expansion"')] },
    {
      key: 'major',
      name: 'major',
      hi: 30,
      lo: 24,
      sources: [spec.base('"the major number encoded in the next 7 bits"'), sbiH('SBI_SPEC_VERSION_MAJOR_SHIFT 24, SBI_SPEC_VERSION_MAJOR_MASK 0x7f')],
    },
    {
      key: 'minor',
      name: 'minor',
      hi: 23,
      lo: 0,
      sources: [spec.base('"The minor number … is encoded in the low 24 bits"'), sbiH('SBI_SPEC_VERSION_MINOR_MASK 0xffffff')],
    },
  ],
  sources: [spec.base('Function: Get SBI specification version (FID #0)')],
};

const BASE = 0x10n;
const TIME = asciiEid('TIME');
const IPI = asciiEid('sPI');
const HSM = asciiEid('HSM');
const SRST = asciiEid('SRST');

const getSpecVersion: Call = {
  id: 'sbi-get-spec-version',
  name: 'sbi_get_spec_version',
  family: SBI_FAMILY,
  summary: 'Ask which version of the SBI specification the implementation follows (Base extension, FID 0).',
  number: eid(BASE, 0x10n, 'SBI_EXT_BASE = 0x10'),
  fixed: fid(0n, [spec.base('Base Function List: sbi_get_spec_version, FID 0, EID 0x10'), sbiH('SBI_EXT_BASE_GET_SPEC_VERSION = 0')]),
  args: [],
  results: [
    errorResult('SBI_SUCCESS', 'sbiret.error; this function must always succeed', [spec.base('"This function must always succeed"')]),
    {
      name: 'value',
      meaning: 'sbiret.value: the specification version, major in bits 30:24 and minor in bits 23:0',
      example: encodeFields(specVersionLayout, { major: 1n, minor: 0n }),
      exampleMeaning: 'SBI v1.0 (major 1, minor 0)',
      layout: specVersionLayout,
      sources: [spec.base('Get SBI specification version: minor in the low 24 bits, major in the next 7'), sbiH('sbi_major_version(), sbi_minor_version()')],
    },
  ],
  handles: 'it returns the SBI specification version it implements.',
  returnsOnSuccess: true,
  sources: [spec.base('Function: Get SBI specification version (FID #0)'), sbiC('sbi_get_spec_version() → __sbi_base_ecall(SBI_EXT_BASE_GET_SPEC_VERSION)')],
  notes: [],
};

const getImplId: Call = {
  id: 'sbi-get-impl-id',
  name: 'sbi_get_impl_id',
  family: SBI_FAMILY,
  summary: 'Ask which SBI implementation answers (OpenSBI, KVM, RustSBI…) so software can work around its quirks (Base extension, FID 1).',
  number: eid(BASE, 0x10n, 'SBI_EXT_BASE = 0x10'),
  fixed: fid(1n, [
    spec.base('Base Function List: sbi_get_impl_id, FID 1, EID 0x10'),
    sbiH('SBI_EXT_BASE_GET_IMP_ID (second enumerator of enum sbi_ext_base_fid, = 1)'),
    osbiIf('SBI_EXT_BASE_GET_IMP_ID 0x1'),
  ]),
  args: [],
  results: [
    errorResult('SBI_SUCCESS', 'sbiret.error; the Base extension defines no error returns', [
      spec.base('"All functions in the base extension must be supported by all SBI implementations, so there are no error returns defined"'),
    ]),
    {
      name: 'value',
      meaning: "sbiret.value: the implementation ID from the specification's table",
      example: 1n,
      exampleMeaning: 'OpenSBI (implementation ID 1)',
      sources: [spec.base('Table "SBI Implementation IDs": 0 BBL, 1 OpenSBI, 2 Xvisor, 3 KVM, 4 RustSBI …')],
    },
  ],
  handles: 'it returns its implementation ID.',
  returnsOnSuccess: true,
  sources: [spec.base('Function: Get SBI implementation ID (FID #1)'), sbiC('sbi_get_firmware_id() → __sbi_base_ecall(SBI_EXT_BASE_GET_IMP_ID)')],
  notes: [],
};

const probeExtension: Call = {
  id: 'sbi-probe-extension',
  name: 'sbi_probe_extension',
  family: SBI_FAMILY,
  summary: 'Ask whether an extension is available, before calling any of its functions (Base extension, FID 3).',
  number: eid(BASE, 0x10n, 'SBI_EXT_BASE = 0x10'),
  fixed: fid(3n, [
    spec.base('Base Function List: sbi_probe_extension, FID 3, EID 0x10'),
    sbiH('SBI_EXT_BASE_PROBE_EXT (fourth enumerator of enum sbi_ext_base_fid, = 3)'),
    osbiIf('SBI_EXT_BASE_PROBE_EXT 0x3'),
  ]),
  args: [
    {
      name: 'extension_id',
      meaning: 'the EID to look for',
      example: TIME,
      sources: [
        spec.base('struct sbiret sbi_probe_extension(long extension_id)'),
        sbiC('sbi_probe_extension(): sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_PROBE_EXT, extid, 0, 0, 0, 0, 0)'),
      ],
    },
  ],
  results: [
    errorResult('SBI_SUCCESS', 'sbiret.error; the Base extension defines no error returns', [spec.base('"there are no error returns defined"')]),
    {
      name: 'value',
      meaning: 'sbiret.value: 0 if the extension is not available, 1 (or another non-zero value the implementation defines) if it is',
      example: 1n,
      exampleMeaning: 'available (the example probes TIME, 0x54494D45)',
      sources: [
        spec.base(
          '"Returns 0 if the given SBI extension ID (EID) is not available, or 1 if it is available unless defined as any other non-zero value by the implementation"',
        ),
      ],
    },
  ],
  handles: 'it reports whether the extension named in a0 is available.',
  returnsOnSuccess: true,
  sources: [spec.base('Function: Probe SBI extension (FID #3)'), sbiC('sbi_probe_extension()')],
  notes: [],
};

const setTimer: Call = {
  id: 'sbi-set-timer',
  name: 'sbi_set_timer',
  family: SBI_FAMILY,
  summary: 'Program the next supervisor timer event at an absolute time (TIME extension, EID "TIME", FID 0).',
  number: eid(TIME, 0x54494d45n, 'SBI_EXT_TIME = 0x54494D45'),
  fixed: fid(0n, [spec.time('TIME Function List: sbi_set_timer, FID 0, EID 0x54494D45'), sbiH('SBI_EXT_TIME_SET_TIMER = 0')]),
  args: [
    {
      name: 'stime_value',
      meaning: 'absolute time of the next timer event; (uint64_t)-1 clears the timer without scheduling one',
      example: 0x5f5e100n,
      sources: [
        spec.time('struct sbiret sbi_set_timer(uint64_t stime_value): "stime_value is in absolute time"'),
        sbiC('__sbi_set_timer_v02(): sbi_ecall(SBI_EXT_TIME, SBI_EXT_TIME_SET_TIMER, stime_value, 0, 0, 0, 0, 0) on RV64'),
      ],
    },
  ],
  results: [
    errorResult('SBI_SUCCESS', 'sbiret.error; this function always returns SBI_SUCCESS', [
      spec.time('"This function always returns SBI_SUCCESS in sbiret.error"'),
    ]),
  ],
  handles: "it programs the hart's next timer event and clears any pending timer interrupt if the time is in the future.",
  returnsOnSuccess: true,
  sources: [spec.time('Timer Extension (EID #0x54494D45 "TIME"), Function: Set Timer (FID #0)'), sbiC('__sbi_set_timer_v02()')],
  notes: [
    {
      kind: 'info',
      text: 'On RV32 the 64-bit stime_value takes two registers: the low half in a0 and the high half in a1. This catalog shows RV64, where a0 holds it all.',
      sources: [sbiC('__sbi_set_timer_v02(): #if __riscv_xlen == 32 sbi_ecall(…, stime_value, stime_value >> 32, …)')],
    },
  ],
};

const sendIpi: Call = {
  id: 'sbi-send-ipi',
  name: 'sbi_send_ipi',
  family: SBI_FAMILY,
  summary: 'Send a supervisor software interrupt to a set of harts (IPI extension, EID "sPI", FID 0).',
  number: eid(IPI, 0x735049n, 'SBI_EXT_IPI = 0x735049'),
  fixed: fid(0n, [spec.ipi('IPI Function List: sbi_send_ipi, FID 0, EID 0x735049'), sbiH('SBI_EXT_IPI_SEND_IPI = 0')]),
  args: [
    {
      name: 'hart_mask',
      meaning: 'bit-vector of target harts, bit n meaning hart hart_mask_base + n',
      example: 0x1n,
      sources: [
        spec.encoding('Hart list parameter: "unsigned long hart_mask is a scalar bit-vector containing hartids"'),
        sbiC('__sbi_send_ipi_v02(): sbi_ecall(SBI_EXT_IPI, SBI_EXT_IPI_SEND_IPI, 1UL, cpuid_to_hartid_map(cpu), 0, 0, 0, 0)'),
      ],
    },
    {
      name: 'hart_mask_base',
      meaning: 'the hartid bit 0 of hart_mask stands for; -1 means every available hart',
      example: 2n,
      sources: [
        spec.encoding('Hart list parameter: "hart_mask_base is the starting hartid from which the bit-vector must be computed"; "can be set to -1"'),
        sbiC('__sbi_send_ipi_v02()'),
      ],
    },
  ],
  results: [errorResult('SBI_SUCCESS', 'sbiret.error: SBI_SUCCESS, SBI_ERR_INVALID_PARAM or SBI_ERR_FAILED', [spec.ipi('Table "IPI Send Errors"')])],
  handles: 'it raises a supervisor software interrupt on each hart named by the mask.',
  returnsOnSuccess: true,
  sources: [spec.ipi('IPI Extension (EID #0x735049 "sPI: s-mode IPI"), Function: Send IPI (FID #0)'), sbiC('__sbi_send_ipi_v02()')],
  notes: [],
};

const hartStart: Call = {
  id: 'sbi-hart-start',
  name: 'sbi_hart_start',
  family: SBI_FAMILY,
  summary: 'Start a stopped hart in supervisor mode at a given physical address (HSM extension, EID "HSM", FID 0). Linux brings up secondary CPUs this way.',
  number: eid(HSM, 0x48534dn, 'SBI_EXT_HSM = 0x48534D'),
  fixed: fid(0n, [spec.hsm('HSM Function List: sbi_hart_start, FID 0, EID 0x48534D'), sbiH('SBI_EXT_HSM_HART_START = 0')]),
  args: [
    {
      name: 'hartid',
      meaning: 'the hart to start',
      example: 1n,
      sources: [
        spec.hsm('"The hartid parameter specifies the target hart which is to be started"'),
        linuxAt(
          'arch/riscv/kernel/cpu_ops_sbi.c',
          AT.linuxCpuOpsSbi,
          'sbi_hsm_hart_start(): sbi_ecall(SBI_EXT_HSM, SBI_EXT_HSM_HART_START, hartid, saddr, priv, 0, 0, 0)',
        ),
      ],
    },
    {
      name: 'start_addr',
      meaning: 'physical address where the hart starts in S-mode with the MMU off',
      example: 0x80201000n,
      sources: [
        spec.hsm('"The start_addr parameter points to a runtime-specified physical address"'),
        linuxAt('arch/riscv/kernel/cpu_ops_sbi.c', AT.linuxCpuOpsSbi, 'sbi_cpu_start(): boot_addr = __pa_symbol(secondary_start_sbi)'),
      ],
    },
    {
      name: 'opaque',
      meaning: 'XLEN-bit value the new hart finds in a1 (Linux passes the physical address of its boot data)',
      example: 0x81a00000n,
      sources: [
        spec.hsm('"The opaque parameter is an XLEN-bit value which will be set in the a1 register when the hart starts executing at start_addr"'),
        linuxAt('arch/riscv/kernel/cpu_ops_sbi.c', AT.linuxCpuOpsSbi, 'sbi_cpu_start(): hsm_data = __pa(bdata)'),
      ],
    },
  ],
  results: [
    errorResult('SBI_SUCCESS', 'sbiret.error: SBI_SUCCESS, SBI_ERR_INVALID_ADDRESS, SBI_ERR_INVALID_PARAM, SBI_ERR_ALREADY_AVAILABLE or SBI_ERR_FAILED', [
      spec.hsm('Table "HSM Hart Start Errors"'),
    ]),
  ],
  handles:
    'it starts the target hart at start_addr in S-mode with a0 = hartid, a1 = opaque, satp = 0 and sstatus.SIE = 0, and may return before that hart runs.',
  returnsOnSuccess: true,
  sources: [
    spec.hsm('Hart State Management Extension (EID #0x48534D "HSM"), Function: Hart start (FID #0)'),
    linuxAt('arch/riscv/kernel/cpu_ops_sbi.c', AT.linuxCpuOpsSbi, 'sbi_hsm_hart_start()'),
  ],
  notes: [
    {
      kind: 'info',
      text: 'The call is asynchronous: it may return before the target hart starts executing, as long as the return code is accurate.',
      sources: [spec.hsm('"This call is asynchronous -- more specifically, the sbi_hart_start() may return before the target hart starts executing"')],
    },
  ],
};

const systemReset: Call = {
  id: 'sbi-system-reset',
  name: 'sbi_system_reset',
  family: SBI_FAMILY,
  summary: 'Shut down or reboot the system (System Reset extension, EID "SRST", FID 0, SBI v0.3). It does not return if it succeeds.',
  number: eid(SRST, 0x53525354n, 'SBI_EXT_SRST = 0x53525354'),
  fixed: fid(0n, [spec.srst('SRST Function List: sbi_system_reset, FID 0, EID 0x53525354'), sbiH('SBI_EXT_SRST_RESET = 0')]),
  args: [
    {
      name: 'reset_type',
      meaning: '32 bits: 0 shutdown, 1 cold reboot, 2 warm reboot, 0xF0000000 and up vendor-specific',
      example: 1n,
      sources: [
        spec.srst('Table "SRST System Reset Types": 0x00000000 Shutdown, 0x00000001 Cold reboot, 0x00000002 Warm reboot'),
        sbiH('enum sbi_srst_reset_type: SHUTDOWN = 0, COLD_REBOOT, WARM_REBOOT'),
        sbiC('sbi_srst_reboot(): SBI_SRST_RESET_TYPE_COLD_REBOOT unless REBOOT_WARM or REBOOT_SOFT'),
      ],
    },
    {
      name: 'reset_reason',
      meaning: '32 bits: 0 no reason, 1 system failure',
      example: 0n,
      sources: [
        spec.srst('Table "SRST System Reset Reasons": 0x00000000 No reason, 0x00000001 System failure'),
        sbiC('sbi_srst_reboot(): SBI_SRST_RESET_REASON_NONE'),
      ],
    },
  ],
  results: [
    errorResult('SBI_ERR_FAILED', 'sbiret.error, only on failure: SBI_ERR_INVALID_PARAM, SBI_ERR_NOT_SUPPORTED or SBI_ERR_FAILED', [
      spec.srst('Table "SRST System Reset Errors"'),
    ]),
  ],
  handles:
    'it resets the system as reset_type asks; natively a cold reboot power-cycles the whole system and a warm reboot only the main processor and parts of it.',
  returnsOnSuccess: false,
  sources: [
    spec.srst('System Reset Extension (EID #0x53525354 "SRST"): "This is a synchronous call and does not return if it succeeds"'),
    sbiC('sbi_srst_reset(): sbi_ecall(SBI_EXT_SRST, SBI_EXT_SRST_RESET, type, reason, 0, 0, 0, 0)'),
  ],
  notes: [
    {
      kind: 'info',
      text: 'Under a hypervisor the same three reset types behave the same way for the guest but need not change any physical power.',
      sources: [spec.srst('"When supervisor software is running inside a virtual machine, the SBI implementation is provided by a hypervisor"')],
    },
  ],
};

export const riscvSbiCalls: readonly Call[] = [getSpecVersion, getImplId, probeExtension, setTimer, sendIpi, hartStart, systemReset];

/* ---- SBI v0.1 legacy: one EID per function, no FID, result in a0 only. ---- */

function legacyEid(value: bigint, enumerator: string): CallNumber {
  return { value, stated: { value, how: 'literal', source: sbiH(`enum sbi_ext_id (CONFIG_RISCV_SBI_V01): ${enumerator}`) } };
}

const legacyResult = (meaning: string, where: string): ResultDef => ({
  name: 'status',
  meaning,
  example: 0n,
  exampleMeaning: 'success',
  sources: [spec.legacy(where)],
});

const legacySetTimer: Call = {
  id: 'sbi-legacy-set-timer',
  name: 'sbi_set_timer (legacy)',
  family: SBI_LEGACY_FAMILY,
  summary: 'Program the next timer event, the SBI v0.1 way (legacy EID 0x00, replaced by TIME).',
  number: legacyEid(0x00n, 'SBI_EXT_0_1_SET_TIMER = 0x0'),
  args: [
    {
      name: 'stime_value',
      meaning: 'absolute time of the next timer event; the call also clears the pending timer interrupt',
      example: 0x5f5e100n,
      sources: [
        spec.legacy('long sbi_set_timer(uint64_t stime_value)'),
        sbiC('__sbi_set_timer_v01(): sbi_ecall(SBI_EXT_0_1_SET_TIMER, 0, stime_value, 0, 0, 0, 0, 0) on RV64'),
      ],
    },
  ],
  results: [
    legacyResult(
      '0 on success or an implementation-specific negative error code',
      'Set Timer: "This SBI call returns 0 upon success or an implementation specific negative error code"',
    ),
  ],
  handles: 'it programs the next timer event and clears the pending timer interrupt.',
  returnsOnSuccess: true,
  sources: [spec.legacy('Extension: Set Timer (EID #0x00); Legacy Function List: replacement EID 0x54494D45'), sbiC('__sbi_set_timer_v01()')],
  notes: [],
};

const legacyPutchar: Call = {
  id: 'sbi-legacy-console-putchar',
  name: 'sbi_console_putchar (legacy)',
  family: SBI_LEGACY_FAMILY,
  summary: 'Write one character to the debug console (legacy EID 0x01, replaced by DBCN). Early boot consoles used it.',
  number: legacyEid(0x01n, 'SBI_EXT_0_1_CONSOLE_PUTCHAR = 0x1'),
  args: [
    {
      name: 'ch',
      meaning: 'the character to write',
      example: 0x41n,
      sources: [spec.legacy('long sbi_console_putchar(int ch)'), sbiC('sbi_console_putchar(): sbi_ecall(SBI_EXT_0_1_CONSOLE_PUTCHAR, 0, ch, 0, 0, 0, 0, 0)')],
    },
  ],
  results: [
    legacyResult(
      '0 on success or an implementation-specific negative error code',
      'Console Putchar: "This SBI call returns 0 upon success or an implementation specific negative error code"',
    ),
  ],
  handles: 'it writes the character to the debug console, blocking while earlier characters are still pending.',
  returnsOnSuccess: true,
  sources: [spec.legacy('Extension: Console Putchar (EID #0x01)'), sbiC('sbi_console_putchar()')],
  notes: [],
};

const legacySendIpi: Call = {
  id: 'sbi-legacy-send-ipi',
  name: 'sbi_send_ipi (legacy)',
  family: SBI_LEGACY_FAMILY,
  summary: 'Send an IPI to the harts in a bit-vector in memory (legacy EID 0x04, replaced by the IPI extension, which passes the mask in registers).',
  number: legacyEid(0x04n, 'SBI_EXT_0_1_SEND_IPI = 0x4'),
  args: [
    {
      name: 'hart_mask',
      meaning: 'address of an unsigned long bit-vector of target harts',
      example: 0xffffffff81c03f40n,
      sources: [
        spec.legacy('long sbi_send_ipi(const unsigned long *hart_mask): "hart_mask is a virtual address that points to a bit-vector of harts"'),
        sbiC('__sbi_send_ipi_v01(): sbi_ecall(SBI_EXT_0_1_SEND_IPI, 0, (unsigned long)(&hart_mask), 0, 0, 0, 0, 0)'),
      ],
    },
  ],
  results: [
    legacyResult(
      '0 on success or an implementation-specific negative error code',
      'Send IPI: "This SBI call returns 0 upon success or an implementation specific negative error code"',
    ),
  ],
  handles: 'it reads the bit-vector at hart_mask and raises a supervisor software interrupt on each hart named there.',
  returnsOnSuccess: true,
  sources: [spec.legacy('Extension: Send IPI (EID #0x04)'), sbiC('__sbi_send_ipi_v01()')],
  notes: [
    {
      kind: 'disagreement',
      text: 'The 2018 v0.1 text calls hart_mask a physical address (and NULL meaning every hart); the current specification calls it a virtual address. Linux passes the kernel virtual address of a local variable.',
      sources: [
        spec.md2018(
          '"hart_mask is a physical address that points to a bit-vector of harts … If hart_mask is NULL, an IPI is sent to every hart in the system"',
        ),
        spec.legacy('"hart_mask is a virtual address that points to a bit-vector of harts"'),
        sbiC('__sbi_send_ipi_v01(): (unsigned long)(&hart_mask)'),
      ],
    },
    {
      kind: 'info',
      text: 'If reading the bit-vector faults, the SBI implementation redirects the fault to the supervisor with sepc pointing at the ecall.',
      sources: [
        spec.legacy(
          '"The page and access faults taken by the SBI implementation while accessing memory on behalf of the supervisor are redirected back to the supervisor with sepc CSR pointing to the faulting ECALL instruction"',
        ),
      ],
    },
  ],
};

export const riscvLegacyCalls: readonly Call[] = [legacySetTimer, legacyPutchar, legacySendIpi];
