import type { Plan } from '../../model/plan';
import { argOn, hex, inputOn, resultsNote, type CArg, type LinuxCall } from '../linux';

/** sbi_ecall(ext, fid, arg0..arg5) from arch/riscv/kernel/sbi.c, for the current and the legacy (v0.1) extensions. */
export function riscvLinux(plan: Plan): LinuxCall {
  const ext = argOn(plan, 'a7');
  const legacy = plan.convention.family === 'riscv-sbi-legacy';
  const fid = legacy ? { expr: '0', note: 'fid: not read by legacy calls' } : argOn(plan, 'a6');
  const args: CArg[] = [{ expr: ext.expr, note: `ext: ${plan.call.name}` }, fid];
  for (let i = 0; i < 6; i++) {
    const s = inputOn(plan, `a${i}`);
    args.push(s ? { expr: hex(s.value), note: s.name } : { expr: '0' });
  }
  return {
    include: '<asm/sbi.h>',
    assign: 'struct sbiret ret = ',
    fn: 'sbi_ecall',
    args,
    after: resultsNote(plan, (_, register) => `ret.${register === 'a0' ? 'error' : 'value'} (${register})`),
    note: legacy
      ? 'Linux makes the v0.1 calls with sbi_ecall(SBI_EXT_0_1_..., 0, arg0, ...), which also loads a6 = 0 and a1-a5; a legacy SBI reads only a7 and a0-a3.'
      : 'sbi_ecall(ext, fid, arg0..arg5) in arch/riscv/kernel/sbi.c loads a7 = ext, a6 = fid and a0-a5, and returns a0 (error) and a1 (value).',
  };
}
