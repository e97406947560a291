import type { BitLayout } from '../../model/bits';
import { encodeFields } from '../../model/bits';
import { linux } from '../docs';
import { smcccFunctionId } from '../smccc/function-id';
import { apiDoc, linuxHeader, linuxHypercall, smcccTc, v1Sysfs, v2Abi } from './sources';

const ARM_SMCCC_H = 'include/linux/arm-smccc.h';

/** Call classes of a vendor-hypervisor function number, as the hypervisor names them. */
export const GUNYAH_CALL_CLASS = { PLATFORM_CALL: 0n, HYPERCALL: 2n, SERVICE: 3n } as const;

/**
 * The SMCCC function ID as Gunyah reads it: the SMCCC fields, with the
 * 16-bit function number of the Vendor Specific Hypervisor owner split into
 * a call class (bits 15:14) and a function (bits 13:0).
 */
export const gunyahFunctionId: BitLayout = {
  id: 'gunyah-fid',
  name: 'Gunyah SMCCC function ID',
  bits: 32,
  fields: [
    {
      key: 'type',
      name: 'call type',
      hi: 31,
      lo: 31,
      names: { '0': 'yielding (standard) call', '1': 'fast call' },
      sources: [smcccTc('smccc_function_id: 31 is_fast'), linux(ARM_SMCCC_H, 'ARM_SMCCC_TYPE_SHIFT, ARM_SMCCC_FAST_CALL')],
    },
    {
      key: 'cc',
      name: 'calling convention',
      hi: 30,
      lo: 30,
      names: { '0': 'SMC32/HVC32', '1': 'SMC64/HVC64' },
      sources: [smcccTc('smccc_function_id: 30 is_smc64'), linux(ARM_SMCCC_H, 'ARM_SMCCC_CALL_CONV_SHIFT, ARM_SMCCC_SMC_64')],
    },
    {
      key: 'owner',
      name: 'owning entity',
      hi: 29,
      lo: 24,
      names: smcccFunctionId.fields.find((f) => f.key === 'owner')!.names!,
      sources: [smcccTc('smccc_function_id: 29:24 owner_id; smccc_owner_id VENDOR_HYP = 6'), linux(ARM_SMCCC_H, 'ARM_SMCCC_OWNER_VENDOR_HYP 6')],
    },
    {
      key: 'zero',
      name: 'reserved, zero',
      hi: 23,
      lo: 17,
      mustBe: 0n,
      sources: [smcccTc('smccc_function_id: 23:17 res0')],
    },
    {
      key: 'sve',
      name: 'SVE live-state hint (SMCCC 1.3)',
      hi: 16,
      lo: 16,
      names: { '0': 'no hint', '1': 'no live SVE state' },
      sources: [smcccTc('smccc_function_id: 16 sve_live_state_hint "from SMCCC v1.3+"'), linux(ARM_SMCCC_H, 'ARM_SMCCC_1_3_SVE_HINT')],
    },
    {
      key: 'class',
      name: 'call class',
      hi: 15,
      lo: 14,
      names: { '0': 'PLATFORM_CALL', '2': 'HYPERCALL', '3': 'SERVICE' },
      sources: [
        smcccTc('smccc_vendor_hyp_function_id: 15:14 call_class; smccc_vendor_hyp_function_class PLATFORM_CALL = 0b00, HYPERCALL = 0b10, SERVICE = 0b11'),
        v2Abi('GH_CALL_TYPE_PLATFORM_CALL 0, GH_CALL_TYPE_HYPERCALL 2, GH_CALL_TYPE_SERVICE 3, GH_CALL_TYPE_SHIFT 14'),
      ],
    },
    {
      key: 'function',
      name: 'function (hypercall number)',
      hi: 13,
      lo: 0,
      sources: [smcccTc('smccc_vendor_hyp_function_id: 13:0 function'), v2Abi('GH_CALL_FUNCTION_NUM_MASK 0x3fff')],
    },
  ],
  sources: [
    smcccTc('smccc_function_id, smccc_vendor_hyp_function_id'),
    linuxHypercall('GUNYAH_HYPERCALL(fn) = ARM_SMCCC_CALL_VAL(ARM_SMCCC_FAST_CALL, ARM_SMCCC_SMC_64, ARM_SMCCC_OWNER_VENDOR_HYP, fn)'),
  ],
};

/** FAST, SMC64, Vendor Specific Hypervisor Service, call class HYPERCALL, function n. */
export function gunyahHypercallId(fn: number): bigint {
  return encodeFields(gunyahFunctionId, { type: 1n, cc: 1n, owner: 6n, class: GUNYAH_CALL_CLASS.HYPERCALL, function: BigInt(fn) });
}

/** x0 of hypervisor_identify: the API version, byte order, width and variant. */
export const hypApiInfo: BitLayout = {
  id: 'gunyah-hyp-api-info',
  name: 'Gunyah Hyp API Info',
  bits: 64,
  fields: [
    {
      key: 'variant',
      name: 'hypervisor variant',
      hi: 63,
      lo: 56,
      names: { '0': 'Unknown', '72': 'Haven (0x48)' },
      sources: [
        apiDoc('Hyp API Info: 63:56 "Hypervisor variant.", "Unknown = 0x0", "Haven = 0x48"'),
        linuxHeader('GUNYAH_API_INFO_VARIANT_MASK GENMASK_ULL(63, 56)'),
      ],
    },
    {
      key: 'reserved',
      name: 'reserved',
      hi: 55,
      lo: 16,
      mustBe: 0n,
      sources: [apiDoc('Hyp API Info: 55:16 Reserved'), linuxHeader('"Other bits reserved for future use and will be zero"')],
    },
    {
      key: 'is64bit',
      name: '64-bit API',
      hi: 15,
      lo: 15,
      names: { '0': '32-bit', '1': '64-bit' },
      sources: [apiDoc('Hyp API Info: 15 "If set to 1, the API is 64-bit, otherwise 32-bit"'), linuxHeader('GUNYAH_API_INFO_IS_64BIT BIT_ULL(15)')],
    },
    {
      key: 'bigEndian',
      name: 'big-endian API',
      hi: 14,
      lo: 14,
      names: { '0': 'little endian', '1': 'big endian' },
      sources: [apiDoc('Hyp API Info: 14 "0 = API is Little Endian.", "1 = API is Big Endian."'), linuxHeader('GUNYAH_API_INFO_BIG_ENDIAN BIT_ULL(14)')],
    },
    {
      key: 'version',
      name: 'API version',
      hi: 13,
      lo: 0,
      sources: [
        apiDoc('Hyp API Info: 13:0 API Version = "1" (mask written as 0x00001FFF)'),
        linuxHeader('GUNYAH_API_INFO_API_VERSION_MASK GENMASK_ULL(13, 0); GUNYAH_API_V1 1'),
        v1Sysfs('GH_API_INFO_API_VERSION(x) (((x) >> 0) & 0x3fff)'),
      ],
    },
  ],
  sources: [apiDoc('hypervisor_identify, Hyp API Info'), linuxHeader('GUNYAH_API_INFO_*')],
};
