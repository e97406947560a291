import type { Call, ResultDef } from '../../model/call';
import type { Convention } from '../../model/convention';
import type { Note, Source } from '../../model/source';
import { toTwosComplement } from '../../model/value';
import { aarch32 } from '../arch/aarch32';
import { aarch64 } from '../arch/aarch64';
import { linux, xen, xenAt } from '../docs';
import { armException } from '../exception/arm';
import type { Family } from '../family';
import { xenArmHandler } from './handlers';

/**
 * Xen hypercalls. The calls are the same on every architecture (numbers
 * from xen/include/public/xen.h), so they live here once, under the family
 * 'xen', and the x86 conventions in ./x86.ts share them.
 */

export const XEN_FAMILY = 'xen';
export const XEN_FAMILY_NAME = 'Xen hypercalls';

const XEN_H = 'xen/include/public/xen.h';
const ARM_H = 'xen/include/public/arch-arm.h';
const TRAPS = 'xen/arch/arm/traps.c';
const L_XEN_H = 'include/xen/interface/xen.h';
const A64_S = 'arch/arm64/xen/hypercall.S';
const A32_S = 'arch/arm/xen/hypercall.S';
const X86_HC = 'arch/x86/include/asm/xen/hypercall.h';

export const xenSrc = {
  number: (name: string, n: number): Source => xen(XEN_H, `#define __HYPERVISOR_${name} ${n} (enum hypercall_num; read at commit 936f34c2)`),
  errno: xen('xen/include/public/errno.h', 'XEN_ERRNO(ENOSYS, 38) /* Function not implemented */'),
  linuxX86: (proto: string): Source => linux(X86_HC, proto),
  linuxA64: (line: string): Source => linux(A64_S, line),
};

/** -ENOSYS (-38) as the guest finds it in a register of the given width. */
export function xenEnosys(bits: 32 | 64): bigint {
  return toTwosComplement(-38n, bits);
}

function num(name: string, n: number): Call['number'] {
  return { value: BigInt(n), stated: { value: BigInt(n), how: 'literal', source: xenSrc.number(name, n) } };
}

function rc(meaning: string, exampleMeaning: string, sources: readonly Source[]): ResultDef {
  return {
    name: 'rc',
    meaning: `${meaning} A failure is a negative Xen errno, e.g. -ENOSYS = -38 (0xFFFFFFFFFFFFFFDA in a 64-bit register, 0xFFFFFFDA in a 32-bit one).`,
    example: 0n,
    exampleMeaning,
    sources: [...sources, xenSrc.errno],
  };
}

const armOnly = (text: string): Note => ({
  kind: 'info',
  text,
  sources: [xen(ARM_H, '`incontents 55 arm_hcall Supported Hypercalls')],
});

const xenVersion: Call = {
  id: 'xen-version',
  name: 'xen_version (XENVER_version)',
  family: XEN_FAMILY,
  summary: 'Ask Xen for its version. With XENVER_version it answers major and minor in one word.',
  number: num('xen_version', 17),
  args: [
    {
      name: 'cmd',
      meaning: 'XENVER_version (0): "arg == NULL; returns major:minor (16:16)"',
      example: 0n,
      sources: [xen('xen/include/public/version.h', '/* arg == NULL; returns major:minor (16:16). */ #define XENVER_version 0')],
    },
    {
      name: 'arg',
      meaning: 'NULL for XENVER_version; other commands take a buffer',
      example: 0n,
      sources: [
        xen('xen/include/public/version.h', 'XENVER_version: "arg == NULL"'),
        xenSrc.linuxX86('HYPERVISOR_xen_version(int cmd, void *arg): _hypercall2'),
      ],
    },
  ],
  results: [
    {
      name: 'version',
      meaning: 'major in bits 31:16, minor in bits 15:0 ("All ops return zero on success, except XENVER_{version,pagesize}")',
      example: 0x00040013n,
      exampleMeaning: 'Xen 4.19 (an example: 4 << 16 | 19)',
      sources: [xen('xen/include/public/version.h', '"returns major:minor (16:16)"; "NB. All ops return zero on success, except XENVER_{version,pagesize}"')],
    },
  ],
  handles: 'it returns its major version in the upper 16 bits and its minor version in the lower 16 bits of the result.',
  returnsOnSuccess: true,
  sources: [xenSrc.number('xen_version', 17), xen('xen/include/public/version.h', 'XENVER_version 0'), xenSrc.linuxA64('HYPERCALL2(xen_version)')],
  notes: [],
};

const consoleIo: Call = {
  id: 'xen-console-io',
  name: 'console_io (CONSOLEIO_write)',
  family: XEN_FAMILY,
  summary: 'Write characters to Xen’s own console, the emergency console a guest uses before its drivers are up.',
  number: num('console_io', 18),
  args: [
    {
      name: 'cmd',
      meaning: 'CONSOLEIO_write (0); CONSOLEIO_read is 1',
      example: 0n,
      sources: [xen(XEN_H, '#define CONSOLEIO_write 0, #define CONSOLEIO_read 1')],
    },
    {
      name: 'count',
      meaning: 'size of the buffer to write, in bytes',
      example: 13n,
      sources: [xen(XEN_H, 'HYPERVISOR_console_io(unsigned int cmd, unsigned int count, char buffer[]): "@count: Size of the buffer to read/write"')],
    },
    {
      name: 'buffer',
      meaning: 'guest address of the characters',
      example: 0x80001000n,
      sources: [xen(XEN_H, 'HYPERVISOR_console_io(…, char buffer[])'), xenSrc.linuxX86('HYPERVISOR_console_io(int cmd, int count, char *str): _hypercall3')],
    },
  ],
  results: [
    rc('the return value (int).', '0 (an example; the header does not say what CONSOLEIO_write returns on success)', [
      xen(XEN_H, 'int HYPERVISOR_console_io(…)'),
    ]),
  ],
  handles: 'it copies count bytes from buffer and prints them on the Xen console.',
  returnsOnSuccess: true,
  sources: [xenSrc.number('console_io', 18), xen(XEN_H, 'HYPERVISOR_console_io'), xenSrc.linuxA64('HYPERCALL3(console_io)')],
  notes: [
    {
      kind: 'unconfirmed',
      text: 'The public header documents cmd, count and buffer but not the success value of CONSOLEIO_write; 0 is shown as an example only.',
      sources: [xen(XEN_H, 'HYPERVISOR_console_io')],
    },
  ],
};

const schedOp: Call = {
  id: 'xen-sched-op',
  name: 'sched_op (SCHEDOP_yield)',
  family: XEN_FAMILY,
  summary: 'Scheduler operations: yield, block, shut down, poll event channels. SCHEDOP_yield gives up the CPU voluntarily.',
  number: num('sched_op', 29),
  args: [
    {
      name: 'cmd',
      meaning: 'SCHEDOP_yield (0), "Voluntarily yield the CPU"',
      example: 0n,
      sources: [xen('xen/include/public/sched.h', '/* Voluntarily yield the CPU. @arg == NULL. */ #define SCHEDOP_yield 0')],
    },
    {
      name: 'arg',
      meaning: 'operation-specific; NULL for SCHEDOP_yield',
      example: 0n,
      sources: [xen('xen/include/public/sched.h', '"@arg == Operation-specific extra argument(s)"; SCHEDOP_yield "@arg == NULL"')],
    },
  ],
  results: [rc('the return value.', '0: yielded', [xenSrc.linuxX86('HYPERVISOR_sched_op(int cmd, void *arg): _hypercall2(int, …)')])],
  handles: 'it lets the scheduler run another vCPU on this physical CPU before returning.',
  returnsOnSuccess: true,
  sources: [xenSrc.number('sched_op', 29), xen('xen/include/public/sched.h', 'SCHEDOP_yield'), xenSrc.linuxA64('HYPERCALL2(sched_op)')],
  notes: [armOnly('On Arm all generic sched_op sub-operations are supported except SCHEDOP_block ("prefer wfi hardware instruction").')],
};

const eventChannelOp: Call = {
  id: 'xen-event-channel-op',
  name: 'event_channel_op (EVTCHNOP_send)',
  family: XEN_FAMILY,
  summary: 'Event-channel operations. EVTCHNOP_send notifies the other end of an event channel.',
  number: num('event_channel_op', 32),
  args: [
    {
      name: 'cmd',
      meaning: 'EVTCHNOP_send (4): "Send an event to the remote end of the channel whose local endpoint is <port>"',
      example: 4n,
      sources: [xen('xen/include/public/event_channel.h', '#define EVTCHNOP_send 4')],
    },
    {
      name: 'args',
      meaning: 'guest address of struct evtchn_send { evtchn_port_t port; }',
      example: 0x80002000n,
      sources: [
        xen(
          'xen/include/public/event_channel.h',
          'HYPERVISOR_event_channel_op(enum event_channel_op cmd, void *args): "@args == struct evtchn_* Operation-specific extra arguments"; struct evtchn_send',
        ),
      ],
    },
  ],
  results: [rc('0 on success.', '0: the event was sent', [xen('xen/include/public/event_channel.h', '"` enum neg_errnoval HYPERVISOR_event_channel_op(…)"')])],
  handles: 'it marks the event pending at the remote end of the channel and raises an upcall there if it is not masked.',
  returnsOnSuccess: true,
  sources: [xenSrc.number('event_channel_op', 32), xen('xen/include/public/event_channel.h', 'EVTCHNOP_send'), xenSrc.linuxA64('HYPERCALL2(event_channel_op)')],
  notes: [],
};

const hvmOp: Call = {
  id: 'xen-hvm-op',
  name: 'hvm_op (HVMOP_get_param)',
  family: XEN_FAMILY,
  summary: 'HVM operations. HVMOP_get_param reads an HVM parameter such as the xenstore page or event channel.',
  number: num('hvm_op', 34),
  args: [
    {
      name: 'op',
      meaning: 'HVMOP_get_param (1); HVMOP_set_param is 0',
      example: 1n,
      sources: [xen('xen/include/public/hvm/hvm_op.h', '#define HVMOP_set_param 0, #define HVMOP_get_param 1')],
    },
    {
      name: 'arg',
      meaning: 'guest address of struct xen_hvm_param { domid, index, value }; Xen fills in value',
      example: 0x80003000n,
      sources: [
        xen(
          'xen/include/public/hvm/hvm_op.h',
          '"Get/set subcommands: extra argument == pointer to xen_hvm_param struct"; domid (IN), index (IN), value (IN/OUT)',
        ),
      ],
    },
  ],
  results: [
    rc('0 on success; the parameter comes back in the structure.', '0: value was written to the structure', [
      xenSrc.linuxX86('HYPERVISOR_hvm_op(int op, void *arg): _hypercall2(unsigned long, …)'),
    ]),
  ],
  handles: 'it looks up the parameter named by index for the domain and writes it into the structure’s value field.',
  returnsOnSuccess: true,
  sources: [xenSrc.number('hvm_op', 34), xen('xen/include/public/hvm/hvm_op.h', 'HVMOP_get_param'), xenSrc.linuxA64('HYPERCALL2(hvm_op)')],
  notes: [
    armOnly(
      'On Arm "exactly these sub-operations are supported": HVMOP_set_param and HVMOP_get_param. Arm guests find xenstore and the PV console with HVMOP_get_param.',
    ),
  ],
};

const memoryOp: Call = {
  id: 'xen-memory-op',
  name: 'memory_op (XENMEM_add_to_physmap)',
  family: XEN_FAMILY,
  summary: 'Memory reservation and mapping. XENMEM_add_to_physmap places a Xen page (shared info, grant table) at a guest frame.',
  number: num('memory_op', 12),
  args: [
    { name: 'cmd', meaning: 'XENMEM_add_to_physmap (7)', example: 7n, sources: [xen('xen/include/public/memory.h', '#define XENMEM_add_to_physmap 7')] },
    {
      name: 'arg',
      meaning: 'guest address of struct xen_add_to_physmap { domid, size, space, idx, gpfn }',
      example: 0x80004000n,
      sources: [
        xen('xen/include/public/memory.h', '"arg == addr of xen_add_to_physmap_t"'),
        xenSrc.linuxX86('HYPERVISOR_memory_op(unsigned int cmd, void *arg): _hypercall2(long, …)'),
      ],
    },
  ],
  results: [rc('0 on success.', '0: the page is mapped at gpfn', [xenSrc.linuxX86('HYPERVISOR_memory_op(…): _hypercall2(long, …)')])],
  handles: 'it maps the page named by space and idx (for example XENMAPSPACE_shared_info) at guest frame gpfn.',
  returnsOnSuccess: true,
  sources: [
    xenSrc.number('memory_op', 12),
    xen('xen/include/public/memory.h', 'XENMEM_add_to_physmap, XENMAPSPACE_shared_info 0'),
    xenSrc.linuxA64('HYPERCALL2(memory_op)'),
  ],
  notes: [
    armOnly(
      'Arm guests map struct shared_info and the grant table this way: "HYPERVISOR_memory_op sub-op XENMEM_add_to_physmap, passing XENMAPSPACE_shared_info as space parameter".',
    ),
  ],
};

const grantTableOp: Call = {
  id: 'xen-grant-table-op',
  name: 'grant_table_op (GNTTABOP_query_size)',
  family: XEN_FAMILY,
  summary: 'Grant-table operations for sharing pages between domains. GNTTABOP_query_size asks how large the grant table is.',
  number: num('grant_table_op', 20),
  args: [
    { name: 'cmd', meaning: 'GNTTABOP_query_size (6)', example: 6n, sources: [xen('xen/include/public/grant_table.h', '#define GNTTABOP_query_size 6')] },
    {
      name: 'uop',
      meaning: 'guest address of an array of struct gnttab_query_size { dom; nr_frames, max_nr_frames, status }',
      example: 0x80005000n,
      sources: [
        xen(
          'xen/include/public/grant_table.h',
          'HYPERVISOR_grant_table_op(enum grant_table_op cmd, void *args, unsigned int count): "@args points to an array of a per-command data structure"',
        ),
      ],
    },
    {
      name: 'count',
      meaning: 'number of elements in the array',
      example: 1n,
      sources: [xen('xen/include/public/grant_table.h', '"The array has @count members"')],
    },
  ],
  results: [
    rc('0 when the array was processed; each element carries its own status.', '0: nr_frames and max_nr_frames are filled in', [
      xen('xen/include/public/grant_table.h', '"` enum neg_errnoval HYPERVISOR_grant_table_op(…)"; int16_t status /* GNTST_* */'),
    ]),
  ],
  handles: 'it writes the current and maximum number of grant-table frames of the domain into each element.',
  returnsOnSuccess: true,
  sources: [xenSrc.number('grant_table_op', 20), xen('xen/include/public/grant_table.h', 'GNTTABOP_query_size'), xenSrc.linuxA64('HYPERCALL3(grant_table_op)')],
  notes: [],
};

const vcpuOp: Call = {
  id: 'xen-vcpu-op',
  name: 'vcpu_op (VCPUOP_register_vcpu_info)',
  family: XEN_FAMILY,
  summary: 'Per-vCPU operations. VCPUOP_register_vcpu_info tells Xen where this vCPU’s vcpu_info structure lives.',
  number: num('vcpu_op', 24),
  args: [
    {
      name: 'cmd',
      meaning: 'VCPUOP_register_vcpu_info (10)',
      example: 10n,
      sources: [xen('xen/include/public/vcpu.h', '#define VCPUOP_register_vcpu_info 10 /* arg == vcpu_register_vcpu_info_t */')],
    },
    {
      name: 'vcpuid',
      meaning: 'the vCPU to operate on',
      example: 0n,
      sources: [xen('xen/include/public/vcpu.h', 'vcpu_op(int cmd, unsigned int vcpuid, void *extra_args): "@vcpuid == VCPU to operate on"')],
    },
    {
      name: 'extra_args',
      meaning: 'guest address of struct vcpu_register_vcpu_info { mfn, offset, rsvd }',
      example: 0x80006000n,
      sources: [xen('xen/include/public/vcpu.h', '"@extra_args == Operation-specific extra arguments (NULL if none)"; struct vcpu_register_vcpu_info')],
    },
  ],
  results: [
    rc('0 on success.', '0: Xen now writes this vCPU’s vcpu_info at mfn:offset', [
      xenSrc.linuxX86('HYPERVISOR_vcpu_op(int cmd, int vcpuid, void *extra_args): _hypercall3(int, …)'),
    ]),
  ],
  handles: 'it records the frame and offset where it will keep this vCPU’s vcpu_info from now on (allowed once per vCPU).',
  returnsOnSuccess: true,
  sources: [
    xenSrc.number('vcpu_op', 24),
    xen('xen/include/public/vcpu.h', 'VCPUOP_register_vcpu_info: "This may be called only once per vcpu."'),
    xenSrc.linuxA64('HYPERCALL3(vcpu_op)'),
  ],
  notes: [
    armOnly(
      'On Arm "exactly these sub-operations are supported": VCPUOP_register_vcpu_info and VCPUOP_register_runstate_memory_area. Arm guests map every vcpu_info this way, vCPU 0 included.',
    ),
  ],
};

export const xenCalls: readonly Call[] = [xenVersion, consoleIo, schedOp, eventChannelOp, hvmOp, memoryOp, grantTableOp, vcpuOp];

/* ---------------------------------------------------------------- Arm */

const armSrc = {
  abi: xen(
    ARM_H,
    '`incontents 50 arm_abi Hypercall Calling Convention: "A hypercall can take up to 5 arguments … the first argument in x0/r0 … the fifth in x4/r4"',
  ),
  number: xen(ARM_H, '"The hypercall number is passed in r12 (arm) or x16 (arm64)."'),
  tag: xen(ARM_H, '"The HVC ISS must contain a Xen specific TAG: XEN_HYPERCALL_TAG"; #define XEN_HYPERCALL_TAG 0XEA1'),
  ret: xen(ARM_H, '"The return value is in x0/r0."'),
  clobber: xen(
    ARM_H,
    '"The hypercall will clobber x16/r12 and the argument registers used by that hypercall (except r0 which is the return value) i.e. in addition to x16/r12 a 2 argument hypercall will clobber x1/r1 and a 4 argument hypercall will clobber x1/r1, x2/r2 and x3/r3."',
  ),
  regsMacros: xen(TRAPS, 'HYPERCALL_RESULT_REG(r) (r)->x0, HYPERCALL_ARG1(r) (r)->x0 … HYPERCALL_ARG5(r) (r)->x4 (r0…r4 on arm32)'),
  enosys: xen(
    TRAPS,
    'do_trap_hypercall(): if ( *nr >= ARRAY_SIZE(arm_hypercall_table) ) … HYPERCALL_RESULT_REG(regs) = -ENOSYS; also when the table entry is NULL',
  ),
  debugPoison: xen(
    TRAPS,
    'do_trap_hypercall(): #ifndef NDEBUG "Deliberately corrupt parameter regs used by this hypercall": ARG2…ARG5 = 0xDEADBEEF, *nr = 0xDEADBEEF; "Don\'t clobber x0/r0 -- it\'s the return value"',
  ),
  badImm: xen(
    TRAPS,
    'do_trap_hypercall(): if ( hsr.iss != XEN_HYPERCALL_TAG ) { gprintk(XENLOG_WARNING, "Invalid HVC imm 0x%x\\n", hsr.iss); return inject_undef_exception(regs, hsr); }',
  ),
  linuxA64: linux(A64_S, 'HYPERCALL_SIMPLE: mov x16, #__HYPERVISOR_##hypercall; hvc XEN_IMM (#define XEN_IMM 0xEA1)'),
  linuxA32: linux(
    A32_S,
    'HYPERCALL_SIMPLE: mov r12, #__HYPERVISOR_##hypercall; __HVC(XEN_IMM); HYPERCALL5 pushes r4 and loads the fifth argument from the stack',
  ),
};

const clobberNote: Note = {
  kind: 'info',
  text: 'Xen clobbers only the argument registers a call actually uses (besides x0, the result). The app shows that per call: an argument register the call uses is lost after the call, and the others are left without a promise. x16/r12 is lost on every call.',
  sources: [armSrc.clobber],
};

const preservedNote: Note = {
  kind: 'unconfirmed',
  text: 'arch-arm.h lists what a hypercall clobbers but never says which registers it preserves. Every register it does not name (x5–x15, x17–x30, sp; r5–r11, sp, lr on AArch32) is shown as preserved on that reading.',
  sources: [armSrc.clobber],
};

const debugNote: Note = {
  kind: 'info',
  text: 'A debug build of Xen makes the clobbering visible: after the call it writes 0xDEADBEEF to the argument registers the call used (not x0) and to x16/r12.',
  sources: [armSrc.debugPoison],
};

const badImmNote: Note = {
  kind: 'history',
  text: 'An hvc whose immediate is not 0xEA1 is not a Xen hypercall. Current Xen logs "Invalid HVC imm" and injects an undefined-instruction exception into the guest. Earlier Xen on Arm crashed the domain (domain_crash_synchronous()), and the first versions wrote -EINVAL to r0 ("received an alien hypercall").',
  sources: [
    armSrc.badImm,
    xenAt(
      'e26fbaf024eeec712ecdfe453258b6d2436ea4d9',
      'xen/arch/arm/traps.c',
      'do_trap_hypercall(regs, iss): "if ( iss != XEN_HYPERCALL_TAG ) domain_crash_synchronous();" (added by commit e26fbaf0, October 2012)',
    ),
    xenAt(
      '40f20c4bfcd5d25c90f9419250ca8a229bf4c1e5',
      'xen/arch/arm/traps.c',
      'do_trap_hypercall(regs, iss): printk("%s %d: received an alien hypercall iss=%lx\\n", …); "regs->r0 = -EINVAL;" (March 2012)',
    ),
  ],
};

function armConvention(wide: boolean): Convention {
  const arch = wide ? aarch64 : aarch32;
  const p = wide ? 'x' : 'r';
  const sel = wide ? 'x16' : 'r12';
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${p}${from + i}`);
  const preserved = wide ? [...range(5, 15), ...range(17, 30), 'sp'] : [...range(5, 11), 'r13', 'r14'];
  return {
    id: wide ? 'xen-arm64-hvc' : 'xen-arm32-hvc',
    name: `Xen hypercall · hvc #0xEA1 (${wide ? 'AArch64' : 'AArch32'})`,
    family: XEN_FAMILY,
    familyName: XEN_FAMILY_NAME,
    era: wide ? 'Arm64 hvc #0xEA1' : 'Arm32 hvc #0xEA1',
    summary:
      `Xen on Arm from a ${wide ? 'AArch64' : 'AArch32'} guest: hvc with the immediate 0xEA1 (XEN_HYPERCALL_TAG), the hypercall number in ${sel}, ` +
      `up to five arguments in ${p}0–${p}4 and the result in ${p}0. The call clobbers ${sel} and the argument registers it uses.`,
    arch,
    instruction: arch.instructions.hvc!,
    imm: 0xea1,
    selector: sel,
    selectorName: 'hypercall number',
    slotBits: wide ? 64 : 32,
    args: range(0, 4),
    results: [`${p}0`],
    clobbered: [sel],
    preserved,
    roleSources: {
      args: [armSrc.abi, armSrc.regsMacros],
      results: [armSrc.ret, armSrc.regsMacros],
      clobbered: [armSrc.clobber, armSrc.debugPoison],
      preserved: [armSrc.clobber],
    },
    unknownCall: { value: xenEnosys(wide ? 64 : 32), name: '-ENOSYS (-38)', sources: [armSrc.enosys, xenSrc.errno] },
    handler: 'the hypervisor',
    exception: armException(arch.instructions.hvc!.id),
    handlerPath: xenArmHandler,
    eraLinks: [
      { id: wide ? 'xen-arm32-hvc' : 'xen-arm64-hvc', relation: 'related', why: wide ? 'the AArch32 form: r12 and r0–r4' : 'the AArch64 form: x16 and x0–x4' },
      { id: 'xen-x86-64-hypercall-page', relation: 'related', why: 'the same hypercalls on x86, through the hypercall page' },
    ],
    sources: [armSrc.abi, armSrc.number, armSrc.tag, wide ? armSrc.linuxA64 : armSrc.linuxA32],
    notes: [clobberNote, preservedNote, debugNote, badImmNote],
  };
}

export const xenArmConventions: readonly Convention[] = [armConvention(true), armConvention(false)];

export const xenArm: Family = { conventions: xenArmConventions, calls: xenCalls };

/** Sources the x86 conventions share with the calls. */
export const xenLinuxXen = linux(
  L_XEN_H,
  'header comment: "x86_64: RAX = vector; RDI, RSI, RDX, R10, R8, R9 = args 1, 2, 3, 4, 5, 6. RAX = return value (argument registers not clobbered on return; RCX, R11 are)"',
);
