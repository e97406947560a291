import type { Plan } from '../../model/plan';
import { argOn, hex, regIndex, resultsNote, slotNote, type CArg, type LinuxCall } from '../linux';

type SmcccHelper = '1.0' | '1.1' | '1.2';

/**
 * arm_smccc_hvc / arm_smccc_1_1_hvc / arm_smccc_1_2_hvc (or _smc) with the
 * plan's registers (include/linux/arm-smccc.h, arch/arm64/kernel/smccc-call.S);
 * Hyper-V and Gunyah make their SMCCC calls through the same helpers.
 */
export function smcccCall(plan: Plan, version: SmcccHelper, conduit: 'hvc' | 'smc', note?: string, include = '<linux/arm-smccc.h>'): LinuxCall {
  const after = resultsNote(plan, (cell) => `res.a${regIndex(cell)}`);
  if (version === '1.2') {
    const sorted = [...plan.inputs].sort((a, b) => regIndex(a.cell) - regIndex(b.cell));
    return {
      include,
      struct: {
        declaration: 'struct arm_smccc_1_2_regs args',
        fields: sorted.map((s) => ({ expr: `.a${regIndex(s.cell)} = ${hex(s.value)},`, note: slotNote(s) })),
      },
      declarations: ['struct arm_smccc_1_2_regs res;'],
      fn: `arm_smccc_1_2_${conduit}`,
      args: [{ expr: '&args' }, { expr: '&res' }],
      after,
      note,
    };
  }
  const prefix = plan.convention.arch.id === 'aarch32' ? 'r' : 'x';
  const n = version === '1.0' ? 8 : Math.max(0, ...plan.inputs.map((s) => regIndex(s.cell))) + 1;
  const args: CArg[] = Array.from({ length: n }, (_, i) => argOn(plan, `${prefix}${i}`, version === '1.0' ? 'unused, 0' : 'unused'));
  return {
    include,
    declarations: ['struct arm_smccc_res res;'],
    fn: version === '1.0' ? `arm_smccc_${conduit}` : `arm_smccc_1_1_${conduit}`,
    args: [...args, { expr: '&res' }],
    after,
    note,
  };
}

/** SMCCC's own calls: the helper of the convention's era. */
export function smcccLinux(plan: Plan): LinuxCall | undefined {
  const conv = plan.convention;
  const conduit = conv.instruction.mnemonic === 'smc' ? 'smc' : 'hvc';
  const a32 = conv.arch.id === 'aarch32';
  if (conv.era === '1.0') {
    return smcccCall(
      plan,
      '1.0',
      conduit,
      `arm_smccc_${conduit}() calls the out-of-line __arm_smccc_${conduit} (smccc-call.S): a function call, so the compiler already ` +
        'treats x4-x17 (r0-r3, ip on Arm) as clobbered, which SMCCC 1.0 allows. arm_smccc_1_1_* would assume they survive.',
    );
  }
  if (conv.era === '1.1') {
    return smcccCall(
      plan,
      '1.1',
      conduit,
      `arm_smccc_1_1_${conduit}() is inline asm in <linux/arm-smccc.h>; Linux usually reaches it through arm_smccc_1_1_invoke(), which picks hvc or smc from the PSCI conduit.`,
    );
  }
  if (!a32) {
    return smcccCall(plan, '1.2', conduit, `arm_smccc_1_2_${conduit}() (arch/arm64/kernel/smccc-call.S) loads x0-x17 from args and stores x0-x17 to res.`);
  }
  if (plan.outputs.some((o) => regIndex(o.cell) > 3)) return undefined;
  return smcccCall(
    plan,
    '1.1',
    conduit,
    `Linux has arm_smccc_1_2_${conduit}() on arm64 only; on 32-bit Arm arm_smccc_1_1_${conduit}() makes the same call when, as here, the results fit in r0-r3.`,
  );
}
