import type { Call, ResultDef } from '../../model/call';
import { linux } from '../docs';
import { callVal } from './function-id';

/**
 * The SMCCC call of the default view, PSCI CPU_ON, in the first load with
 * the SMCCC conventions, and the PSCI helpers the other SMCCC calls
 * (more-calls.ts, loaded with any SMCCC convention) share.
 */

const PSCI_H = 'include/uapi/linux/psci.h';
const PSCI_C = 'drivers/firmware/psci/psci.c';

export type Width = 32 | 64;
export const cc = (w: Width) => (w === 64 ? 'SMC64' : 'SMC32');
export const asSlot = (w: Width, v: number | bigint) => BigInt.asUintN(w, BigInt(v));

// ---------------------------------------------------------------- PSCI

const FN = 0x84000000n;
const PSCI_64BIT = 0x40000000n;

/**
 * PSCI_0_2_FN(n) or PSCI_0_2_FN64(n). psci.h writes PSCI_0_2_FN_BASE 0x84000000
 * and PSCI_0_2_64BIT 0x40000000 as literals and adds n, so the stated value is
 * the literal base plus n.
 */
export function psci(n: number, w: Width, macro: string): Call['number'] {
  const { value, fields } = callVal(1, w === 64 ? 1 : 0, 4, n);
  const base = w === 64 ? FN + PSCI_64BIT : FN;
  const where =
    w === 64
      ? `${macro} = PSCI_0_2_FN64(${n}): PSCI_0_2_FN_BASE 0x84000000 + PSCI_0_2_64BIT 0x40000000 + ${n}`
      : `${macro} = PSCI_0_2_FN(${n}): PSCI_0_2_FN_BASE 0x84000000 + ${n}`;
  return { value, fields, stated: { value: base + BigInt(n), how: 'literal', source: linux(PSCI_H, where) } };
}

const psciRetSrc = linux(PSCI_H, 'PSCI_RET_SUCCESS 0, NOT_SUPPORTED -1, INVALID_PARAMS -2, DENIED -3 … INVALID_ADDRESS -9');
export const psciStatus = (w: Width, v: number, name: string, meaning = 'PSCI return code'): ResultDef => ({
  name: 'status',
  meaning,
  example: asSlot(w, v),
  exampleMeaning: `PSCI_RET_${name}`,
  sources: [psciRetSrc],
});

function cpuOn(bits: Width): Call {
  const macro = bits === 64 ? 'PSCI_0_2_FN64_CPU_ON' : 'PSCI_0_2_FN_CPU_ON';
  return {
    id: `psci-cpu-on-${bits}`,
    name: `PSCI CPU_ON (${cc(bits)})`,
    family: 'smccc',
    summary: 'Power up a CPU and start it at an entry point. Linux uses the 64-bit form on arm64 (PSCI_FN_NATIVE).',
    number: psci(3, bits, macro),
    args: [
      {
        name: 'target_cpu',
        meaning: 'the CPU to start, by its MPIDR affinity fields',
        example: 0x1n,
        sources: [linux(PSCI_C, '__psci_cpu_on(cpuid, entry_point)')],
      },
      {
        name: 'entry_point_address',
        meaning: 'physical address it starts executing at',
        example: asSlot(bits, 0x80080000n),
        sources: [linux(PSCI_C, '__psci_cpu_on(cpuid, entry_point)')],
      },
      {
        name: 'context_id',
        meaning: 'value the new CPU finds in x0 (Linux passes 0)',
        example: 0n,
        sources: [linux(PSCI_C, '__psci_cpu_on: invoke_psci_fn(fn, cpuid, entry_point, 0)')],
      },
    ],
    results: [psciStatus(bits, 0, 'SUCCESS')],
    handles: 'it powers on the target CPU, which starts at the entry point with context_id in x0.',
    returnsOnSuccess: true,
    sources: [linux(PSCI_H, macro), linux(PSCI_C, 'PSCI_FN_NATIVE(0_2, CPU_ON)')],
    notes: [],
  };
}

export const smcccCalls: readonly Call[] = [cpuOn(32), cpuOn(64)];
