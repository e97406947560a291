import { describe, expect, it } from 'vitest';
import { findCall, findConvention } from '..';
import { catalog } from '../all';
import { marshal } from '../../model/plan';
import { handlerSteps, vectorOffset } from '../../model/exception';
import { handlerFor } from './handlers';
import { exceptionDefs, exceptionFor } from '.';

const flowOf = (conv: string, call: string) => exceptionFor(marshal(findConvention(catalog, conv)!, findCall(catalog, call)!))!;
const entry = (conv: string, call: string) => Object.fromEntries(flowOf(conv, call).entry.map((e) => [e.register, e.value]));

describe('exception entry and return', () => {
  it('puts an hvc from AArch64 at VBAR_EL2 + 0x400, as QEMU adds for a lower EL in AArch64', () => {
    expect(entry('smccc-1.1-hvc64', 'psci-cpu-on-64')).toEqual({
      ELR_EL2: 'address of hvc + 4',
      SPSR_EL2: 'PSTATE',
      ESR_EL2: '0x5A000000',
      PC: 'VBAR_EL2 + 0x400',
    });
  });

  it('puts an hvc from AArch32 at VBAR_EL2 + 0x600', () => {
    const def = exceptionDefs().find((d) => d.instruction === 'a32-hvc')!;
    expect(def.destination.kind === 'vector' && vectorOffset(def.destination.table)).toBe(0x600);
  });

  it('returns from an hvc with eret, restoring PC from ELR_EL2 and PSTATE from SPSR_EL2', () => {
    const { resume } = flowOf('smccc-1.1-hvc64', 'psci-cpu-on-64');
    expect(resume.instruction).toBe('eret');
    expect(resume.restores.map((r) => [r.register, r.value])).toEqual([
      ['PC', 'ELR_EL2'],
      ['PSTATE', 'SPSR_EL2'],
    ]);
  });

  it('takes an smc to EL3 past the smc, and, trapped by HCR_EL2.TSC, to EL2 at the smc itself with KVM stepping past it', () => {
    const flow = flowOf('smccc-1.1-smc64', 'psci-cpu-on-64');
    expect(flow.entry.map((e) => [e.register, e.value])).toEqual([
      ['ELR_EL3', 'address of smc + 4'],
      ['SPSR_EL3', 'PSTATE'],
      ['ESR_EL3', '0x5E000000'],
      ['PC', 'VBAR_EL3 + 0x400'],
    ]);
    const trapped = flow.alternative!.flow;
    expect(trapped.entry[0]).toMatchObject({ register: 'ELR_EL2', value: 'address of smc itself' });
    expect(trapped.advance).toMatchObject({ register: 'ELR_EL2', value: 'ELR_EL2 + 4' });
  });

  it('records a VMCALL exit: the guest RIP at the vmcall, exit reason 18, and KVM adds the 3-byte length', () => {
    const flow = flowOf('kvm-x86-vmcall', 'kvm-hc-kick-cpu');
    expect(flow.length).toBe(3);
    expect(entry('kvm-x86-vmcall', 'kvm-hc-kick-cpu')).toMatchObject({ 'VMCS GUEST_RIP': 'address of vmcall itself', 'VM-exit reason': '0x00000012' });
    expect(flow.advance).toMatchObject({ register: 'GUEST_RIP', value: 'GUEST_RIP + 3' });
    expect(flow.resume.instruction).toBe('VMRESUME');
  });

  it('takes an ecall to M-mode with mepc at the ecall and mcause 9; OpenSBI adds 4, the ecall’s length', () => {
    const flow = flowOf('riscv-sbi', 'sbi-get-spec-version');
    expect(flow.entry[0]).toMatchObject({ register: 'mepc', value: 'address of ecall itself' });
    expect(flow.entry.find((e) => e.register === 'mcause')!.value).toBe('0x00000009');
    expect(flow.advance!.value).toBe('mepc + 4');
    expect(flow.advance!.sources[0]!.where).toMatch(/mepc \+= 4/);
  });

  it('cites a source for every register it writes or restores', () => {
    for (const def of exceptionDefs()) {
      const effects = [def.returnAddress, ...def.saved, ...def.resume.restores, ...(def.advance ? [def.advance] : [])];
      for (const e of effects) expect(e.sources.length, `${def.instruction} ${e.register}`).toBeGreaterThan(0);
    }
  });
});

describe('what the handler does', () => {
  const path = (conv: string) => handlerFor(findConvention(catalog, conv)!)!;

  it('takes an SMCCC hvc through KVM from the vector to kvm_smccc_call_handler, and a PSCI call on to kvm_psci_call', () => {
    const fns = (call: string) => handlerSteps(path('smccc-1.1-hvc64'), call).map((s) => s.fn);
    expect(fns('psci-cpu-on-64')).toEqual([
      '__kvm_hyp_vector → el1_sync',
      'handle_exit → handle_trap_exceptions',
      'arm_exit_handlers[ESR_ELx_EC_HVC64] = handle_hvc',
      'kvm_smccc_call_handler',
      'kvm_psci_call',
    ]);
    expect(fns('smccc-version')).not.toContain('kvm_psci_call');
  });

  it('names Xen’s trap handler and table, OpenSBI’s dispatcher and KVM x86’s VMCALL handler', () => {
    expect(path('riscv-sbi').steps.map((s) => s.fn)).toEqual(['sbi_trap_handler', 'sbi_ecall_handler', 'ext->handle']);
    expect(path('kvm-x86-vmcall').steps.map((s) => s.fn).join(' ')).toMatch(/kvm_emulate_hypercall/);
  });

  it('says where the handler is not public, and cites every step', () => {
    expect(path('hyperv-arm64-smccc').closed?.text).toMatch(/not public/);
    for (const conv of ['smccc-1.1-hvc64', 'riscv-sbi', 'kvm-x86-vmcall', 'hyperv-arm64-smccc'])
      for (const s of path(conv).steps) expect(s.sources.length, `${conv} ${s.fn}`).toBeGreaterThan(0);
  });
});

describe('entries drawn from the hyp-stub and the VMware backdoor', () => {
  it('takes the 32-bit hyp-stub’s hvc to Hyp mode: ELR_hyp past the hvc, SPSR_hyp, HSR, and HVBAR + 0x14, the sixth word of the table', () => {
    const flow = flowOf('hypstub-arm32', 'hypstub-arm32-soft-restart');
    expect(flow.entry.map((e) => [e.register, e.value])).toEqual([
      ['ELR_hyp', 'address of hvc + 4'],
      ['SPSR_hyp', 'CPSR'],
      ['HSR', '0x4A000000'],
      ['PC', 'HVBAR + 0x014'],
    ]);
    expect(flow.resume.restores.map((r) => [r.register, r.value])).toEqual([
      ['PC', 'ELR_hyp'],
      ['CPSR', 'SPSR_hyp'],
    ]);
    const def = flow.def;
    expect(def.destination.kind === 'vector' && def.destination.table.sources[0]!.where).toMatch(/__hyp_stub_trap: W\(b\) __hyp_stub_do_trap/);
  });

  it('keeps the AArch64-EL2 picture (VBAR_EL2 + 0x600) for an AArch32 hvc whose convention does not name Hyp mode', () => {
    expect(entry('smccc-1.1-hvc32-aarch32', 'psci-affinity-info-32').PC).toBe('VBAR_EL2 + 0x600');
  });

  it('records the backdoor’s inl as I/O exit 30 with the exit qualification computed from its fields, and the VMM adds the 1-byte length', () => {
    const flow = flowOf('vmware-x86-port-io', 'vmware-getversion');
    expect(flow.length).toBe(1);
    expect(entry('vmware-x86-port-io', 'vmware-getversion')).toMatchObject({
      'VMCS GUEST_RIP': 'address of inl itself',
      'VMCS EXIT_QUALIFICATION': '0x5658000B',
      'VM-exit reason': '0x0000001E',
    });
    expect(flow.advance).toMatchObject({ register: 'GUEST_RIP', value: 'GUEST_RIP + 1' });
    expect(flow.def.notes?.[0]?.text).toMatch(/not public/);
  });

  it('draws the AMD form of the same exit with the IOIO exit code 0x7B', () => {
    const svm = flowOf('vmware-x86-port-io', 'vmware-getversion').alternative!.flow;
    expect(Object.fromEntries(svm.entry.map((e) => [e.register, e.value]))).toMatchObject({ 'SVM EXITCODE': '0x0000007B' });
    expect(svm.entry.map((e) => e.register)).toContain('VMCB control.exit_info_2');
  });
});

describe('handler paths from public source', () => {
  const path = (conv: string) => handlerFor(findConvention(catalog, conv)!)!;
  const fns = (conv: string) => path(conv).steps.map((s) => s.fn);

  it('takes a Gunyah immediate-ABI hvc from the vector straight into hypercall_table', () => {
    expect(fns('gunyah-2022-hvc-imm')).toEqual(['vcpu_aarch64_vectors → vector_guest64_sync', 'hypercall_64_entry', 'hypercall_table']);
  });

  it('takes a Gunyah SMCCC hvc #0 through the trap dispatcher to smccc_hypercall_table_wrapper', () => {
    expect(fns('gunyah-smccc').join(' ')).toMatch(/vcpu_exception_dispatch.*smccc_handle_call.*smccc_hypercall_table_wrapper/);
  });

  it('names the hyp-stubs’ vector and dispatcher: elx_sync on arm64, __hyp_stub_do_trap on arm', () => {
    expect(fns('hypstub-arm64')[0]).toMatch(/elx_sync/);
    expect(fns('hypstub-arm32')).toEqual(['__hyp_stub_vectors → __hyp_stub_trap', '__hyp_stub_do_trap']);
  });

  it('takes Xen x86’s vmcall through the exit handler to hvm_hypercall, pinned to the commit read', () => {
    const p = path('xen-x86-64-vmcall');
    expect(p.steps.map((s) => s.fn)).toContain('hvm_hypercall');
    expect(p.steps[0]!.sources.map((s) => s.url)).toEqual([expect.stringContaining('hb=c447b7308b'), expect.stringContaining('hb=c447b7308b')]);
    expect(path('xen-arm64-hvc').who).toBe('Xen on Arm');
  });

  it('pins every Gunyah step to the commit read and cites every new step', () => {
    for (const s of [...path('gunyah-2022-hvc-imm').steps, ...path('gunyah-smccc').steps]) expect(s.sources.every((x) => x.url?.includes('36ca3a2a0d'))).toBe(true);
    for (const conv of ['hypstub-arm64', 'hypstub-arm32', 'xen-x86-32-vmcall'])
      for (const s of path(conv).steps) expect(s.sources.length, `${conv} ${s.fn}`).toBeGreaterThan(0);
  });
});
