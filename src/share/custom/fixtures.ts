/**
 * Hand-written definitions for the tests: as a person would type them, not
 * produced by copyOfBuiltIn, so the format itself is exercised.
 */

const range = (p: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${p}${from + i}`);

/** SMCCC 1.1 HVC64 as a user would describe it, with PSCI CPU_ON (64). */
export const smcccHvc64 = () => ({
  trapscope: 'custom-convention',
  version: 1,
  convention: {
    id: 'my-smccc-hvc64',
    name: 'My SMCCC 1.1 HVC64',
    arch: 'aarch64',
    instruction: 'hvc',
    imm: 0,
    selector: 'x0',
    selectorName: 'function ID',
    slotBits: 64,
    args: range('x', 1, 7),
    results: range('x', 0, 3),
    clobbered: [],
    preserved: [...range('x', 4, 30), 'sp'],
    usesSmcccFunctionId: true,
    handler: 'the hypervisor',
  },
  calls: [
    {
      id: 'cpu-on',
      name: 'PSCI CPU_ON (64)',
      number: '0xC4000003',
      args: [
        { name: 'target_cpu', meaning: 'MPIDR of the CPU to power up', example: '0x1' },
        { name: 'entry_point_address', meaning: 'physical address where the CPU starts', example: '0x80080000' },
        { name: 'context_id', meaning: 'value the CPU finds in x0 when it starts', example: '0x0' },
      ],
      results: [{ name: 'return', meaning: 'PSCI return code', example: '0x0', exampleMeaning: 'SUCCESS' }],
    },
  ],
});

/** Like Gunyah's 2022 ABI: the HVC immediate selects the call, no selector register. */
export const gunyahLike = () => ({
  trapscope: 'custom-convention',
  version: 1,
  convention: {
    id: 'gunyah-like',
    name: 'Gunyah-like immediate ABI',
    arch: 'aarch64',
    instruction: 'hvc',
    imm: 'call',
    selector: null,
    selectorName: 'call number (HVC immediate)',
    slotBits: 64,
    args: range('x', 0, 7),
    results: range('x', 0, 7),
    clobbered: range('x', 8, 17),
    preserved: [...range('x', 18, 30), 'sp'],
    usesSmcccFunctionId: false,
  },
  calls: [
    {
      id: 'hypervisor-identify',
      name: 'hypervisor_identify',
      number: '0x6000',
      args: [],
      results: [
        { name: 'api_info', meaning: 'API version and flags', example: '0x4800000000008001' },
        { name: 'api_flags_0', meaning: 'supported API groups', example: '0x66' },
      ],
    },
    {
      id: 'doorbell-send',
      name: 'doorbell_send',
      number: 24594, // 0x6012, as a JSON number
      args: [
        { name: 'capid', meaning: 'doorbell capability', example: '0x10' },
        { name: 'new_flags', meaning: 'flags to set', example: '0x1' },
      ],
      results: [
        { name: 'error', meaning: 'Gunyah error code', example: '0x0', exampleMeaning: 'OK' },
        { name: 'old_flags', meaning: 'flags before the call', example: '0x0' },
      ],
    },
  ],
});

/**
 * Like SEV-ES's GHCB protocols: no general-purpose register carries anything.
 * The request and response go in an MSR cell as bit-fields; a page exit puts
 * the GHCB page's address in the MSR and its fields in memory.
 */
export const ghcbLike = () => ({
  trapscope: 'custom-convention',
  version: 1,
  convention: {
    id: 'my-ghcb',
    name: 'My GHCB protocol',
    arch: 'x86-64',
    instruction: 'vmgexit',
    imm: 0,
    selector: null,
    selectorName: 'GHCBInfo',
    selectedBy: 'GHCBInfo (bits 11:0 of the GHCB MSR)',
    msrs: [{ register: 'ghcb_msr', index: '0xC0010130', name: 'MSR_AMD64_SEV_ES_GHCB' }],
    slotBits: 64,
    args: ['ghcb_msr'],
    results: ['ghcb_msr'],
    clobbered: [],
    preserved: ['rax', 'rbx', 'rcx', 'rdx'],
    usesSmcccFunctionId: false,
  },
  calls: [
    {
      id: 'cpuid',
      name: 'CPUID request',
      number: '0x004',
      args: [
        {
          name: 'request',
          meaning: 'function and register wanted',
          example: '0x8000001F40000004',
          layout: {
            name: 'CPUID request',
            fields: [
              { key: 'fn', name: 'CPUID function', hi: 63, lo: 32 },
              { key: 'reg', name: 'register wanted', hi: 31, lo: 30, names: { '1': 'EBX' } },
              { key: 'info', name: 'GHCBInfo', hi: 11, lo: 0, names: { '4': 'CPUID_REQ', '5': 'CPUID_RESP' } },
            ],
          },
        },
      ],
      results: [
        {
          name: 'response',
          meaning: 'the register value',
          example: '0x3300000005',
          exampleMeaning: 'EBX = 51',
          layout: {
            name: 'CPUID response',
            fields: [
              { key: 'value', name: 'value', hi: 63, lo: 32 },
              { key: 'info', name: 'GHCBInfo', hi: 11, lo: 0 },
            ],
          },
        },
      ],
    },
    {
      id: 'page-cpuid',
      name: 'CPUID through the page',
      number: 114, // 0x72, as a JSON number
      args: [
        {
          name: 'GHCB GPA',
          meaning: 'address of the GHCB page',
          example: '0x7f123000',
          layout: {
            name: 'GHCB GPA',
            fields: [
              { key: 'gfn', name: 'frame number', hi: 63, lo: 12 },
              { key: 'info', name: 'GHCBInfo', hi: 11, lo: 0, mustBe: 0 },
            ],
          },
        },
      ],
      results: [],
      memory: [
        {
          name: 'GHCB page',
          register: 'ghcb_msr',
          size: 4096,
          direction: 'inout',
          fields: [
            { name: 'rax', offset: '0x1f8', bytes: 8, direction: 'inout', meaning: 'in: function; out: EAX', example: '0x8000001f', result: '0x0' },
            { name: 'rbx', offset: 792, bytes: 8, direction: 'out', meaning: 'out: EBX', result: '0x33', resultMeaning: 'C-bit 51' },
            { name: 'sw_exit_code', offset: 912, bytes: 8, direction: 'in', meaning: 'the exit', example: '0x72', selects: true },
            { name: 'valid_bitmap', offset: 1008, bytes: 16, direction: 'in', meaning: 'fields set', example: '0x1c0000000000000000000000000000' },
          ],
        },
      ],
    },
  ],
});
