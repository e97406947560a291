import type { Plan } from '../../model/plan';
import { memoryKey } from '../../model/memory';
import { hex, type LinuxCall } from '../linux';

/** Fields Linux sets through ghcb_set_<field>() before sev_es_ghcb_hv_call(), which itself fills the exit code and the two exit words. */
const SET_BY_HV_CALL = new Set(['sw_exit_code', 'sw_exit_info_1', 'sw_exit_info_2', 'valid_bitmap', 'protocol_version', 'ghcb_usage']);

/**
 * The guest's side in arch/x86/coco/sev: the MSR protocol is
 * sev_es_wr_ghcb_msr(request); VMGEXIT(); sev_es_rd_ghcb_msr(); a GHCB-page
 * exit sets the fields it needs and calls sev_es_ghcb_hv_call(), which writes
 * the page's GPA to the MSR and executes VMGEXIT().
 */
export function sevLinux(plan: Plan): LinuxCall {
  const where = 'sev_es_wr_ghcb_msr() and sev_es_rd_ghcb_msr() are in arch/x86/coco/sev/internal.h, VMGEXIT() in asm/sev.h';
  const page = plan.memory[0];
  if (!page) {
    const request = plan.inputs[0]!;
    return {
      include: '<asm/sev.h>',
      declarations: [`sev_es_wr_ghcb_msr(${hex(request.value)}); /* ${plan.call.name}: ${request.name} */`],
      fn: 'VMGEXIT',
      args: [],
      ...(plan.outputs.length
        ? { after: `u64 val = sev_es_rd_ghcb_msr(); reads the ${plan.outputs[0]!.name}: ${hex(plan.outputs[0]!.value)} in this example.` }
        : {}),
      note: `${where}. sev_es_negotiate_protocol() and snp_register_ghcb_early() in coco/sev/vc-shared.c make MSR-protocol calls this way.`,
    };
  }
  const filled = plan.steps.find((s) => s.phase === 'trap')?.memory?.values ?? {};
  const value = (name: string) => filled[memoryKey(0, name)] ?? 0n;
  const setters = page.arg.fields.filter((f) => !SET_BY_HV_CALL.has(f.name) && filled[memoryKey(0, f.name)] !== undefined);
  return {
    include: '<asm/sev.h>',
    declarations: setters.map((f) => `ghcb_set_${f.name}(ghcb, ${hex(value(f.name))}); /* ${f.name} */`),
    assign: 'enum es_result ret = ',
    fn: 'sev_es_ghcb_hv_call',
    args: [
      { expr: 'ghcb', note: 'this CPU’s GHCB page' },
      { expr: 'ctxt', note: 'the #VC handler’s emulation context' },
      { expr: hex(value('sw_exit_code')), note: `exit code: ${plan.call.name}` },
      { expr: hex(value('sw_exit_info_1')), note: 'exit_info_1' },
      { expr: hex(value('sw_exit_info_2')), note: 'exit_info_2' },
    ],
    after: 'The answer is in the page: verify_exception_info() reads sw_exit_info_1, and the handler reads the fields it asked for.',
    note: `sev_es_ghcb_hv_call() (coco/sev/vc-shared.c) sets protocol_version, ghcb_usage and the exit fields, then sev_es_wr_ghcb_msr(__pa(ghcb)) and VMGEXIT(). ${where}.`,
  };
}
