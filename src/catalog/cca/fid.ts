import type { CallNumber } from '../../model/call';
import type { Source } from '../../model/source';
import { callVal } from '../smccc/function-id';

const hex = (v: bigint) => `0x${v.toString(16).toUpperCase()}`;
/** ARM_SMCCC_CALL_VAL(FAST, SMC_64, OWNER_STANDARD, 0): where every RSI and RMI ID starts. */
const STD_FAST_SMC64 = 0xc4000000n;

/**
 * An RSI or RMI function ID: built from its SMCCC fields and checked against
 * the value a source states, either written out ("FID: 0xC4000190" in TF-RMM)
 * or only as a macro of a function number, expanded by hand.
 */
export function ccaFid(n: number, stated: { literal: bigint; source: Source } | { macro: string; source: (where: string) => Source }): CallNumber {
  const built = callVal(1, 1, 4, n);
  if ('literal' in stated) return { ...built, stated: { value: stated.literal, how: 'literal', source: stated.source } };
  return {
    ...built,
    stated: {
      value: STD_FAST_SMC64 + BigInt(n),
      how: 'expanded',
      source: stated.source(
        `${stated.macro} = ARM_SMCCC_CALL_VAL(FAST, SMC_64, OWNER_STANDARD 4, ${hex(BigInt(n))}) = ${hex(STD_FAST_SMC64 + BigInt(n))}, expanded by hand`,
      ),
    },
  };
}
