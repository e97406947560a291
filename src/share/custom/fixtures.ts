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
