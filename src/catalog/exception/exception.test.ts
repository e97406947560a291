import { describe, expect, it } from 'vitest';
import { findCall, findConvention } from '..';
import { catalog } from '../all';
import { callFits } from '../../model/call';
import { marshal } from '../../model/plan';
import { exceptionFor, findBytes, handlerSteps, mnemonicOf, vectorOffset } from '../../model/exception';
import { stubVmcall, stubVmmcall } from '../xen/exceptions';
import { MODULE_AT, MODULE_VMCALL_AT } from '../tdx/exceptions';
import { src as tdxSrc } from '../tdx/sources';
import { src as sevSrc } from '../sev/sources';

/** Every entry the catalog draws, each once. */
const exceptionDefs = [...new Set(catalog.conventions.flatMap((c) => c.exception ?? []))];
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
    const def = exceptionDefs.find((d) => d.instruction === 'a32-hvc')!;
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
    for (const def of exceptionDefs) {
      const effects = [def.returnAddress, ...def.saved, ...def.resume.restores, ...(def.advance ? [def.advance] : [])];
      for (const e of effects) expect(e.sources.length, `${def.instruction} ${e.register}`).toBeGreaterThan(0);
    }
  });
});

describe('what the handler does', () => {
  const path = (conv: string) => findConvention(catalog, conv)!.handlerPath!;

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
  const path = (conv: string) => findConvention(catalog, conv)!.handlerPath!;
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

describe('the high-bandwidth backdoor and AMD’s EXITINFO1', () => {
  const svmInfo = (conv: string, call: string) => flowOf(conv, call).alternative!.flow.entry.find((e) => e.register === 'VMCB control.exit_info_1')!;
  // Linux arch/x86/include/asm/svm.h, as literals.
  const SVM_IOIO_TYPE_MASK = 1n;
  const SVM_IOIO_STR_MASK = 1n << 2n;
  const SVM_IOIO_REP_MASK = 1n << 3n;
  const SVM_IOIO_SIZE_SHIFT = 4n;
  const SVM_IOIO_SIZE_MASK = 7n << SVM_IOIO_SIZE_SHIFT;
  const SVM_IOIO_ASIZE_SHIFT = 7n;
  /** KVM's io_interception and svm_check_intercept, read back. */
  const kvmReads = (info: bigint) => ({
    in: (info & SVM_IOIO_TYPE_MASK) !== 0n,
    string: (info & SVM_IOIO_STR_MASK) !== 0n,
    rep: (info & SVM_IOIO_REP_MASK) !== 0n,
    size: (info & SVM_IOIO_SIZE_MASK) >> SVM_IOIO_SIZE_SHIFT,
    asize: info & (7n << SVM_IOIO_ASIZE_SHIFT),
    port: info >> 16n,
  });
  /** KVM's handle_io, read back. */
  const handleIo = (q: bigint) => ({ size: (q & 7n) + 1n, in: (q & 8n) !== 0n, string: (q & 16n) !== 0n, rep: (q & 32n) !== 0n, port: q >> 16n });

  it('records rep outsb to port 0x5659 as I/O exit 30: OUT, string, REP, one byte, and the VMM steps past its 2 bytes', () => {
    const flow = flowOf('vmware-x86-hb-out', 'vmware-rpc-hb-send-payload');
    const q = flow.entry.find((e) => e.register === 'VMCS EXIT_QUALIFICATION')!;
    expect(q.value).toBe('0x56590030');
    expect(handleIo(q.word!.value)).toEqual({ size: 1n, in: false, string: true, rep: true, port: 0x5659n });
    expect(entry('vmware-x86-hb-out', 'vmware-rpc-hb-send-payload')).toMatchObject({ 'VMCS GUEST_RIP': 'address of rep outsb itself', 'VM-exit reason': '0x0000001E' });
    expect(flow.advance).toMatchObject({ register: 'GUEST_RIP', value: 'GUEST_RIP + 2' });
  });

  it('records rep insb with the IN bit as well: 0x56590038', () => {
    const q = flowOf('vmware-x86-hb-in', 'vmware-rpc-hb-recv-payload').entry.find((e) => e.register === 'VMCS EXIT_QUALIFICATION')!;
    expect(q.value).toBe('0x56590038');
    expect(handleIo(q.word!.value)).toMatchObject({ in: true, string: true, rep: true, port: 0x5659n });
  });

  it('computes EXITINFO1 from svm.h’s fields: inl 0x56580241, rep outsb 0x5659021C, rep insb 0x5659021D, as KVM reads them back', () => {
    const inl = svmInfo('vmware-x86-port-io', 'vmware-getversion');
    const outsb = svmInfo('vmware-x86-hb-out', 'vmware-rpc-hb-send-payload');
    const insb = svmInfo('vmware-x86-hb-in', 'vmware-rpc-hb-recv-payload');
    expect([inl.value, outsb.value, insb.value]).toEqual(['0x56580241', '0x5659021C', '0x5659021D']);
    // 64-bit addresses: ad_bytes 8 << (SVM_IOIO_ASIZE_SHIFT - 1), as svm_check_intercept writes it.
    const a64 = 8n << (SVM_IOIO_ASIZE_SHIFT - 1n);
    expect(kvmReads(inl.word!.value)).toEqual({ in: true, string: false, rep: false, size: 4n, asize: a64, port: 0x5658n });
    expect(kvmReads(outsb.word!.value)).toEqual({ in: false, string: true, rep: true, size: 1n, asize: a64, port: 0x5659n });
    expect(kvmReads(insb.word!.value)).toMatchObject({ in: true, string: true, rep: true, size: 1n });
  });

  it('says on screen that the address-size bits are unconfirmed, with the value QEMU would give', () => {
    const notes = flowOf('vmware-x86-port-io', 'vmware-getversion').alternative!.flow.def.notes!.map((n) => n.text).join(' ');
    expect(notes).toMatch(/bits 9:7 \(address size\) are unconfirmed/);
    expect(notes).toContain('0x56580041');
    const hb = flowOf('vmware-x86-hb-out', 'vmware-rpc-hb-send-payload').alternative!.flow.def.notes!.map((n) => n.text).join(' ');
    expect(hb).toContain('0x5659001C');
    expect(hb).toMatch(/Bits 12:10/);
  });
});

describe('Xen’s hypercall page', () => {
  it('takes the exit at the stub’s vmcall, found 5 bytes in (vmx_init_hypercall_page: "(p + 5) = 0x0f"), 3 bytes long', () => {
    const flow = flowOf('xen-x86-64-hypercall-page', 'xen-version');
    expect([flow.offset, flow.length]).toEqual([5, 3]);
    expect(flow.entry[0]).toMatchObject({ register: 'VMCS GUEST_RIP', value: 'address of vmcall itself (byte 5 of the hypercall-page stub)' });
    expect(flow.entry.find((e) => e.register === 'VM-exit reason')!.value).toBe('0x00000012');
    expect(flow.advance).toMatchObject({ value: 'GUEST_RIP + 3' });
    expect(flow.entry[0]!.sources.map((s) => s.where).join(' ')).toMatch(/\(p \+ 5\) = 0x0f; \/\* vmcall \*\//);
  });

  it('looks for the same bytes the architecture gives vmcall and vmmcall', () => {
    const bytes = (id: string) => {
      const enc = catalog.architectures.find((a) => a.id === 'x86-64')!.instructions[id]!.encoding;
      return enc.kind === 'bytes' ? enc.bytes : [];
    };
    expect([stubVmcall, stubVmmcall]).toEqual([bytes('vmcall'), bytes('vmmcall')]);
  });

  it('draws the AMD stub’s vmmcall (exit code 0x81) at the same offset, and Xen’s own HOST_RIP and RIP step, pinned to c447b730', () => {
    const flow = flowOf('xen-x86-32-hypercall-page', 'xen-version');
    const svm = flow.alternative!.flow;
    expect([svm.offset, svm.length]).toEqual([5, 3]);
    expect(svm.entry.find((e) => e.register === 'SVM EXITCODE')!.value).toBe('0x00000081');
    const host = flow.entry.find((e) => e.register === 'RIP')!;
    expect(host.why).toMatch(/vmx_asm_vmexit_handler/);
    expect(host.sources[0]!.url).toContain('hb=c447b7308b');
    expect(flow.advance!.why).toMatch(/update_guest_eip/);
  });
});

describe('VM exits say whose code they describe', () => {
  const texts = (conv: string, call: string) => {
    const flow = flowOf(conv, call);
    const all = [flow, ...(flow.alternative ? [flow.alternative.flow] : [])];
    return all.flatMap((f) => [...f.entry, ...(f.advance ? [f.advance] : []), ...f.resume.restores].map((e) => e.why)).join(' | ');
  };

  it('makes no claim about KVM’s handler for a convention KVM does not own', () => {
    for (const conv of catalog.conventions.filter((c) => c.family !== 'kvm-x86' && c.arch.id.startsWith('x86'))) {
      const call = catalog.calls.find((c) => callFits(conv, c))!;
      // Only conventions whose trap is drawn as a VM exit (TDX's tdcall goes to the TDX module, drawn without one).
      if (!exceptionFor(marshal(conv, call))) continue;
      expect(texts(conv.id, call.id), conv.id).not.toMatch(/\bKVM (points|adds|sets|moves)\b/);
    }
  });

  it('says VMware’s and Hyper-V’s VMMs are not public, where KVM names its own vmx_vmexit', () => {
    expect(entry('vmware-x86-vmcall', 'vmware-getversion').RIP).toBe('VMCS HOST_RIP');
    expect(texts('vmware-x86-vmcall', 'vmware-getversion')).toMatch(/VMware’s VMM is not public/);
    expect(texts('hyperv-x64-fast', 'hyperv-x64-send-synthetic-cluster-ipi')).toMatch(/Hyper-V’s VMM is not public/);
    expect(texts('kvm-x86-vmcall', 'kvm-hc-kick-cpu')).toMatch(/KVM points HOST_RIP at vmx_vmexit/);
  });
});

describe('handler paths added for the older hyp-stubs and FF-A', () => {
  const path = (conv: string) => findConvention(catalog, conv)!.handlerPath!;
  const fns = (conv: string, call: string) => handlerSteps(path(conv), call).map((s) => s.fn);

  it('dates the arm64 stub’s el1_sync name: renamed elx_sync by commit 31a32b49b80f, merged for v5.13', () => {
    const first = path('hypstub-arm64').steps[0]!;
    expect(first.what).toMatch(/el1_sync until commit 31a32b49b80f, merged for v5\.13/);
    expect(first.sources.map((s) => s.url).join(' ')).toContain('31a32b49b80f79cbb84a9c948c5609c6fc044443');
  });

  it('walks the pre-4.12 arm64 stub: the ESR check, then x0 against GET/SET_VECTORS and SOFT_RESTART, read at a pinned commit and said to be a vendor tree', () => {
    const p = path('hypstub-arm64-pre-4.12');
    expect(p.steps.map((s) => s.fn)).toEqual(['__hyp_stub_vectors → el1_sync', 'el1_sync: ESR_EL2.EC == HVC64?', 'el1_sync: cmp x0, #HVC_…']);
    for (const s of p.steps) expect(s.sources.every((x) => x.url?.includes('d1c751553a8cb9eeb9feb52008d674385fd842d6'))).toBe(true);
    expect(p.notes!.map((n) => n.text).join(' ')).toMatch(/not confirmed/);
    expect(p.notes!.map((n) => n.text).join(' ')).toMatch(/pointer to the function to call.*KVM’s own EL2 vectors/);
  });

  it('walks the pre-4.12 arm stub at torvalds/linux 0af0b189: r0 = -1 reads HVBAR, any other r0 sets it', () => {
    const p = path('hypstub-arm32-pre-4.12');
    expect(p.steps.map((s) => s.fn)).toEqual(['__hyp_stub_vectors → __hyp_stub_trap', '__hyp_stub_do_trap']);
    expect(p.steps[1]!.sources[0]!.where).toMatch(/cmp r0, #-1; mrceq p15, 4, r0, c12, c0, 0 @ get HVBAR/);
    for (const s of p.steps) expect(s.sources.every((x) => x.url?.includes('0af0b189abf73d232af782df2f999235cd2fed7f'))).toBe(true);
  });

  it('takes an FF-A smc through TF-A’s dispatch to spmd_smc_forward and on to Hafnium’s ffa_handler, both pinned', () => {
    expect(fns('ffa-smc64', 'ffa-partition-info-get')).toEqual([
      'sync_exception_aarch64 → handle_sync_exception',
      'handler_sync_exception → sync_handler',
      'std_svc_smc_handler → spmd_ffa_smc_handler',
      'spmd_smc_handler',
      'spmd_smc_forward → spmd_smc_switch_state',
      'Hafnium: other_world_loop → smc_handler_from_nwd',
      'hvc_smc_handler → ffa_handler',
      'back through the SPMD',
    ]);
    const urls = path('ffa-smc64').steps.flatMap((s) => s.sources.map((x) => x.url!));
    expect(urls.every((u) => u.includes('6a164dda7208d3f2c0a5c4a1681db5ec37532bf5') || u.includes('21bfbdc1d3dfb34b8f6849af79a32811944baaf6'))).toBe(true);
  });

  it('stops FFA_ID_GET at the SPMD, which answers it at EL3', () => {
    const steps = fns('ffa-smc32', 'ffa-id-get');
    expect(steps.at(-1)).toBe('spmd_smc_handler');
    expect(steps).not.toContain('spmd_smc_forward → spmd_smc_switch_state');
  });

  it('takes an SMCCC smc to TF-A: PSCI to psci_smc_handler, the ARCH calls to arm_arch_svc_smc_handler, hypervisor calls to SMC_UNK', () => {
    expect(fns('smccc-1.1-smc64', 'psci-cpu-on-64').at(-1)).toBe('std_svc_smc_handler → psci_smc_handler');
    expect(fns('smccc-1.1-smc64', 'smccc-arch-features').at(-1)).toBe('arm_arch_svc_smc_handler');
    expect(fns('smccc-1.1-smc64', 'kvm-vendor-call-uid').at(-1)).toBe('smc_unknown');
    // Every call that fits the smc conventions takes exactly one of the services after the dispatch.
    const conv = findConvention(catalog, 'smccc-1.2-smc64')!;
    for (const call of catalog.calls.filter((c) => callFits(conv, c))) expect(handlerSteps(path('smccc-1.2-smc64'), call.id), call.id).toHaveLength(3);
  });

  it('takes an FF-A hvc to Hafnium as the normal-world hypervisor', () => {
    expect(fns('ffa-hvc64', 'ffa-features')).toEqual(['vector_table_el2 → sync_lower_64 → sync_lower_exception', 'sync_lower_exception → hvc_handler', 'hvc_smc_handler → ffa_handler']);
  });

  it('follows AMD’s exit table for KVM’s vmmcall convention and HVC32 for an AArch32 SMCCC guest', () => {
    expect(path('kvm-x86-vmmcall').steps.map((s) => s.fn)).toContain('svm_exit_handlers[SVM_EXIT_VMMCALL] = kvm_emulate_hypercall');
    expect(path('kvm-x86-vmcall').steps[0]!.fn).toBe('vmx_handle_exit');
    expect(path('smccc-1.1-hvc32-aarch32').steps.map((s) => s.fn)).toContain('arm_exit_handlers[ESR_ELx_EC_HVC32] = handle_hvc');
  });
});

describe('reading an instruction', () => {
  it('names it without operands, keeping a prefix', () => {
    expect(['hvc #0', 'rep outsb', 'inl (%dx), %eax', 'mrs xzr, mdccsr_el0', 'call hypercall_page+0x40', 'vmcall'].map(mnemonicOf)).toEqual([
      'hvc',
      'rep outsb',
      'inl',
      'mrs',
      'call',
      'vmcall',
    ]);
  });

  it('finds a byte sequence inside another, or says it is not there', () => {
    expect(findBytes([0xb8, 1, 0, 0, 0, 0x0f, 0x01, 0xd9, 0xc3], [0x0f, 0x01, 0xd9])).toBe(5);
    expect(findBytes([0xb8, 1, 0, 0, 0, 0x0f, 0x01, 0xd9, 0xc3], [0x0f, 0x01, 0xc1])).toBe(-1);
  });
});

describe('entries and handler paths of the confidential-computing families', () => {
  const path = (conv: string) => findConvention(catalog, conv)!.handlerPath!;
  const fns = (conv: string, call: string) => handlerSteps(path(conv), call).map((s) => s.fn);

  it('takes a TDCALL to the TDX module as VM exit 77, the value uapi vmx.h gives EXIT_REASON_TDCALL, with the module adding the 4-byte length', () => {
    const flow = flowOf('tdx-tdcall', 'tdx-tdg-vp-info');
    expect(flow.length).toBe(4);
    const values = entry('tdx-tdcall', 'tdx-tdg-vp-info');
    expect(values['TD VMCS GUEST_RIP']).toBe('address of tdcall itself');
    const reason = Number(values['TD VMCS VM_EXIT_REASON']);
    expect(tdxSrc.exitReasons.where).toContain(`EXIT_REASON_TDCALL ${reason}`);
    expect(flow.advance).toMatchObject({ register: 'GUEST_RIP', value: 'GUEST_RIP + 4' });
    expect(flow.advance!.sources.map((s) => s.where).join(' ')).toMatch(/advance_guest_rip\(\)/);
    expect(values.RIP).toBe('TD VMCS HOST_RIP');
    expect(flow.def.destination.kind === 'register' && flow.def.destination.sources[0]!.where).toMatch(/tdx_tdexit_entry_point/);
  });

  it('answers a TDCALL leaf in the TDX module, and takes TDG.VP.VMCALL on to KVM by the exit reason tdx_to_vmx_exit_reason gives it', () => {
    expect(fns('tdx-tdcall', 'tdx-tdg-vp-info')).toEqual(['tdx_tdexit_entry_point → tdx_td_dispatcher', 'td_call']);
    const common = ['tdx_tdexit_entry_point → tdx_td_dispatcher', 'td_call', 'tdg_vp_vmcall → td_vmexit_to_vmm', 'tdx_vcpu_enter_exit', 'tdx_to_vmx_exit_reason', 'tdx_handle_exit'];
    expect(fns('tdx-tdvmcall', 'tdx-vmcall-map-gpa')).toEqual([...common, 'handle_tdvmcall']);
    expect(fns('tdx-tdvmcall', 'tdx-vmcall-cpuid')).toEqual([...common, 'the exit reason’s handler']);
    for (const s of path('tdx-tdvmcall').steps) expect(s.sources.length, s.fn).toBeGreaterThan(0);
  });

  it('pins the TDX module’s code to the intel/tdx-module commits it was read at, and says so on screen', () => {
    const urls = path('tdx-tdvmcall').steps.flatMap((s) => s.sources.map((src) => src.url));
    expect(urls).toContain(`https://github.com/intel/tdx-module/blob/${MODULE_AT}/src/td_dispatcher/tdx_td_dispatcher.c`);
    expect(urls).toContain(`https://github.com/intel/tdx-module/blob/${MODULE_VMCALL_AT}/src/td_dispatcher/vm_exits/tdg_vp_vmcall.c`);
    expect(path('tdx-tdvmcall').notes![0]!.text).toMatch(/two stored commits/);
  });

  it('records a VMGEXIT as SVM_EXIT_VMGEXIT (0x403) with the GHCB MSR read from ghcb_gpa, and no RIP step by KVM', () => {
    const flow = flowOf('sev-es-ghcb-msr', 'sev-msr-cpuid');
    const values = Object.fromEntries(flow.entry.map((e) => [e.register, e.value]));
    expect(values['SVM EXITCODE']).toBe('0x00000403');
    expect(sevSrc.exitVmgexit.where).toContain(`SVM_EXIT_VMGEXIT 0x${Number(values['SVM EXITCODE']).toString(16)}`);
    expect(values['VMCB control.ghcb_gpa']).toMatch(/GHCB MSR/);
    expect(values['VMSA rip (encrypted)']).toMatch(/\+ 4$/);
    expect(flow.advance).toBeUndefined();
    expect(flow.def.notes![0]!.text).toMatch(/does not: the guest’s RIP/);
  });

  it('takes the MSR protocol to sev_handle_vmgexit_msr_protocol and a GHCB page through sev_es_validate_vmgexit to the sw_exit_code switch', () => {
    expect(fns('sev-es-ghcb-msr', 'sev-msr-cpuid').at(-1)).toBe('sev_handle_vmgexit_msr_protocol');
    expect(fns('sev-es-ghcb-page', 'sev-ghcb-cpuid')).toContain('sev_es_validate_vmgexit');
    expect(fns('sev-es-ghcb-page', 'sev-ghcb-cpuid').at(-1)).toBe('switch (sw_exit_code)');
  });

  it('takes a pKVM host hvc from __kvm_hyp_host_vector through handle_trap and handle_host_hcall to host_hcall[], citing every step', () => {
    const steps = path('pkvm-host-hvc64').steps;
    expect(steps.map((s) => s.fn.split(' ')[0])).toEqual(['__kvm_hyp_host_vector', 'handle_trap', 'handle_host_hcall', 'host_hcall[id]', '__host_enter']);
    expect(steps[0]!.sources.map((s) => s.where).join(' ')).toMatch(/ARM64_KVM_PROTECTED_MODE b __host_exit/);
    for (const s of steps) expect(s.sources.length, s.fn).toBeGreaterThan(0);
  });

  it('takes an SBI v0.1 call through the same dispatcher to sbi_ecall_legacy_handler, which writes a0 only', () => {
    const steps = path('riscv-sbi-v0.1-legacy').steps;
    expect(steps.map((s) => s.fn)).toEqual(['sbi_trap_handler', 'sbi_ecall_handler', 'sbi_ecall_legacy_handler']);
    expect(steps[1]!.sources[0]!.where).toMatch(/if \(!is_0_1_spec\) regs->a1 = out_val/);
    expect(path('riscv-sbi-v0.1-legacy').notes![0]!.text).toMatch(/76685022/);
  });

  it('takes an AArch32 smc to TF-A through sync_exception_aarch32, where an SMC64 function ID gets SMC_UNK', () => {
    const steps = handlerSteps(path('smccc-1.1-smc32-aarch32'), 'psci-cpu-off');
    expect(steps.map((s) => s.fn)).toEqual(['sync_exception_aarch32 → handle_sync_exception', 'handler_sync_exception → sync_handler', 'std_svc_smc_handler → psci_smc_handler']);
    expect(steps[1]!.sources[0]!.where).toMatch(/EC_AARCH32_SMC.*FUNCID_CC/);
    expect(handlerSteps(path('smccc-1.1-smc64'), 'psci-cpu-off')[0]!.fn).toBe('sync_exception_aarch64 → handle_sync_exception');
  });
});
