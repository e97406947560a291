import { describe, expect, it } from 'vitest';
import { callsFor, requireCall, requireConvention } from '../catalog';
import type { Call } from '../model/call';
import { marshal, type ArgValues, type Plan } from '../model/plan';
import { asmSnippet, GCC_MAX_OPERANDS, linuxSnippet, SNIPPET_WIDTH } from './c-snippet';
import { catalog } from '../catalog/all';

const plan = (conv: string, call: string, values: ArgValues = {}): Plan => marshal(requireConvention(catalog, conv), requireCall(catalog, call), values);

/** The operand list of the asm statement: everything between the template and the clobbers. */
const operands = (code: string) => code.slice(code.indexOf('asm volatile('), code.lastIndexOf(');'));

describe('freestanding inline-asm snippet', () => {
  it('pins PSCI CPU_ON under SMCCC 1.1 HVC64 register by register (exact)', () => {
    expect(asmSnippet(plan('smccc-1.1-hvc64', 'psci-cpu-on-64'))).toBe(
      [
        '/* Trapscope: psci-cpu-on-64 under smccc-1.1-hvc64 */',
        '/* PSCI CPU_ON (SMC64) under SMCCC 1.1 - HVC64: hvc #0 (0xD4000002). Freestanding: each register */',
        '/* is pinned with a GCC explicit register variable. */',
        '/* Lost after the call (clobbers, or "+" where they carry an input): x1-x3. Results are written */',
        '/* to out[]. */',
        'void trapscope_psci_cpu_on_64(unsigned long *out)',
        '{',
        '    register unsigned long x0 asm("x0") = 0xC4000003UL; /* function ID: PSCI CPU_ON (SMC64) */',
        '    register unsigned long x1 asm("x1") = 0x1UL;        /* target_cpu */',
        '    register unsigned long x2 asm("x2") = 0x80080000UL; /* entry_point_address */',
        '    register unsigned long x3 asm("x3") = 0x0UL;        /* context_id */',
        '',
        '    asm volatile("hvc #0"',
        '                 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)',
        '                 :',
        '                 : "memory");',
        '    out[0] = x0; /* x0: status */',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('uses the values the reader typed', () => {
    expect(asmSnippet(plan('smccc-1.1-hvc64', 'psci-cpu-on-64', { x1: 0x101n }))).toContain('register unsigned long x1 asm("x1") = 0x101UL;');
  });

  it('lists SMCCC 1.0 scratch registers as clobbers and inputs as "+r"', () => {
    const code = asmSnippet(plan('smccc-1.0-hvc64', 'psci-cpu-on-64'));
    expect(operands(code)).toContain('"+r"(x1), "+r"(x2), "+r"(x3)');
    expect(operands(code)).toContain('"x4", "x5"');
    expect(operands(code)).toContain('"x17", "memory"');
  });

  it('writes SMC32 slots as w registers held in x registers, 32-bit typed', () => {
    const code = asmSnippet(plan('smccc-1.1-smc32', 'psci-cpu-on-32'));
    expect(code).toContain('register unsigned int w0 asm("x0") = 0x84000003U;');
    expect(code).toContain('asm volatile("smc #0"');
  });

  it('puts the Gunyah 2022 call number in the hvc immediate and clobbers x8-x17', () => {
    const code = asmSnippet(plan('gunyah-2022-hvc-imm', 'gunyah-2022-msgq-send'));
    expect(code).toContain('asm volatile("hvc #0x601B"');
    expect(code).toContain('register unsigned long x0 asm("x0") = 0x7UL;');
    expect(operands(code)).toMatch(/"x5", "x6", .*"x16",\s+"x17", "memory"/s);
  });

  it('reads Hyper-V arm64 GetVpRegisters results back from x6 and x7', () => {
    const code = asmSnippet(plan('hyperv-arm64-smccc', 'hyperv-arm64-get-vp-registers'));
    expect(code).toContain('register unsigned long x0 asm("x0") = 0x46000001UL;');
    expect(operands(code)).toContain('"=r"(x6), "=r"(x7)');
    expect(code).toContain('out[1] = x6;');
    expect(code).toContain('out[2] = x7;');
  });

  it('uses x86 constraint letters for KVM and reads RAX back', () => {
    const code = asmSnippet(plan('kvm-x86-vmcall', 'kvm-hc-send-ipi'));
    expect(code).toContain('asm volatile("vmcall"');
    expect(operands(code)).toContain(': "+a"(rax)');
    expect(operands(code)).toContain('"b"(rbx), "c"(rcx), "d"(rdx), "S"(rsi)');
    expect(asmSnippet(plan('kvm-x86-32-vmmcall', 'kvm-hc-kick-cpu'))).toContain('unsigned long eax = 0x5UL;');
  });

  it('loads the VMware port into DX inside the asm, then inl (%dx), %eax', () => {
    const code = asmSnippet(plan('vmware-x86-port-io', 'vmware-getversion'));
    expect(code).toContain('asm volatile("movw $0x5658, %%dx\\n\\t"');
    expect(code).toContain('"inl (%%dx), %%eax"');
    expect(operands(code)).toContain('"+a"(eax), "+d"(edx), "+c"(ecx), "+b"(ebx)');
    expect(operands(code)).toContain('"cc", "memory"');
  });

  it('swaps the sixth high-bandwidth input into RBP around rep outsb', () => {
    const code = asmSnippet(plan('vmware-x86-hb-out', 'vmware-rpc-hb-send-payload'));
    expect(code).toContain('"xchg %%rbp, %[ebp]\\n\\t"');
    expect(code).toContain('"rep outsb\\n\\t"');
    expect(operands(code)).toContain('[ebp] "+r"(ebp)');
    // open-vm-tools lists RSI as clobbered by the backdoor, so the input is read-write.
    expect(operands(code)).toContain('"+S"(rsi)');
  });

  it('issues mrs xzr, mdccsr_el0 for the arm64 VMware backdoor', () => {
    const code = asmSnippet(plan('vmware-arm64-vmwgfx', 'vmware-arm64-rpc-close-channel'));
    expect(code).toContain('asm volatile("mrs xzr, mdccsr_el0"');
    expect(code).toContain('register unsigned long x7 asm("x7") = 0x860000000EUL;');
  });

  it('calls the Xen hypercall page through an extern symbol', () => {
    const code = asmSnippet(plan('xen-x86-64-hypercall-page', 'xen-version'));
    expect(code).toContain('extern unsigned char hypercall_page[];');
    expect(code).toContain('asm volatile("call hypercall_page+0x220"');
    expect(operands(code)).toContain('"+a"(rax), "+D"(rdi), "+S"(rsi)');
  });

  it('pins a7, a6 and a0-a2 for a RISC-V SBI call', () => {
    const code = asmSnippet(plan('riscv-sbi', 'sbi-hart-start'));
    expect(code).toContain('register unsigned long a7 asm("a7") = 0x48534DUL;');
    expect(code).toContain('asm volatile("ecall"');
    expect(operands(code)).toContain(': "+r"(a0), "+r"(a1)');
  });

  it('enables the virtualization extension for an A32 hvc', () => {
    const code = asmSnippet(plan('xen-arm32-hvc', 'xen-version'));
    expect(code).toContain('asm volatile(".arch_extension virt\\n\\t"');
    expect(code).toContain('"hvc #0xEA1"');
    expect(code).toContain('register unsigned long r12 asm("r12") = 0x11UL;');
  });

  it("loads and stores through memory when the registers pass GCC's operand limit", () => {
    const conv = requireConvention(catalog, 'smccc-1.2-hvc64');
    const src = { title: 't', where: 't' };
    const wide: Call = {
      ...requireCall(catalog, 'psci-cpu-on-64'),
      id: 'wide',
      args: Array.from({ length: 17 }, (_, i) => ({ name: `a${i + 1}`, meaning: '', example: BigInt(i + 1), sources: [src] })),
      results: Array.from({ length: 18 }, (_, i) => ({ name: `r${i}`, meaning: '', example: 0n, exampleMeaning: '', sources: [src] })),
    };
    const code = asmSnippet(marshal(conv, wide));
    expect(18 * 2).toBeGreaterThan(GCC_MAX_OPERANDS);
    expect(code).not.toContain('register unsigned long');
    expect(code).toContain('"ldr x17, [%[regs], #136]\\n\\t"');
    expect(code).toContain('"str x17, [%[regs], #136]"');
    expect(operands(code)).toContain('[regs] "r"(regs)');
    expect(operands(code)).toContain('"x0", "x1"');
    expect(code).toContain('out[17] = regs[17];');
  });

  it.each(catalog.conventions.flatMap((conv) => callsFor(catalog, conv).map((call) => [conv.id, call.id, conv, call] as const)))(
    'is ASCII, at most 100 columns, and opens with its id: %s / %s',
    (convId, callId, conv, call) => {
      const p = marshal(conv, call);
      const texts = [asmSnippet(p), linuxSnippet(catalog, p)?.code].filter((t): t is string => t !== undefined);
      for (const t of texts) {
        expect(t.split('\n')[0]).toBe(`/* Trapscope: ${callId} under ${convId} */`);
        for (const line of t.split('\n')) {
          expect(line.length, line).toBeLessThanOrEqual(SNIPPET_WIDTH);
          expect(/^[\x20-\x7e]*$/.test(line), line).toBe(true);
        }
      }
      const note = linuxSnippet(catalog, p)?.note;
      if (note) expect(/^[\x20-\x7e]*$/.test(note)).toBe(true);
    },
  );
});

describe('Linux kernel snippet', () => {
  it('makes a KVM hypercall with kvm_hypercall2 (exact)', () => {
    expect(linuxSnippet(catalog, plan('kvm-x86-vmcall', 'kvm-hc-kick-cpu'))?.code).toBe(
      [
        '/* Trapscope: kvm-hc-kick-cpu under kvm-x86-vmcall */',
        '/* KVM_HC_KICK_CPU under KVM hypercall - vmcall (x86-64): vmcall (0F 01 C1). As Linux makes it, */',
        '/* with kvm_hypercall2(). */',
        '#include <asm/kvm_para.h>',
        '',
        'long ret = kvm_hypercall2(KVM_HC_KICK_CPU, /* 0x5 */',
        '                          0x0,             /* flags */',
        '                          0x1);            /* apicid */',
        '',
      ].join('\n'),
    );
  });

  it('uses the helper of each SMCCC era', () => {
    expect(linuxSnippet(catalog, plan('smccc-1.0-hvc64', 'psci-cpu-on-64'))?.code).toMatch(/arm_smccc_hvc\(0xC4000003,[^;]*&res\);/s);
    const v11 = linuxSnippet(catalog, plan('smccc-1.1-hvc64', 'psci-cpu-on-64'))!.code;
    expect(v11).toContain('arm_smccc_1_1_hvc(0xC4000003, /* function ID: PSCI CPU_ON (SMC64) */');
    expect(v11).toContain('                  &res);');
    const v12 = linuxSnippet(catalog, plan('smccc-1.2-smc64', 'psci-cpu-on-64'))!.code;
    expect(v12).toContain('struct arm_smccc_1_2_regs args = {');
    expect(v12).toContain('.a2 = 0x80080000,');
    expect(v12).toContain('arm_smccc_1_2_smc(&args, &res);');
    expect(linuxSnippet(catalog, plan('smccc-1.2-hvc32-aarch32', 'psci-cpu-on-32'))?.code).toContain('arm_smccc_1_1_hvc(');
  });

  it('uses the Hyper-V wrappers, and the SMCCC 1.2 form for GetVpRegisters on arm64', () => {
    expect(linuxSnippet(catalog, plan('hyperv-x64-fast', 'hyperv-x64-send-synthetic-cluster-ipi'))?.code).toContain('hv_do_fast_hypercall16(0xB,');
    expect(linuxSnippet(catalog, plan('hyperv-x64-fast', 'hyperv-x64-signal-event'))?.code).toContain('hv_do_fast_hypercall8(0x5D,');
    expect(linuxSnippet(catalog, plan('hyperv-x64-memory', 'hyperv-x64-post-message'))?.code).toContain('hv_do_hypercall(0x5C,');
    const get = linuxSnippet(catalog, plan('hyperv-arm64-smccc', 'hyperv-arm64-get-vp-registers'))!;
    expect(get.code).toContain('arm_smccc_1_2_hvc(&args, &res);');
    expect(get.code).toContain('res.a6 = value, low 64 bits; res.a7 = value, high 64 bits');
    expect(get.note).toContain('hv_get_vpreg_128');
  });

  it('maps each VMware call to the vmware_hypercallN Linux uses for it', () => {
    expect(linuxSnippet(catalog, plan('vmware-x86-vmcall', 'vmware-getvcpu-info'))?.code).toContain('out0 = vmware_hypercall1(VMWARE_CMD_GETVCPU_INFO,');
    expect(linuxSnippet(catalog, plan('vmware-x86-port-io', 'vmware-stealclock'))?.code).toContain('vmware_hypercall5(VMWARE_CMD_STEALCLOCK,');
    expect(linuxSnippet(catalog, plan('vmware-x86-hb-in', 'vmware-rpc-hb-recv-payload'))?.code).toContain('vmware_hypercall_hb_in(');
    expect(linuxSnippet(catalog, plan('vmware-arm64-vmwgfx', 'vmware-arm64-rpc-open-channel'))?.code).toContain('vmware_hypercall6(0x1E,');
  });

  it('uses HYPERVISOR_* for Xen and sbi_ecall for RISC-V', () => {
    expect(linuxSnippet(catalog, plan('xen-arm64-hvc', 'xen-event-channel-op'))?.code).toContain('HYPERVISOR_event_channel_op(0x4,');
    expect(linuxSnippet(catalog, plan('xen-x86-32-hypercall-page', 'xen-vcpu-op'))?.code).toContain('HYPERVISOR_vcpu_op(0xA,');
    expect(linuxSnippet(catalog, plan('riscv-sbi', 'sbi-probe-extension'))?.code).toContain('struct sbiret ret = sbi_ecall(0x10,');
  });

  it('says nothing where Linux has no helper', () => {
    expect(linuxSnippet(catalog, plan('hyperv-arm64-2019-hvc1', 'hyperv-arm64-2019-post-message'))).toBeUndefined();
    expect(linuxSnippet(catalog, plan('gunyah-2022-hvc-imm', 'gunyah-2022-msgq-send'))).toBeUndefined();
    expect(linuxSnippet(catalog, plan('hyperv-x64-xmm-fast', 'hyperv-x64-flush-virtual-address-space-xmm'))).toBeUndefined();
    expect(linuxSnippet(catalog, plan('gunyah-smccc', 'gunyah-msgq-send'))?.note).toContain('vendor tree');
  });
});
