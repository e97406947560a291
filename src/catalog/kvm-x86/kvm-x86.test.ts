import { describe, expect, it } from 'vitest';
import { callFits } from '../../model/call';
import { computeSyndrome, encodeInstruction } from '../../model/encoding';
import { marshal } from '../../model/plan';
import { requireCall, requireConvention } from '../index';
import { catalog } from '../all';
import { KVM_ERRORS, kvmX86, negated } from './index';

const call = (id: string) => requireCall(catalog, id);
const conv = (id: string) => requireConvention(catalog, id);

describe('KVM x86 hypercall numbers (include/uapi/linux/kvm_para.h)', () => {
  it.each([
    ['kvm-hc-vapic-poll-irq', 1n],
    ['kvm-hc-kick-cpu', 5n],
    ['kvm-hc-clock-pairing', 9n],
    ['kvm-hc-send-ipi', 10n],
    ['kvm-hc-sched-yield', 11n],
    ['kvm-hc-map-gpa-range', 12n],
  ])('%s is %d, as the header writes it', (id, n) => {
    expect(call(id).number.value).toBe(n);
    expect(call(id).number.stated).toMatchObject({ value: n, how: 'literal' });
  });

  it('offers exactly these six calls, under all four conventions', () => {
    expect(kvmX86.calls.map((c) => c.id).sort()).toEqual([
      'kvm-hc-clock-pairing',
      'kvm-hc-kick-cpu',
      'kvm-hc-map-gpa-range',
      'kvm-hc-sched-yield',
      'kvm-hc-send-ipi',
      'kvm-hc-vapic-poll-irq',
    ]);
    for (const c of kvmX86.conventions) for (const k of kvmX86.calls) expect(callFits(c, k), `${c.id} ${k.id}`).toBe(true);
  });
});

describe('error codes as the guest sees them', () => {
  it('takes the values from kvm_para.h and errno-base.h', () => {
    expect(KVM_ERRORS).toEqual({ KVM_ENOSYS: 1000n, KVM_EFAULT: 14n, KVM_EINVAL: 22n, KVM_E2BIG: 7n, KVM_EPERM: 1n, KVM_EOPNOTSUPP: 95n });
  });

  it('negates them into rax and eax', () => {
    expect(negated('KVM_ENOSYS', 64)).toBe(0xfffffffffffffc18n);
    expect(negated('KVM_ENOSYS', 32)).toBe(0xfffffc18n);
    expect(negated('KVM_EOPNOTSUPP', 64)).toBe(0xffffffffffffffa1n);
    expect(negated('KVM_EFAULT', 64)).toBe(0xfffffffffffffff2n);
    expect(negated('KVM_EINVAL', 64)).toBe(0xffffffffffffffean);
    expect(negated('KVM_E2BIG', 64)).toBe(0xfffffffffffffff9n);
    expect(negated('KVM_EPERM', 64)).toBe(0xffffffffffffffffn);
  });

  it('answers an unknown number with -KVM_ENOSYS in rax (64-bit) or eax (32-bit)', () => {
    expect(conv('kvm-x86-vmcall').unknownCall!.value).toBe(0xfffffffffffffc18n);
    expect(conv('kvm-x86-vmmcall').unknownCall!.value).toBe(0xfffffffffffffc18n);
    expect(conv('kvm-x86-32-vmcall').unknownCall!.value).toBe(0xfffffc18n);
    const plan = marshal(conv('kvm-x86-vmcall'), call('kvm-hc-sched-yield'), { rax: 0x7777n });
    expect(plan.callNumberIsCatalog).toBe(false);
    expect(plan.outputs).toHaveLength(1);
    expect(plan.outputs[0]).toMatchObject({ register: 'rax', value: 0xfffffffffffffc18n });
  });

  it('spells the negated codes out in the result meanings', () => {
    expect(call('kvm-hc-map-gpa-range').results[0]!.meaning).toContain('-KVM_ENOSYS = 0xFFFFFFFFFFFFFC18');
    expect(call('kvm-hc-map-gpa-range').results[0]!.meaning).toContain('-KVM_EINVAL = 0xFFFFFFFFFFFFFFEA');
    expect(call('kvm-hc-clock-pairing').results[0]!.meaning).toContain('-KVM_EOPNOTSUPP = 0xFFFFFFFFFFFFFFA1');
    expect(call('kvm-hc-send-ipi').results[0]!.meaning).toContain('0xFFFFFC18 in eax');
  });
});

describe('instructions and exits', () => {
  it('vmcall is 0F 01 C1 and exits with EXIT_REASON_VMCALL (18)', () => {
    for (const id of ['kvm-x86-vmcall', 'kvm-x86-32-vmcall']) {
      const ins = conv(id).instruction;
      expect(encodeInstruction(ins, 0)).toEqual({ text: 'vmcall', hex: '0F 01 C1' });
      expect(computeSyndrome(ins.syndrome!, 0).value).toBe(18n);
    }
  });

  it('vmmcall is 0F 01 D9 and exits with SVM_EXIT_VMMCALL (0x081)', () => {
    for (const id of ['kvm-x86-vmmcall', 'kvm-x86-32-vmmcall']) {
      const ins = conv(id).instruction;
      expect(encodeInstruction(ins, 0)).toEqual({ text: 'vmmcall', hex: '0F 01 D9' });
      expect(computeSyndrome(ins.syndrome!, 0).value).toBe(0x81n);
    }
  });

  it('derives VMCALL from the Grp7 row of x86-opcode-map.txt: 0F 01, mod 11, reg 000, r/m 001', () => {
    const modrm = (mod: number, reg: number, rm: number) => (mod << 6) | (reg << 3) | rm;
    expect(modrm(0b11, 0b000, 0b001)).toBe(0xc1);
    expect(conv('kvm-x86-vmcall').instruction.encoding).toMatchObject({ kind: 'bytes', bytes: [0x0f, 0x01, modrm(0b11, 0, 0b001)] });
  });
});

describe('register placement in the plan', () => {
  it('puts the number in rax and a0..a3 in rbx, rcx, rdx, rsi, and keeps every other GPR', () => {
    const plan = marshal(conv('kvm-x86-vmcall'), call('kvm-hc-send-ipi'));
    expect(plan.inputs.map((s) => [s.register, s.kind, s.value])).toEqual([
      ['rax', 'selector', 10n],
      ['rbx', 'argument', 0xen],
      ['rcx', 'argument', 0n],
      ['rdx', 'argument', 0n],
      ['rsi', 'argument', 0xfbn],
    ]);
    expect(plan.outputs.map((o) => [o.register, o.value])).toEqual([['rax', 3n]]);
    expect(plan.lost).toEqual([]);
    expect(plan.preserved).toEqual(expect.arrayContaining(['rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'r8', 'r15']));
    expect(plan.preserved).not.toContain('rax');
  });

  it('uses eax, ebx, ecx, edx, esi for a 32-bit guest', () => {
    const plan = marshal(conv('kvm-x86-32-vmmcall'), call('kvm-hc-map-gpa-range'));
    expect(plan.inputs.map((s) => [s.register, s.cell, s.bits])).toEqual([
      ['eax', 'eax', 32],
      ['ebx', 'ebx', 32],
      ['ecx', 'ecx', 32],
      ['edx', 'edx', 32],
    ]);
    expect(plan.outputs[0]!.register).toBe('eax');
    expect(plan.trap.instruction.hex).toBe('0F 01 D9');
  });

  it('KICK_CPU passes the APIC ID as a1, in rcx', () => {
    const plan = marshal(conv('kvm-x86-vmcall'), call('kvm-hc-kick-cpu'), { rcx: 3n });
    expect(plan.inputs.find((s) => s.name === 'apicid')).toMatchObject({ register: 'rcx', value: 3n });
    expect(plan.inputs.find((s) => s.name === 'flags')).toMatchObject({ register: 'rbx', value: 0n });
  });
});
