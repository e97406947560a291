import type { BitLayout, FieldValues } from '../../model/bits';
import { encodeFields } from '../../model/bits';
import { linux } from '../docs';

const H = 'include/linux/arm-smccc.h';

function ownerNames(): Record<string, string> {
  const names: Record<string, string> = {
    '0': 'Arm Architecture',
    '1': 'CPU Service',
    '2': 'SiP Service',
    '3': 'OEM Service',
    '4': 'Standard Secure Service',
    '5': 'Standard Hypervisor Service',
    '6': 'Vendor Specific Hypervisor Service',
  };
  for (let i = 7; i <= 47; i++) names[String(i)] = 'reserved';
  for (let i = 48; i <= 49; i++) names[String(i)] = 'Trusted Application';
  for (let i = 50; i <= 63; i++) names[String(i)] = 'Trusted OS';
  return names;
}

/** The SMCCC function identifier, as Linux's ARM_SMCCC_CALL_VAL builds it. */
export const smcccFunctionId: BitLayout = {
  id: 'smccc-fid',
  name: 'SMCCC function ID',
  bits: 32,
  fields: [
    {
      key: 'type',
      name: 'call type',
      hi: 31,
      lo: 31,
      names: { '0': 'yielding (standard) call', '1': 'fast call' },
      sources: [linux(H, 'ARM_SMCCC_TYPE_SHIFT, ARM_SMCCC_FAST_CALL, ARM_SMCCC_STD_CALL')],
    },
    {
      key: 'cc',
      name: 'calling convention',
      hi: 30,
      lo: 30,
      names: { '0': 'SMC32/HVC32', '1': 'SMC64/HVC64' },
      sources: [linux(H, 'ARM_SMCCC_CALL_CONV_SHIFT, ARM_SMCCC_SMC_32, ARM_SMCCC_SMC_64')],
    },
    {
      key: 'owner',
      name: 'owning entity',
      hi: 29,
      lo: 24,
      names: ownerNames(),
      sources: [linux(H, 'ARM_SMCCC_OWNER_MASK, ARM_SMCCC_OWNER_SHIFT, ARM_SMCCC_OWNER_*')],
    },
    {
      key: 'zero',
      name: 'must be zero',
      hi: 23,
      lo: 17,
      mustBe: 0n,
      sources: [linux(H, 'ARM_SMCCC_CALL_VAL (bits 23:16 not set)')],
    },
    {
      key: 'sve',
      name: 'SVE hint (SMCCC 1.3)',
      hi: 16,
      lo: 16,
      names: { '0': 'no hint', '1': 'no live SVE state' },
      sources: [linux(H, 'ARM_SMCCC_1_3_SVE_HINT')],
    },
    {
      key: 'number',
      name: 'function number',
      hi: 15,
      lo: 0,
      sources: [linux(H, 'ARM_SMCCC_FUNC_MASK')],
    },
  ],
  sources: [linux(H, 'ARM_SMCCC_CALL_VAL')],
};

/** ARM_SMCCC_CALL_VAL(type, calling_convention, owner, func_num). */
export function callVal(type: 0 | 1, cc: 0 | 1, owner: number, number: number): { value: bigint; fields: FieldValues } {
  const fields = { type: BigInt(type), cc: BigInt(cc), owner: BigInt(owner), number: BigInt(number) };
  return { value: encodeFields(smcccFunctionId, fields), fields };
}
