import type { ArgDef, Call, ResultDef } from '../../model/call';
import type { Note, Source } from '../../model/source';
import { linux } from '../docs';
import { asciiEid, eid } from './calls';
import { SBI_FAMILY } from './conventions';
import { errorSources, sbiError, type SbiErrorName } from './errors';
import { sbiSpec } from './sources';

/**
 * SBI extensions beyond the first ones: RFENCE, the Debug Console (DBCN),
 * the PMU's discovery calls, System Suspend (SUSP) and the rest of HSM.
 * The specification files are pinned to the commit that last changed each;
 * Linux's callers are cited on master (read in the 6.12 source).
 */

const AT = {
  rfence: '2b09fad403728d4d07b8754ddb59af9b7c8cddb2',
  dbcn: '9101c47861a70fd12af3a48a97ed82678ff91d84',
  pmu: '580f44f1effa590b0eeb39e888d085a3cf8e9b40',
  susp: '7bb328b77fafd341d1789db4f49028b6ace8df12',
  hsm: '8a545effe9b50484ff897d9815d7d9015cdef203',
};

const spec = {
  rfence: (where: string) => sbiSpec('src/ext-rfence.adoc', AT.rfence, where),
  dbcn: (where: string) => sbiSpec('src/ext-debug-console.adoc', AT.dbcn, where),
  pmu: (where: string) => sbiSpec('src/ext-pmu.adoc', AT.pmu, where),
  susp: (where: string) => sbiSpec('src/ext-sys-suspend.adoc', AT.susp, where),
  hsm: (where: string) => sbiSpec('src/ext-hsm.adoc', AT.hsm, where),
};

const sbiH = (where: string) => linux('arch/riscv/include/asm/sbi.h', where);
const sbiC = (where: string) => linux('arch/riscv/kernel/sbi.c', where);

const RFENCE = asciiEid('RFNC');
const DBCN = asciiEid('DBCN');
const PMU = asciiEid('PMU');
const SUSP = asciiEid('SUSP');
const HSM = asciiEid('HSM');

interface SbiFn {
  id: string;
  name: string;
  /** The EID as computed from its tag, and the value Linux's enum writes. */
  ext: { eid: bigint; stated: bigint; enumerator: string };
  fid: { value: bigint; enumerator: string; listing: Source };
  summary: string;
  args: ArgDef[];
  error: { name: SbiErrorName; meaning: string; sources: readonly Source[] };
  value?: Omit<ResultDef, 'name'>;
  handles: string;
  returnsOnSuccess?: boolean;
  sources: readonly Source[];
  notes?: Note[];
}

/** One SBI function: EID in a7 (the call number), FID in a6, sbiret.error in a0 and sbiret.value in a1. */
function sbiFn(f: SbiFn): Call {
  return {
    id: f.id,
    name: f.name,
    family: SBI_FAMILY,
    summary: f.summary,
    // The same pinned enum sbi_ext_id as the first calls cite (it holds every extension's id).
    number: eid(f.ext.eid, f.ext.stated, f.ext.enumerator),
    fixed: [
      {
        register: 'a6',
        name: 'function ID (FID)',
        meaning: 'which function of the extension to run',
        value: f.fid.value,
        sources: [f.fid.listing, sbiH(f.fid.enumerator)],
      },
    ],
    args: f.args,
    results: [
      { name: 'error', meaning: f.error.meaning, ...sbiError(f.error.name), sources: [...f.error.sources, errorSources.spec] },
      ...(f.value ? [{ name: 'value', ...f.value }] : []),
    ],
    handles: f.handles,
    returnsOnSuccess: f.returnsOnSuccess ?? true,
    sources: f.sources,
    notes: f.notes ?? [],
  };
}

const arg = (name: string, meaning: string, example: bigint, sources: readonly Source[]): ArgDef => ({ name, meaning, example, sources });

// ---------------------------------------------------------------- RFENCE

const rfenceExt = { eid: RFENCE, stated: 0x52464e43n, enumerator: 'SBI_EXT_RFENCE = 0x52464E43' };
const rfenceCall = sbiC('__sbi_rfence_v02_call(): sbi_ecall(ext, fid, hmask, hbase, start, size, arg4, 0)');
const hartMask = arg('hart_mask', 'bit n set = hart hart_mask_base + n', 0x6n, [
  spec.rfence('struct sbiret sbi_remote_fence_i(unsigned long hart_mask, unsigned long hart_mask_base)'),
  rfenceCall,
]);
const hartMaskBase = arg('hart_mask_base', 'the hartid bit 0 of hart_mask stands for', 0n, [rfenceCall]);
const vaStart = arg('start_addr', 'first virtual address of the range', 0x3f_f000_0000n, [
  spec.rfence('"covering the range of virtual addresses between `start_addr` and `start_addr + size`"'),
  rfenceCall,
]);
const vaSize = arg('size', 'size of the range in bytes', 0x1000n, [spec.rfence('"between `start_addr` and `start_addr + size`"'), rfenceCall]);
const rfenceError = (extra: string) => ({
  name: 'SBI_SUCCESS' as const,
  meaning: `sbiret.error: SBI_SUCCESS, SBI_ERR_INVALID_PARAM${extra} or SBI_ERR_FAILED`,
  sources: [spec.rfence('SBI_SUCCESS: "IPI was sent to all the targeted harts successfully."')],
});
const rfenceNote: Note = {
  kind: 'info',
  text: 'SBI_SUCCESS means the IPIs were sent to the target harts; Linux reaches these calls through sbi_remote_fence_i() and sbi_remote_sfence_vma_asid() (a v0.1 firmware gets the legacy extensions instead).',
  sources: [sbiC('sbi_remote_fence_i(), sbi_remote_sfence_vma_asid() → __sbi_rfence(); __sbi_rfence_v01() for SBI v0.1')],
};

const remoteFenceI = sbiFn({
  id: 'sbi-remote-fence-i',
  name: 'sbi_remote_fence_i',
  ext: rfenceExt,
  fid: {
    value: 0n,
    enumerator: 'SBI_EXT_RFENCE_REMOTE_FENCE_I = 0',
    listing: spec.rfence('Function Listing: sbi_remote_fence_i, SBI Version 0.2, FID 0, EID 0x52464E43'),
  },
  summary: 'Make other harts execute FENCE.I, so they see instructions this hart wrote (RFENCE extension, EID "RFNC", FID 0).',
  args: [hartMask, hartMaskBase],
  error: rfenceError(''),
  handles: 'it sends the target harts an IPI that makes each execute FENCE.I.',
  sources: [spec.rfence('Function: Remote FENCE.I (FID #0): "Instructs remote harts to execute `FENCE.I` instruction."'), rfenceCall],
  notes: [rfenceNote],
});

const remoteSfenceVma = sbiFn({
  id: 'sbi-remote-sfence-vma',
  name: 'sbi_remote_sfence_vma',
  ext: rfenceExt,
  fid: {
    value: 1n,
    enumerator: 'SBI_EXT_RFENCE_REMOTE_SFENCE_VMA',
    listing: spec.rfence('Function Listing: sbi_remote_sfence_vma, SBI Version 0.2, FID 1, EID 0x52464E43'),
  },
  summary: 'Make other harts execute SFENCE.VMA over a range of virtual addresses, for every address space (RFENCE, FID 1).',
  args: [hartMask, hartMaskBase, vaStart, vaSize],
  error: rfenceError(', SBI_ERR_INVALID_ADDRESS'),
  handles: 'it sends the target harts an IPI that makes each execute SFENCE.VMA over the range.',
  sources: [spec.rfence('Function: Remote SFENCE.VMA (FID #1): "Instructs the remote harts to execute one or more `SFENCE.VMA` instructions"'), rfenceCall],
  notes: [rfenceNote],
});

const remoteSfenceVmaAsid = sbiFn({
  id: 'sbi-remote-sfence-vma-asid',
  name: 'sbi_remote_sfence_vma_asid',
  ext: rfenceExt,
  fid: {
    value: 2n,
    enumerator: 'SBI_EXT_RFENCE_REMOTE_SFENCE_VMA_ASID',
    listing: spec.rfence('Function Listing: sbi_remote_sfence_vma_asid, SBI Version 0.2, FID 2, EID 0x52464E43'),
  },
  summary: 'Make other harts execute SFENCE.VMA over a range of virtual addresses of one ASID. Linux flushes remote TLBs this way (RFENCE, FID 2).',
  args: [
    hartMask,
    hartMaskBase,
    vaStart,
    vaSize,
    arg('asid', 'the address space ID to flush', 0x5n, [spec.rfence('"This covers only the given `ASID`."'), rfenceCall]),
  ],
  error: rfenceError(', SBI_ERR_INVALID_ADDRESS'),
  handles: 'it sends the target harts an IPI that makes each execute SFENCE.VMA over the range for that ASID.',
  sources: [spec.rfence('Function: Remote SFENCE.VMA with ASID (FID #2)'), rfenceCall],
  notes: [rfenceNote],
});

// ---------------------------------------------------------------- DBCN

const dbcnExt = { eid: DBCN, stated: 0x4442434en, enumerator: 'SBI_EXT_DBCN = 0x4442434E' };
const dbcnListing = (name: string, n: number) => spec.dbcn(`Function Listing: ${name}, SBI Version 2.0, FID ${n}, EID 0x4442434E`);
const dbcnBytes = (verb: string, where: string) => [
  arg('num_bytes', `number of bytes to ${verb}`, 0xdn, [
    spec.dbcn(where),
    sbiC('sbi_debug_console_write(), sbi_debug_console_read(): sbi_ecall(SBI_EXT_DBCN, …, num_bytes, base_addr, 0, 0, 0, 0) on 64-bit'),
  ]),
  arg('base_addr_lo', "low XLEN bits of the buffer's physical address", 0x8200_0000n, [
    spec.dbcn('"The `base_addr_lo` parameter specifies the lower XLEN bits"'),
    sbiC('sbi_debug_console_write(): base_addr = page_to_phys(vmalloc_to_page(bytes)) + offset_in_page(bytes) for a vmalloc buffer, else __pa(bytes)'),
  ]),
  arg('base_addr_hi', 'high XLEN bits of the physical address; 0 on RV64 (Linux passes 0)', 0n, [
    spec.dbcn('"the `base_addr_hi` parameter specifies the upper XLEN bits"'),
    sbiC('sbi_debug_console_write(): lower_32_bits(base_addr), upper_32_bits(base_addr) only if IS_ENABLED(CONFIG_32BIT)'),
  ]),
];
const dbcnCount = (what: string): Omit<ResultDef, 'name'> => ({
  meaning: `sbiret.uvalue: the number of bytes ${what}`,
  example: 0xdn,
  exampleMeaning: `13 bytes ${what} (an example)`,
  sources: [spec.dbcn(`"The number of bytes ${what} is returned in \`sbiret.uvalue\`"`)],
});

const consoleWrite = sbiFn({
  id: 'sbi-debug-console-write',
  name: 'sbi_debug_console_write',
  ext: dbcnExt,
  fid: { value: 0n, enumerator: 'SBI_EXT_DBCN_CONSOLE_WRITE = 0', listing: dbcnListing('sbi_debug_console_write', 0) },
  summary: 'Write a buffer to the firmware\'s debug console; it may write fewer bytes than asked (Debug Console extension, EID "DBCN", FID 0, SBI v2.0).',
  args: dbcnBytes('write', '"The `num_bytes` parameter specifies the number of bytes in the input memory."'),
  error: {
    name: 'SBI_SUCCESS',
    meaning: 'sbiret.error: SBI_SUCCESS, SBI_ERR_INVALID_PARAM, SBI_ERR_DENIED or SBI_ERR_FAILED',
    sources: [spec.dbcn('Table "Debug Console Write Errors"')],
  },
  value: dbcnCount('written'),
  handles: 'it copies up to num_bytes from the buffer to the console without blocking and says how many it took.',
  sources: [
    spec.dbcn('Function: Console Write (FID #0): "This is a non-blocking SBI call and it may do partial/no writes"'),
    sbiC('sbi_debug_console_write()'),
  ],
  notes: [
    {
      kind: 'info',
      text: 'The buffer is passed by physical address in two XLEN-wide halves, so a 32-bit kernel can name memory above 4 GiB; on RV64 Linux passes the whole address in base_addr_lo and 0 in base_addr_hi.',
      sources: [
        spec.dbcn('"The physical base address of the input memory is represented by two XLEN bits wide parameters."'),
        sbiC('sbi_debug_console_write(): if (IS_ENABLED(CONFIG_32BIT))'),
      ],
    },
  ],
});

const consoleRead = sbiFn({
  id: 'sbi-debug-console-read',
  name: 'sbi_debug_console_read',
  ext: dbcnExt,
  fid: { value: 1n, enumerator: 'SBI_EXT_DBCN_CONSOLE_READ = 1', listing: dbcnListing('sbi_debug_console_read', 1) },
  summary: "Read what is waiting on the firmware's debug console into a buffer, without blocking (DBCN, FID 1).",
  args: dbcnBytes('read at most', '"The `num_bytes` parameter specifies the maximum number of bytes which can be written into the output memory."'),
  error: {
    name: 'SBI_SUCCESS',
    meaning: 'sbiret.error: SBI_SUCCESS, SBI_ERR_INVALID_PARAM, SBI_ERR_DENIED or SBI_ERR_FAILED',
    sources: [spec.dbcn('Table "Debug Console Read Errors"')],
  },
  value: dbcnCount('read'),
  handles: 'it copies the bytes waiting on the console, at most num_bytes, into the buffer and says how many.',
  sources: [spec.dbcn('Function: Console Read (FID #1): "This is a non-blocking SBI call"'), sbiC('sbi_debug_console_read()')],
});

const consoleWriteByte = sbiFn({
  id: 'sbi-debug-console-write-byte',
  name: 'sbi_debug_console_write_byte',
  ext: dbcnExt,
  fid: { value: 2n, enumerator: 'SBI_EXT_DBCN_CONSOLE_WRITE_BYTE = 2', listing: dbcnListing('sbi_debug_console_write_byte', 2) },
  summary: "Write one byte to the firmware's debug console and wait until it is written (DBCN, FID 2): the successor of the legacy console_putchar.",
  args: [arg('byte', 'the byte to write, in bits 7:0', 0x41n, [spec.dbcn('struct sbiret sbi_debug_console_write_byte(uint8_t byte)')])],
  error: {
    name: 'SBI_SUCCESS',
    meaning: 'sbiret.error: SBI_SUCCESS, SBI_ERR_DENIED or SBI_ERR_FAILED',
    sources: [spec.dbcn('Table "Debug Console Write Byte Errors"')],
  },
  value: { meaning: 'sbiret.uvalue: always zero', example: 0n, exampleMeaning: 'zero', sources: [spec.dbcn('"The `sbiret.uvalue` is set to zero"')] },
  handles: 'it writes the byte to the console and returns only once it is written.',
  sources: [
    spec.dbcn(
      'Function: Console Write Byte (FID #2): "This is a blocking SBI call and it will only return after writing the specified byte to the debug console."',
    ),
    sbiH('SBI_EXT_DBCN_CONSOLE_WRITE_BYTE = 2'),
  ],
  notes: [
    {
      kind: 'info',
      text: 'DBCN replaces the legacy console putchar (EID 0x01) and getchar (EID 0x02) extensions. Linux as a guest writes with sbi_debug_console_write() and does not make this call; KVM answers it for its RISC-V guests.',
      sources: [
        spec.dbcn('"This extension replaces the legacy console putchar (EID #0x01) and console getchar (EID #0x02) extensions."'),
        sbiC('sbi_debug_console_write(), sbi_debug_console_read()'),
        linux('arch/riscv/kvm/vcpu_sbi_replace.c', 'kvm_sbi_ext_dbcn_handler(): case SBI_EXT_DBCN_CONSOLE_WRITE_BYTE'),
      ],
    },
  ],
});

// ---------------------------------------------------------------- PMU

const pmuExt = { eid: PMU, stated: 0x504d55n, enumerator: 'SBI_EXT_PMU = 0x504D55' };
const pmuInit = linux(
  'drivers/perf/riscv_pmu_sbi.c',
  'pmu_sbi_get_ctrinfo(): sbi_ecall(SBI_EXT_PMU, SBI_EXT_PMU_NUM_COUNTERS, 0, 0, 0, 0, 0, 0), then SBI_EXT_PMU_COUNTER_GET_INFO for each counter',
);

const pmuNumCounters = sbiFn({
  id: 'sbi-pmu-num-counters',
  name: 'sbi_pmu_num_counters',
  ext: pmuExt,
  fid: {
    value: 0n,
    enumerator: 'SBI_EXT_PMU_NUM_COUNTERS = 0',
    listing: spec.pmu('Function Listing: sbi_pmu_num_counters, SBI Version 0.3, FID 0, EID 0x504D55'),
  },
  summary: 'Ask how many performance counters, hardware and firmware, the SBI implementation offers (PMU extension, EID "PMU", FID 0).',
  args: [],
  error: { name: 'SBI_SUCCESS', meaning: 'sbiret.error: always SBI_SUCCESS', sources: [spec.pmu('"always returns `SBI_SUCCESS` in sbiret.error"')] },
  value: {
    meaning: 'sbiret.value: the number of counters',
    example: 0x13n,
    exampleMeaning: '19 counters (an example)',
    sources: [spec.pmu('"Returns the number of counters (both hardware and firmware) in `sbiret.value`"')],
  },
  handles: 'it returns how many logical counters there are.',
  sources: [spec.pmu('Function: Get number of counters (FID #0)'), pmuInit],
});

const pmuCounterGetInfo = sbiFn({
  id: 'sbi-pmu-counter-get-info',
  name: 'sbi_pmu_counter_get_info',
  ext: pmuExt,
  fid: {
    value: 1n,
    enumerator: 'SBI_EXT_PMU_COUNTER_GET_INFO',
    listing: spec.pmu('Function Listing: sbi_pmu_counter_get_info, SBI Version 0.3, FID 1, EID 0x504D55'),
  },
  summary: 'Ask what one counter is: its CSR number and width, or that it is a firmware counter (PMU, FID 1).',
  args: [arg('counter_idx', 'the logical counter to describe', 0x3n, [spec.pmu('struct sbiret sbi_pmu_counter_get_info(unsigned long counter_idx)'), pmuInit])],
  error: { name: 'SBI_SUCCESS', meaning: 'sbiret.error: SBI_SUCCESS or SBI_ERR_INVALID_PARAM', sources: [spec.pmu('Table "PMU Counter Get Info Errors"')] },
  value: {
    meaning: 'sbiret.value: counter_info, CSR number in bits 11:0, width - 1 in bits 17:12, type in bit XLEN-1 (1 = firmware)',
    example: 0x3f_c03n,
    exampleMeaning: 'CSR 0xC03, 64 bits wide (width field 63), a hardware counter (an example)',
    sources: [
      spec.pmu(
        '"counter_info[11:0] = CSR (12bit CSR number)", "counter_info[17:12] = Width (One less than number of bits in CSR)", "counter_info[XLEN-1] = Type (0 = hardware and 1 = firmware)"',
      ),
    ],
  },
  handles: 'it describes the counter: the CSR that reads it and its width, or that firmware keeps it.',
  sources: [spec.pmu('Function: Get details of a counter (FID #1)'), pmuInit],
});

// ---------------------------------------------------------------- SUSP

const suspCall = linux(
  'arch/riscv/kernel/suspend.c',
  'sbi_system_suspend(): sbi_ecall(SBI_EXT_SUSP, SBI_EXT_SUSP_SYSTEM_SUSPEND, sleep_type, resume_addr, opaque, 0, 0, 0)',
);

const systemSuspend = sbiFn({
  id: 'sbi-system-suspend',
  name: 'sbi_system_suspend',
  ext: { eid: SUSP, stated: 0x53555350n, enumerator: 'SBI_EXT_SUSP = 0x53555350' },
  fid: {
    value: 0n,
    enumerator: 'SBI_EXT_SUSP_SYSTEM_SUSPEND = 0',
    listing: spec.susp('Function Listing: sbi_system_suspend, SBI Version 2.0, FID 0, EID 0x53555350'),
  },
  summary:
    'Put the whole system to sleep (suspend to RAM); on wake-up the calling hart resumes at a given address (System Suspend extension, EID "SUSP", FID 0, SBI v2.0).',
  args: [
    arg('sleep_type', '32 bits: 0 suspend to RAM, 0x80000000 and up platform-specific', 0n, [
      spec.susp('Table "SUSP System Sleep Types": 0x00000000 Suspend to RAM'),
      suspCall,
    ]),
    arg('resume_addr', 'physical address where the hart resumes in S-mode with the MMU off', 0x8020_2000n, [
      spec.susp('"The `resume_addr` parameter points to a runtime-specified physical address"'),
      suspCall,
    ]),
    arg('opaque', 'XLEN-bit value the hart finds in a1 when it resumes', 0x8100_0000n, [
      spec.susp('"The `opaque` parameter is an XLEN-bit value which will be set in the `a1` register"'),
      suspCall,
    ]),
  ],
  error: {
    name: 'SBI_ERR_DENIED',
    meaning: 'sbiret.error, only on failure',
    sources: [spec.susp('"A return from a `sbi_system_suspend()` call implies an error"'), spec.susp('Table "SUSP System Suspend Errors"')],
  },
  handles:
    'it suspends the system; on wake-up the calling hart restarts at resume_addr in S-mode with a0 = hartid and a1 = opaque, so the call itself never returns on success.',
  returnsOnSuccess: false,
  sources: [spec.susp('Function: System Suspend (FID #0)'), suspCall],
  notes: [
    {
      kind: 'info',
      text: 'The other harts must already be STOPPED; on wake-up satp = 0, sstatus.SIE = 0, a0 = hartid, a1 = opaque and every other register is undefined.',
      sources: [
        spec.susp('"such as ensuring other harts are in the `STOPPED` state"'),
        spec.susp('Table "SUSP System Resume Register State": "All other registers remain in an undefined state."'),
      ],
    },
  ],
});

// ---------------------------------------------------------------- HSM

const hsmExt = { eid: HSM, stated: 0x48534dn, enumerator: 'SBI_EXT_HSM = 0x48534D' };
const cpuOps = (where: string) => linux('arch/riscv/kernel/cpu_ops_sbi.c', where);

const hartStop = sbiFn({
  id: 'sbi-hart-stop',
  name: 'sbi_hart_stop',
  ext: hsmExt,
  fid: { value: 1n, enumerator: 'SBI_EXT_HSM_HART_STOP', listing: spec.hsm('Function Listing: sbi_hart_stop, SBI Version 0.2, FID 1, EID 0x48534D') },
  summary: 'Stop the calling hart and hand it back to the SBI implementation: how Linux takes a CPU offline (HSM, FID 1).',
  args: [],
  error: {
    name: 'SBI_ERR_FAILED',
    meaning: 'sbiret.error, only on failure',
    sources: [spec.hsm('Table "HSM Hart Stop Errors": "Failed to stop execution of the current hart"')],
  },
  handles: 'it stops the calling hart; the call returns only if that fails.',
  returnsOnSuccess: false,
  sources: [
    spec.hsm('Function: Hart stop (FID #1): "This call is not expected to return under normal conditions."'),
    cpuOps('sbi_hsm_hart_stop(): sbi_ecall(SBI_EXT_HSM, SBI_EXT_HSM_HART_STOP, 0, 0, 0, 0, 0, 0)'),
  ],
  notes: [
    {
      kind: 'info',
      text: 'It must be called with supervisor-mode interrupts disabled.',
      sources: [spec.hsm('"The `sbi_hart_stop()` must be called with supervisor-mode interrupts disabled."')],
    },
  ],
});

const hartGetStatus = sbiFn({
  id: 'sbi-hart-get-status',
  name: 'sbi_hart_get_status',
  ext: hsmExt,
  fid: { value: 2n, enumerator: 'SBI_EXT_HSM_HART_STATUS', listing: spec.hsm('Function Listing: sbi_hart_get_status, SBI Version 0.2, FID 2, EID 0x48534D') },
  summary: 'Ask which HSM state a hart is in (started, stopped, pending, suspended); Linux waits for a dying CPU this way (HSM, FID 2).',
  args: [
    arg('hartid', 'the hart to ask about', 1n, [
      spec.hsm('"The `hartid` parameter specifies the target hart for which status is required."'),
      cpuOps('sbi_hsm_hart_get_status(hartid)'),
    ]),
  ],
  error: { name: 'SBI_SUCCESS', meaning: 'sbiret.error: SBI_SUCCESS or SBI_ERR_INVALID_PARAM', sources: [spec.hsm('Table "HSM Hart Get Status Errors"')] },
  value: {
    meaning: 'sbiret.value: the HSM state id, 0 STARTED, 1 STOPPED, 2 START_PENDING, 3 STOP_PENDING, 4 SUSPENDED, 5 SUSPEND_PENDING, 6 RESUME_PENDING',
    example: 1n,
    exampleMeaning: 'STOPPED (an example)',
    sources: [
      spec.hsm('Table "HSM Hart States": 0 STARTED, 1 STOPPED, 2 START_PENDING, 3 STOP_PENDING, 4 SUSPENDED, 5 SUSPEND_PENDING, 6 RESUME_PENDING'),
      sbiH('enum sbi_hsm_hart_state: SBI_HSM_STATE_STARTED = 0, …'),
    ],
  },
  handles: 'it returns the state the hart is in now, which may already have changed by the time the caller looks.',
  sources: [
    spec.hsm('Function: Hart get status (FID #2)'),
    cpuOps('sbi_hsm_hart_get_status(): sbi_ecall(SBI_EXT_HSM, SBI_EXT_HSM_HART_STATUS, hartid, 0, 0, 0, 0, 0)'),
  ],
  notes: [
    {
      kind: 'info',
      text: 'Harts change state concurrently, so the answer may be out of date when the caller reads it.',
      sources: [spec.hsm('"the return value from this function may not represent the actual state of the hart at the time of return value verification"')],
    },
  ],
});

export const riscvMoreCalls: readonly Call[] = [
  remoteFenceI,
  remoteSfenceVma,
  remoteSfenceVmaAsid,
  consoleWrite,
  consoleRead,
  consoleWriteByte,
  pmuNumCounters,
  pmuCounterGetInfo,
  systemSuspend,
  hartStop,
  hartGetStatus,
];
