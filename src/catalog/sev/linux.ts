import { memoryBeforeAfter, type Plan } from '../../model/plan';
import { memoryKey } from '../../model/memory';
import { hex, type LinuxCall } from '../linux';
import { ghcbOffset, inSaveArea } from './ghcb';

/** Fields Linux sets through ghcb_set_<field>() before sev_es_ghcb_hv_call(), which itself fills the exit code and the two exit words. */
const SET_BY_HV_CALL = new Set(['sw_exit_code', 'sw_exit_info_1', 'sw_exit_info_2', 'valid_bitmap', 'protocol_version', 'ghcb_usage']);

/**
 * The guest's side in arch/x86/coco/sev: the MSR protocol is
 * sev_es_wr_ghcb_msr(request); VMGEXIT(); sev_es_rd_ghcb_msr(); a GHCB-page
 * exit sets the fields it needs and calls sev_es_ghcb_hv_call(), which writes
 * the page's GPA to the MSR and executes VMGEXIT(); the AP and NMI events set
 * the exit fields themselves and execute VMGEXIT() directly.
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
  const filled = memoryBeforeAfter(plan).written;
  const value = (name: string) => filled[memoryKey(0, name)] ?? 0n;
  const written = page.arg.fields.filter((f) => filled[memoryKey(0, f.name)] !== undefined);
  // Linux sets protocol_version only in sev_es_ghcb_hv_call(); an event filled without it is one Linux issues with VMGEXIT() itself.
  const direct = !written.some((f) => f.name === 'protocol_version');
  const byHvCall = direct ? new Set(['valid_bitmap']) : SET_BY_HV_CALL;
  const buffer = ghcbOffset('shared_buffer');
  const declarations = written.flatMap((f) => {
    if (byHvCall.has(f.name)) return [];
    if (inSaveArea(f.name)) return [`ghcb_set_${f.name}(ghcb, ${hex(value(f.name))});`];
    return [`*(u${8 * f.bytes} *)&ghcb->shared_buffer[${hex(BigInt(f.offset - buffer))}] = ${hex(value(f.name))}; /* ${f.name} */`];
  });
  if (direct) {
    return {
      include: '<asm/sev.h>',
      declarations: ['vc_ghcb_invalidate(ghcb);', ...declarations, 'sev_es_wr_ghcb_msr(__pa(ghcb));'],
      fn: 'VMGEXIT',
      args: [],
      after: 'Any answer is in the page: the caller checks ghcb_sw_exit_info_1_is_valid() / _2_is_valid() and reads ghcb->save.sw_exit_info_1 or _2.',
      note: `${plan.call.name} is issued without sev_es_ghcb_hv_call() (arch/x86/coco/sev/core.c, sev-nmi.c). ${where}.`,
    };
  }
  return {
    include: '<asm/sev.h>',
    declarations,
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
