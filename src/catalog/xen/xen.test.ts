import { describe, expect, it } from 'vitest';
import { callFits } from '../../model/call';
import { computeSyndrome, encodeInstruction } from '../../model/encoding';
import { marshal } from '../../model/plan';
import { requireCall, requireConvention } from '../index';
import { catalog } from '../all';
import { xenArm, xenCalls, xenEnosys } from './arm';
import { xenX86 } from './x86';

const call = (id: string) => requireCall(catalog, id);
const conv = (id: string) => requireConvention(catalog, id);

describe('hypercall numbers (xen/include/public/xen.h)', () => {
  it.each([
    ['xen-memory-op', 12n],
    ['xen-version', 17n],
    ['xen-console-io', 18n],
    ['xen-grant-table-op', 20n],
    ['xen-vcpu-op', 24n],
    ['xen-sched-op', 29n],
    ['xen-event-channel-op', 32n],
    ['xen-hvm-op', 34n],
  ])('%s is __HYPERVISOR_* %d', (id, n) => {
    expect(call(id).number.value).toBe(n);
    expect(call(id).number.stated).toMatchObject({ value: n, how: 'literal' });
  });

  it('shares one set of calls between Arm and x86, exported once', () => {
    expect(xenX86.calls).toHaveLength(0);
    expect(xenArm.calls).toBe(xenCalls);
    for (const c of [...xenArm.conventions, ...xenX86.conventions]) for (const k of xenCalls) expect(callFits(c, k), `${c.id} ${k.id}`).toBe(true);
  });

  it('gives sub-command numbers from the public headers', () => {
    const cmd = (id: string) => call(id).args[0]!.example;
    expect(cmd('xen-version')).toBe(0n); // XENVER_version
    expect(cmd('xen-console-io')).toBe(0n); // CONSOLEIO_write
    expect(cmd('xen-sched-op')).toBe(0n); // SCHEDOP_yield
    expect(cmd('xen-event-channel-op')).toBe(4n); // EVTCHNOP_send
    expect(cmd('xen-hvm-op')).toBe(1n); // HVMOP_get_param
    expect(cmd('xen-memory-op')).toBe(7n); // XENMEM_add_to_physmap
    expect(cmd('xen-grant-table-op')).toBe(6n); // GNTTABOP_query_size
    expect(cmd('xen-vcpu-op')).toBe(10n); // VCPUOP_register_vcpu_info
  });

  it('xen_version answers major << 16 | minor', () => {
    expect(call('xen-version').results[0]!.example).toBe((4n << 16n) | 19n);
  });
});

describe('Xen on Arm: hvc #0xEA1', () => {
  it('AArch64: 0xD401D422, ESR_EL2 0x5A000EA1', () => {
    const c = conv('xen-arm64-hvc');
    expect(c.imm).toBe(0xea1);
    expect(encodeInstruction(c.instruction, 0xea1)).toEqual({ text: 'hvc #0xEA1', hex: '0xD401D422' });
    expect(computeSyndrome(c.instruction.syndrome!, 0xea1).value).toBe(0x5a000ea1n);
  });

  it('AArch32: 0xE140EA71, ESR_EL2 0x4A000EA1', () => {
    const c = conv('xen-arm32-hvc');
    expect(encodeInstruction(c.instruction, 0xea1).hex).toBe('0xE140EA71');
    expect(computeSyndrome(c.instruction.syndrome!, 0xea1).value).toBe(0x4a000ea1n);
  });

  it('puts the number in x16, arguments from x0, and loses x16 plus only the argument registers used', () => {
    const plan = marshal(conv('xen-arm64-hvc'), call('xen-console-io'));
    expect(plan.inputs.map((s) => [s.register, s.kind])).toEqual([
      ['x16', 'selector'],
      ['x0', 'argument'],
      ['x1', 'argument'],
      ['x2', 'argument'],
    ]);
    expect(plan.inputs[0]!.value).toBe(18n);
    expect(plan.outputs.map((o) => o.register)).toEqual(['x0']);
    expect([...plan.lost].sort()).toEqual(['x1', 'x16', 'x2']);
    expect(plan.lost).not.toContain('x3');
    expect(plan.preserved).toEqual(expect.arrayContaining(['x5', 'x15', 'x17', 'x30', 'sp']));
    expect(plan.preserved).not.toContain('x16');
  });

  it('a two-argument call loses x1 but not x2 (arch-arm.h: "a 2 argument hypercall will clobber x1/r1")', () => {
    const plan = marshal(conv('xen-arm64-hvc'), call('xen-memory-op'));
    expect(plan.lost).toContain('x1');
    expect(plan.lost).not.toContain('x2');
  });

  it('AArch32 uses r12 and r0-r4', () => {
    const plan = marshal(conv('xen-arm32-hvc'), call('xen-vcpu-op'));
    expect(plan.inputs.map((s) => s.register)).toEqual(['r12', 'r0', 'r1', 'r2']);
    expect(plan.inputs[0]!.value).toBe(24n);
    expect([...plan.lost].sort()).toEqual(['r1', 'r12', 'r2']);
  });

  it('answers an unknown number with -ENOSYS (-38)', () => {
    expect(xenEnosys(64)).toBe(0xffffffffffffffdan);
    expect(xenEnosys(32)).toBe(0xffffffdan);
    const plan = marshal(conv('xen-arm64-hvc'), call('xen-version'), { x16: 99n });
    expect(plan.outputs[0]).toMatchObject({ register: 'x0', value: 0xffffffffffffffdan });
  });
});

describe('Xen on x86', () => {
  it('the hypercall page stub is mov $nr, %eax; vmcall; ret, called at hypercall_page + nr * 32', () => {
    const c = conv('xen-x86-64-hypercall-page');
    expect(c.imm).toBe('call');
    expect(encodeInstruction(c.instruction, 17)).toEqual({ text: 'call hypercall_page+0x220', hex: 'B8 11 00 00 00 0F 01 C1 C3' });
    expect(encodeInstruction(c.instruction, 34).hex).toBe('B8 22 00 00 00 0F 01 C1 C3');
    expect(computeSyndrome(c.instruction.syndrome!, 17).value).toBe(18n);
    expect(computeSyndrome(c.instruction.alsoSyndromes![0]!, 17).value).toBe(0x81n);
  });

  it('takes the number of the call as the immediate, and the stub loads it into eax', () => {
    const plan = marshal(conv('xen-x86-64-hypercall-page'), call('xen-sched-op'));
    expect(plan.trap.instruction.text).toBe('call hypercall_page+0x3A0');
    expect(plan.inputs[0]).toMatchObject({ register: 'eax', cell: 'rax', kind: 'selector', value: 29n });
    expect(plan.inputs.slice(1).map((s) => s.register)).toEqual(['rdi', 'rsi']);
  });

  it('a direct vmcall puts the number in rax and arguments in rdi, rsi, rdx, r10, r8', () => {
    const c = conv('xen-x86-64-vmcall');
    expect(c.args).toEqual(['rdi', 'rsi', 'rdx', 'r10', 'r8']);
    const plan = marshal(c, call('xen-grant-table-op'));
    expect(plan.trap.instruction.hex).toBe('0F 01 C1');
    expect(plan.inputs.map((s) => s.register)).toEqual(['rax', 'rdi', 'rsi', 'rdx']);
    expect([...plan.lost].sort()).toEqual(['rdi', 'rdx', 'rsi']);
    expect(plan.preserved).not.toContain('r10');
    expect(plan.preserved).toEqual(expect.arrayContaining(['rbx', 'rcx', 'r11']));
    expect(conv('xen-x86-64-vmmcall').instruction.encoding).toMatchObject({ bytes: [0x0f, 0x01, 0xd9] });
  });

  it('32-bit guests use eax and ebx, ecx, edx, esi, edi', () => {
    const plan = marshal(conv('xen-x86-32-vmcall'), call('xen-vcpu-op'));
    expect(plan.inputs.map((s) => s.register)).toEqual(['eax', 'ebx', 'ecx', 'edx']);
    expect(conv('xen-x86-32-hypercall-page').unknownCall!.value).toBe(0xffffffdan);
  });

  it('records the clobbering and parameter-count disagreements', () => {
    const kinds = conv('xen-x86-64-vmcall').notes.map((n) => n.kind);
    expect(kinds.filter((k) => k === 'disagreement')).toHaveLength(2);
    expect(conv('xen-x86-64-vmcall').notes.some((n) => n.text.includes('RCX, R11'))).toBe(true);
  });
});
