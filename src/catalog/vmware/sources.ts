import type { Source } from '../../model/source';
import { githubFile, linux, qemu } from '../docs';

/**
 * Every citation the VMware backdoor family uses, in one place. The
 * vmware_hypercall API was read in recent Linux mirrors (NVIDIA/NV-Kernels
 * 1aa23d73, Kingxukai/linux 0291023e and 9b44fff6); the links point at
 * torvalds/linux master, which carries the same files.
 */

export const VMW_H = 'arch/x86/include/asm/vmware.h';
export const VMW_C = 'arch/x86/kernel/cpu/vmware.c';
export const A64_H = 'drivers/gpu/drm/vmwgfx/vmwgfx_msg_arm64.h';
export const MSG_C = 'drivers/gpu/drm/vmwgfx/vmwgfx_msg.c';
export const OPMAP = 'arch/x86/lib/x86-opcode-map.txt';
export const SYSREG_H = 'arch/arm64/include/asm/sysreg.h';
export const ESR_H = 'arch/arm64/include/asm/esr.h';

/** VMware's own guest tools: the backdoor as VMware writes it. */
const OVT = 'vmware/open-vm-tools';
const OVT_COMMIT = '1634dfb42f723d2c1b3b6cf2696efc82407fae5b';
const ovtX86 = (where: string) => githubFile(OVT, 'open-vm-tools/lib/backdoor/backdoorGcc64.c', OVT_COMMIT, where);
const ovtDef = (where: string) => githubFile(OVT, 'open-vm-tools/lib/include/backdoor_def.h', OVT_COMMIT, where);
const ovtA64 = (where: string) => githubFile(OVT, 'open-vm-tools/lib/backdoor/backdoorGcc64_arm64.c', OVT_COMMIT, where);

export const ovt = {
  lb: ovtX86('Backdoor_InOut, Backdoor_Vmcall, Backdoor_Vmmcall: clobbers "rbx", "rcx", "rdx", "rsi", "rdi", "memory"'),
  wholeState: ovtX86('"vmware can modify the whole VM state without the compiler knowing it. So far it does not modify EFLAGS."'),
  hb: ovtX86(
    'BackdoorHbIn, BackdoorHbOut: "pushq %%rbp", "movq 48(%%rax), %%rbp" before and "movq %%rbp, 48(%%rax)" after; clobbers "rbx", "rcx", "rdx", "rsi", "rdi", "memory", "cc"',
  ),
  a64: ovtA64('Backdoor_InOut: "The VM can modify the calling vCPU\'s registers x0, x1, x2, x3, x4 and x5."'),
  mechanism: ovtDef('"The vCPU sets X7<63:32> to X86_IO_MAGIC and executes the MRS XZR, MDCCSR_EL0 instruction."'),
  hvcFromEl1: ovtDef(
    '"The vCPU executes the HVC instruction with the immediate X86_IO_MAGIC." "This is the mechanism to favor from EL1 because it is architectural."',
  ),
  w7Imm: ovtDef('"The port address (8-bit immediate) is set in W7<12:5>."'),
  w7Df: ovtDef('"The direction flag (EFLAGS.DF) is set in W7<5>."'),
  a64Flags: ovtA64('"So far the VM does not modify the calling vCPU\'s conditional flags."'),
};

export const src = {
  magic: linux(VMW_H, 'VMWARE_HYPERVISOR_MAGIC 0x564d5868U'),
  port: linux(VMW_H, 'VMWARE_HYPERVISOR_PORT 0x5658'),
  portHb: linux(VMW_H, 'VMWARE_HYPERVISOR_PORT_HB (VMWARE_HYPERVISOR_PORT | VMWARE_HYPERVISOR_HB), VMWARE_HYPERVISOR_HB BIT(0)'),
  abi: linux(VMW_H, 'header comment "VMware hypercall ABI": LB %eax (arg0) … %edi (arg5); HB adds %ebp (arg6)'),
  hypercallMacro: linux(
    VMW_H,
    'VMWARE_HYPERCALL: ALTERNATIVE_2("movw %[port], %%dx\\n\\t" "inl (%%dx), %%eax", "vmcall", X86_FEATURE_VMCALL, "vmmcall", X86_FEATURE_VMW_VMMCALL)',
  ),
  edxComment: linux(
    VMW_H,
    'comment above VMWARE_HYPERCALL: "The low word of %edx is presumed to have OUT bit set. The high word of %edx may contain input data from the caller."',
  ),
  hc1: linux(VMW_H, 'vmware_hypercall1: "=a" (out0) : [port] "i" (VMWARE_HYPERVISOR_PORT), "a" (MAGIC), "b" (in1), "c" (cmd), "d" (0) : "cc", "memory"'),
  hc3: linux(VMW_H, 'vmware_hypercall3: "=a" (out0), "=b" (*out1), "=c" (*out2) : … "b" (in1), "c" (cmd), "d" (0) : "cc", "memory"'),
  hc4: linux(VMW_H, 'vmware_hypercall4: "=a", "=b", "=c", "=d" (*out3) : … "d" (0)'),
  hc5: linux(VMW_H, 'vmware_hypercall5: "=a" (out0), "=c" (*out2) : … "b" (in1), "c" (cmd), "d" (in3), "S" (in4), "D" (in5) : "cc", "memory"'),
  hc6: linux(VMW_H, 'vmware_hypercall6: "=a", "=c" (*out2), "=d" (*out3), "=S" (*out4), "=D" (*out5) : … "d" (in3)'),
  hc7: linux(VMW_H, 'vmware_hypercall7: "=a", "=b" (*out1), "=c" (*out2), "=d" (*out3) : … "d" (in3), "S" (in4), "D" (in5)'),
  hbOut: linux(
    VMW_H,
    'vmware_hypercall_hb_out: push %rbp; mov %[in6], %rbp; rep outsb; pop %rbp; "=a" (out0), "=b" (*out1) : "a" (MAGIC), "b" (cmd), "c" (in2), "d" (in3 | VMWARE_HYPERVISOR_PORT_HB), "S" (in4), "D" (in5) : "cc", "memory"',
  ),
  hbIn: linux(VMW_H, 'vmware_hypercall_hb_in: as hb_out but "rep insb"'),
  hbOnlyPort: linux(
    VMW_H,
    'comment above vmware_hypercall_hb_out: "High bandwidth calls are not supported on encrypted memory guests … just I/O port based approach without alternative patching."',
  ),
  oldMacros: githubFile(
    'NVIDIA/NV-Kernels',
    VMW_H,
    '1aa23d73b64b7d27b203acf93c54e1afdca14495',
    'older macros at the end of the file: VMWARE_HYPERCALL ("The low word of edx is presumed clear"), VMWARE_HYPERCALL_HB_OUT ("presumed to have the HB and OUT bits set"), VMWARE_HYPERCALL_HB_IN',
  ),
  cmdGetversion: linux(VMW_H, 'VMWARE_CMD_GETVERSION 10'),
  cmdGethz: linux(VMW_H, 'VMWARE_CMD_GETHZ 45'),
  cmdGetvcpuInfo: linux(VMW_H, 'VMWARE_CMD_GETVCPU_INFO 68'),
  cmdStealclock: linux(VMW_H, 'VMWARE_CMD_STEALCLOCK 91'),
  featureBits: linux(VMW_H, 'CPUID_VMWARE_FEATURES_ECX_VMMCALL BIT(0), CPUID_VMWARE_FEATURES_ECX_VMCALL BIT(1)'),

  select: linux(VMW_C, 'vmware_select_hypercall: cpuid(CPUID_VMWARE_FEATURES_LEAF 0x40000010); ecx & (ECX_VMMCALL | ECX_VMCALL)'),
  platform: linux(VMW_C, 'vmware_platform: vendor "VMwareVMware" at CPUID 0x40000000 and eax >= 0x40000010, else vmware_hypercall_mode stays 0'),
  capabilities: linux(VMW_C, 'vmware_set_capabilities: mode VMCALL -> X86_FEATURE_VMCALL, mode VMMCALL -> X86_FEATURE_VMW_VMMCALL'),
  slow: linux(VMW_C, 'vmware_hypercall_slow: switch (vmware_hypercall_mode) vmcall / vmmcall / "movw %[port], %%dx; inl (%%dx), %%eax"'),
  tdx: linux(VMW_C, 'vmware_tdx_hypercall: r12 = MAGIC, rbx = in1, r13 = cmd, rdx = in3, rsi = in4, rdi = in5'),
  getversion: linux(
    VMW_C,
    '__vmware_platform: eax = vmware_hypercall3(VMWARE_CMD_GETVERSION, 0, &ebx, &ecx); return eax != UINT_MAX && ebx == VMWARE_HYPERVISOR_MAGIC',
  ),
  dmiPath: linux(VMW_C, 'vmware_platform: "else if (dmi_available && dmi_name_in_serial("VMware") && __vmware_platform())"'),
  gethz: linux(
    VMW_C,
    'vmware_platform_setup: eax = vmware_hypercall3(VMWARE_CMD_GETHZ, UINT_MAX, &ebx, &ecx); if (ebx != UINT_MAX) tsc = eax | ((u64)ebx << 32)',
  ),
  gethzBus: linux(VMW_C, 'vmware_platform_setup: lapic_timer_period = ecx / HZ; "Host bus clock speed read from hypervisor : %u Hz"'),
  getvcpuInfo: linux(VMW_C, 'vmware_legacy_x2apic_available: eax = vmware_hypercall1(VMWARE_CMD_GETVCPU_INFO, 0)'),
  getvcpuBits: linux(VMW_C, 'GETVCPU_INFO_LEGACY_X2APIC BIT(3), GETVCPU_INFO_VCPU_RESERVED BIT(31)'),
  stealclock: linux(VMW_C, 'vmware_cmd_stealclock: vmware_hypercall5(VMWARE_CMD_STEALCLOCK, 0, 0, addr_hi, addr_lo, &info)'),
  stealclockUse: linux(VMW_C, 'stealclock_enable(pa): (upper_32_bits(pa), lower_32_bits(pa)); __stealclock_disable: vmware_cmd_stealclock(0, 1)'),
  stealclockRet: linux(VMW_C, 'STEALCLOCK_NOT_AVAILABLE (-1), STEALCLOCK_DISABLED 0, STEALCLOCK_ENABLED 1'),

  a64Hc1: linux(A64_H, 'vmware_hypercall1: x3 = VMWARE_HYPERVISOR_PORT; "+r" (x0) : "r" (x1), "r" (x2), "r" (x3), "r" (x7) : "memory"'),
  a64Hc5: linux(
    A64_H,
    'vmware_hypercall5: x0 = MAGIC, x1 = in1, x2 = cmd, x3 = in3 | VMWARE_HYPERVISOR_PORT, x4 = in4, x5 = in5; "+r" (x0), "+r" (x2) : "memory"',
  ),
  a64Hc6: linux(
    A64_H,
    'vmware_hypercall6: x3 = in3 | VMWARE_HYPERVISOR_PORT; "+r" (x0), "+r" (x2), "+r" (x3), "=r" (x4), "=r" (x5) : "r" (x1), "r" (x7) : "memory"',
  ),
  a64Hc7: linux(A64_H, 'vmware_hypercall7: "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3) : "r" (x4), "r" (x5), "r" (x7)'),
  a64Hb: linux(
    A64_H,
    'vmware_hypercall_hb: x1 = cmd, x2 = in2, x3 = in3 | VMWARE_HYPERVISOR_PORT_HB, x4 = in4, x5 = in5, x6 = in6; x7 = (X86_IO_MAGIC << 32) | X86_IO_W7_STR | X86_IO_W7_WITH | dir',
  ),
  a64Insn: linux(A64_H, 'asm_inline volatile ("mrs xzr, mdccsr_el0; " …)'),
  a64Magic: linux(A64_H, 'VMWARE_HYPERVISOR_MAGIC 0x564D5868; VMWARE_HYPERVISOR_PORT 0x5658; VMWARE_HYPERVISOR_PORT_HB 0x5659'),
  a64W7: linux(A64_H, 'x7 = ((u64)X86_IO_MAGIC << 32) | X86_IO_W7_WITH | X86_IO_W7_DIR | (2 << X86_IO_W7_SIZE_SHIFT)'),
  a64W7Defs: linux(
    A64_H,
    'X86_IO_MAGIC 0x86; X86_IO_W7_SIZE_SHIFT 0, SIZE_MASK (0x3 << 0), DIR (1 << 2), WITH (1 << 3), STR (1 << 4), DF (1 << 5), IMM_SHIFT 5, IMM_MASK (0xff << 5)',
  ),

  openChannel: linux(MSG_C, 'vmw_open_channel: vmware_hypercall6(VMW_PORT_CMD_OPEN_CHANNEL, (protocol | GUESTMSG_FLAG_COOKIE), 0, &ecx, &edx, &esi, &edi)'),
  openChannelUse: linux(
    MSG_C,
    'vmw_open_channel: (HIGH_WORD(ecx) & MESSAGE_STATUS_SUCCESS) == 0 -> -EINVAL; channel_id = HIGH_WORD(edx); cookie_high = esi; cookie_low = edi',
  ),
  closeChannel: linux(
    MSG_C,
    'vmw_close_channel: vmware_hypercall5(VMW_PORT_CMD_CLOSE_CHANNEL, 0, channel->channel_id << 16, channel->cookie_high, channel->cookie_low, &ecx)',
  ),
  portCmds: linux(
    MSG_C,
    'VMW_PORT_CMD_MSG 30, VMW_PORT_CMD_HB_MSG 0, VMW_PORT_CMD_OPEN_CHANNEL (MSG_TYPE_OPEN << 16 | VMW_PORT_CMD_MSG), VMW_PORT_CMD_CLOSE_CHANNEL (MSG_TYPE_CLOSE << 16 | VMW_PORT_CMD_MSG)',
  ),
  msgTypes: linux(MSG_C, 'enum rpc_msg_type: MSG_TYPE_OPEN (0), SENDSIZE, SENDPAYLOAD, RECVSIZE, RECVPAYLOAD, RECVSTATUS, CLOSE (6)'),
  msgStatus: linux(
    MSG_C,
    'MESSAGE_STATUS_SUCCESS 0x0001, MESSAGE_STATUS_DORECV 0x0002, MESSAGE_STATUS_CPT 0x0010, MESSAGE_STATUS_HB 0x0080; HIGH_WORD(X) ((X & 0xFFFF0000) >> 16)',
  ),
  rpci: linux(MSG_C, 'RPCI_PROTOCOL_NUM 0x49435052, GUESTMSG_FLAG_COOKIE 0x80000000; vmw_open_channel(&channel, RPCI_PROTOCOL_NUM)'),
  hbOutUse: linux(
    MSG_C,
    'vmw_port_hb_out: vmware_hypercall_hb_out((MESSAGE_STATUS_SUCCESS << 16) | VMW_PORT_CMD_HB_MSG, msg_len, channel->channel_id << 16, (uintptr_t) msg, channel->cookie_low, channel->cookie_high, &ebx); return ebx',
  ),
  hbInUse: linux(
    MSG_C,
    'vmw_port_hb_in: vmware_hypercall_hb_in((MESSAGE_STATUS_SUCCESS << 16) | VMW_PORT_CMD_HB_MSG, reply_len, channel->channel_id << 16, channel->cookie_high, (uintptr_t) reply, channel->cookie_low, &ebx); return ebx',
  ),
  hbChoice: linux(MSG_C, 'vmw_send_msg / vmw_recv_msg: hb = !!(HIGH_WORD(ecx) & MESSAGE_STATUS_HB); "HB port can\'t access encrypted memory"'),

  opIn: linux(OPMAP, 'Table: one byte opcode: "ed: IN eAX,DX" (and "ec: IN AL,DX")'),
  opOuts: linux(OPMAP, 'Table: one byte opcode: "6e: OUTS/OUTSB DX,Xb"; "f3: REP/REPE (Prefix)"'),
  opIns: linux(OPMAP, 'Table: one byte opcode: "6c: INS/INSB Yb,DX"; "f3: REP/REPE (Prefix)"'),

  sysReg: linux(SYSREG_H, 'sys_reg(op0, op1, crn, crm, op2): op0 [20-19], op1 [18-16], CRn [15-12], CRm [11-8], op2 [7-5]'),
  mrsS: linux(SYSREG_H, 'mrs_s: "__emit_inst(0xd5200000|(\\sreg)|(.L__gpr_num_\\rt))", with arch/arm64/include/asm/gpr-num.h ".equ .L__gpr_num_xzr, 31"'),
  mdccsr: linux(SYSREG_H, 'SYS_MDCCSR_EL0 sys_reg(2, 3, 0, 1, 0)'),
  ecSys64: linux(ESR_H, 'ESR_ELx_EC_SYS64 UL(0x18); ESR_ELx_EC_SHIFT 26; ESR_ELx_IL (UL(1) << 25)'),
  sys64Iss: linux(
    ESR_H,
    'ESR_ELx_SYS64_ISS_OP0_SHIFT 20, OP2_SHIFT 17, OP1_SHIFT 14, CRN_SHIFT 10, RT_SHIFT 5, CRM_SHIFT 1, DIR_READ 0x1, RES0_SHIFT 22 (mask 0x7)',
  ),
  mdcrTrap: linux('arch/arm64/kvm/emulate-nested.c', 'SR_TRAP(SYS_MDCCSR_EL0, CGT_MDCR_TDCC_TDE_TDA)'),

  qemuVersion: qemu(
    'hw/i386/vmport.c',
    'vmport_cmd_get_version: EBX = VMPORT_MAGIC, ECX = vmware_vmx_type; returns vmware_vmx_version ("vmware-vmx-version" default 6, "vmware-vmx-type" default 2 = VMware ESX Server)',
  ),
  qemuGethz: qemu('hw/i386/vmport.c', 'vmport_cmd_get_hz: ECX = apic_bus_freq, EBX = tsc_freq >> 32, EAX = (uint32_t)tsc_freq; else EBX = UINT32_MAX'),
} satisfies Record<string, Source>;

/** The copy of vmware.h read for the vmware_hypercall API, pinned to its commit. */
export const nvKernelsVmwareH: Source = {
  title: 'NVIDIA/NV-Kernels arch/x86/include/asm/vmware.h (Linux mirror)',
  where: 'commit 1aa23d73b64b7d27b203acf93c54e1afdca14495',
  url: 'https://github.com/NVIDIA/NV-Kernels/blob/1aa23d73b64b7d27b203acf93c54e1afdca14495/arch/x86/include/asm/vmware.h',
};

/** Linux 5.10, before the vmware_hypercall API: the VMWARE_PORT / VMWARE_CMD macros. */
export const linux510: Source = {
  title: 'Linux 5.10.13 arch/x86/kernel/cpu/vmware.c (Rtoax/linux-5.10.13 mirror)',
  where: 'VMWARE_PORT, VMWARE_VMCALL, VMWARE_VMMCALL: "b"(UINT_MAX); VMWARE_CMD; vmware_cmd_stealclock: "b"(0)',
  url: 'https://github.com/Rtoax/linux-5.10.13/blob/4145aee3aa376a01914e707b3af48e6af58aa97d/arch/x86/kernel/cpu/vmware.c',
};
