import type { Plan } from '../../model/plan';
import { callNumberArg, hex, slotNote, valueOn, type CArg, type LinuxCall } from '../linux';
import { smcccCall } from '../smccc/linux';

const FAST = 1n << 16n;
const include = '<asm/mshyperv.h>';

/**
 * Hyper-V as Linux calls it (arch/x86/include/asm/mshyperv.h,
 * arch/arm64/hyperv/hv_core.c): hv_do_hypercall with memory pages, the
 * hv_do_fast_hypercall* wrappers, and SMCCC helpers for the VP registers on
 * arm64. Linux never implemented the 2019 hvc #1 ABI, nor an XMM fast call.
 */
export function hypervLinux(plan: Plan): LinuxCall | undefined {
  const conv = plan.convention;
  const call = plan.call;
  if (conv.family === 'hyperv-arm64-2019') return undefined;
  const a64 = conv.family === 'hyperv-arm64';
  const x86 = conv.arch.id === 'x86';
  const control = x86 ? (valueOn(plan, 'edx') << 32n) | valueOn(plan, 'eax') : plan.callNumber;
  const vpreg = call.id.endsWith('vp-registers');
  if (a64 && vpreg && call.id.includes('get')) {
    return smcccCall(
      plan,
      '1.2',
      'hvc',
      'As hv_get_vpreg_128() in arch/arm64/hyperv/hv_core.c: "Use the SMCCC 1.2 interface because the results are in registers beyond X0-X3." It returns res.a6 and res.a7 as the 128-bit value.',
      include,
    );
  }
  if (a64 && vpreg) return smcccCall(plan, '1.1', 'hvc', 'As hv_set_vpreg() in arch/arm64/hyperv/hv_core.c makes it.', include);
  if (plan.inputs.some((s) => s.cell.startsWith('xmm'))) return undefined;
  const name = callNumberArg(plan).note;
  if ((control & FAST) === 0n) {
    const argRegs = a64 ? ['x2', 'x3'] : ['rdx', 'r8'];
    const inputAddr = x86 ? (valueOn(plan, 'ebx') << 32n) | valueOn(plan, 'ecx') : valueOn(plan, argRegs[0]!);
    const outputAddr = x86 ? (valueOn(plan, 'edi') << 32n) | valueOn(plan, 'esi') : valueOn(plan, argRegs[1]!);
    const output = { expr: outputAddr === 0n ? 'NULL' : 'output', note: outputAddr === 0n ? 'no output page' : `virt_to_phys(output) = ${hex(outputAddr)}` };
    const repCount = (control >> 32n) & 0xfffn;
    const varHead = (control >> 17n) & 0x3ffn;
    if (repCount !== 0n || varHead !== 0n) {
      return {
        include,
        assign: 'u64 status = ',
        fn: 'hv_do_rep_hypercall',
        args: [
          { expr: hex(control & 0xffffn), note: `code: ${name}` },
          { expr: String(repCount), note: 'rep_count: list elements' },
          { expr: String(varHead), note: 'varhead_size: variable header QWORDs' },
          { expr: 'input', note: `virt_to_phys(input) = ${hex(inputAddr)}` },
          output,
        ],
        after: 'status & HV_HYPERCALL_RESULT_MASK is the HV_STATUS; bits 43:32 count the reps completed.',
        note:
          'hv_do_rep_hypercall() (include/asm-generic/mshyperv.h) builds control = code | varhead_size << 17 | rep_count << 32 and calls hv_do_hypercall() again, ' +
          'with the rep start index set to the reps completed, until every rep is done.',
      };
    }
    return {
      include,
      assign: 'u64 status = ',
      fn: 'hv_do_hypercall',
      args: [{ expr: hex(control), note: `control: ${name}` }, { expr: 'input', note: `virt_to_phys(input) = ${hex(inputAddr)}` }, output],
      after: 'status & HV_HYPERCALL_RESULT_MASK is the HV_STATUS (HV_STATUS_SUCCESS = 0).',
      note: 'hv_do_hypercall(control, input, output) passes the physical addresses of the input and output pages.',
    };
  }
  const code = control & 0xffffn;
  const args = plan.inputs.filter((s) => s.kind === 'argument');
  const fn = args.length > 1 ? 'hv_do_fast_hypercall16' : 'hv_do_fast_hypercall8';
  const callArgs: CArg[] = [{ expr: hex(code), note: `code: ${name}` }, ...args.map((s) => ({ expr: hex(s.value), note: slotNote(s) }))];
  let note = `${fn}(code, ...) sets control = code | HV_HYPERCALL_FAST_BIT (bit 16).`;
  if (control !== (code | FAST)) note += ` The control word shown, ${hex(control)}, has other bits set, which ${fn} cannot pass.`;
  if (conv.id === 'hyperv-x64-xmm-fast') note += ' Linux has no XMM fast wrapper; this call uses no XMM register, so it is the plain fast call.';
  return { include, assign: 'u64 status = ', fn, args: callArgs, note };
}
