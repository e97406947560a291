import { describe, expect, it } from 'vitest';
import { decodeFields, encodeFields } from '../../model/bits';
import { callFits } from '../../model/call';
import { computeSyndrome, encodeInstruction } from '../../model/encoding';
import { marshal } from '../../model/plan';
import { callsFor, requireCall, requireConvention } from '../index';
import { mrsXzrMdccsrWord, x7Layout } from './instructions';
import { vmware } from './index';
import { catalog } from '../all';

const call = (id: string) => requireCall(catalog, id);
const conv = (id: string) => requireConvention(catalog, id);

/*
 * Literals as the sources write them, checked against what the catalog
 * computes. Each one is typed here from the source, not imported from the
 * data, so a wrong digit in either place fails.
 */
const VMWARE_HYPERVISOR_MAGIC = 0x564d5868n; // vmware.h 0x564d5868U, vmwgfx_msg_arm64.h 0x564D5868
const VMWARE_HYPERVISOR_PORT = 0x5658n; // vmware.h
const VMWARE_HYPERVISOR_PORT_HB = 0x5659n; // vmwgfx_msg_arm64.h literal; vmware.h PORT | BIT(0)

const x86Ids = ['vmware-x86-port-io', 'vmware-x86-vmcall', 'vmware-x86-vmmcall', 'vmware-x86-hb-out', 'vmware-x86-hb-in'];
const allIds = [...x86Ids, 'vmware-arm64-vmwgfx'];

describe('VMware constants', () => {
  it('loads the magic 0x564D5868 in eax (x86) and x0 (arm64)', () => {
    for (const id of x86Ids) expect(conv(id).fixed!.find((f) => f.register === 'eax')!.value, id).toBe(VMWARE_HYPERVISOR_MAGIC);
    expect(conv('vmware-arm64-vmwgfx').fixed!.find((f) => f.register === 'x0')!.value).toBe(VMWARE_HYPERVISOR_MAGIC);
  });

  it('puts port 0x5658 in dx only on the port-I/O path', () => {
    expect(conv('vmware-x86-port-io').fixed!.find((f) => f.register === 'dx')!.value).toBe(VMWARE_HYPERVISOR_PORT);
    for (const id of ['vmware-x86-vmcall', 'vmware-x86-vmmcall'])
      expect(
        conv(id).fixed!.some((f) => f.register === 'dx'),
        id,
      ).toBe(false);
  });

  it('ORs port 0x5659 into the low word of edx on the high-bandwidth calls', () => {
    for (const id of ['vmware-rpc-hb-send-payload', 'vmware-rpc-hb-recv-payload']) {
      const edx = call(id).args.find((a) => a.register === 'edx')!.example;
      expect(edx & 0xffffn, id).toBe(VMWARE_HYPERVISOR_PORT_HB);
      expect(edx >> 16n, id).toBe(1n);
    }
    expect(VMWARE_HYPERVISOR_PORT | (1n << 0n)).toBe(VMWARE_HYPERVISOR_PORT_HB);
  });

  it.each([
    ['vmware-getversion', 10n],
    ['vmware-gethz', 45n],
    ['vmware-getvcpu-info', 68n],
    ['vmware-stealclock', 91n],
    ['vmware-rpc-hb-send-payload', 0x00010000n],
    ['vmware-rpc-hb-recv-payload', 0x00010000n],
    ['vmware-arm64-rpc-open-channel', 0x1en],
    ['vmware-arm64-rpc-close-channel', 0x6001en],
  ])('%s has command %s', (id, n) => {
    expect(call(id).number.value).toBe(n);
    expect(call(id).number.stated.value).toBe(n);
  });
});

describe('VMware trap instructions', () => {
  it.each([
    ['vmware-x86-port-io', 'ED', 'inl (%dx), %eax'],
    ['vmware-x86-vmcall', '0F 01 C1', 'vmcall'],
    ['vmware-x86-vmmcall', '0F 01 D9', 'vmmcall'],
    ['vmware-x86-hb-out', 'F3 6E', 'rep outsb'],
    ['vmware-x86-hb-in', 'F3 6C', 'rep insb'],
  ])('%s encodes as %s', (id, hex, text) => {
    expect(encodeInstruction(conv(id).instruction, 0)).toEqual({ text, hex });
  });

  it.each([
    ['vmware-x86-port-io', 30n, 0x7bn],
    ['vmware-x86-hb-out', 30n, 0x7bn],
    ['vmware-x86-hb-in', 30n, 0x7bn],
  ])('%s exits with VMX reason %s and SVM code %s', (id, vmx, svm) => {
    const ins = conv(id).instruction;
    expect(computeSyndrome(ins.syndrome!, 0).value).toBe(vmx);
    expect(ins.alsoSyndromes!.map((s) => computeSyndrome(s, 0).value)).toEqual([svm]);
  });

  it('vmcall exits with reason 18, vmmcall with SVM code 0x81', () => {
    expect(computeSyndrome(conv('vmware-x86-vmcall').instruction.syndrome!, 0).value).toBe(18n);
    expect(computeSyndrome(conv('vmware-x86-vmmcall').instruction.syndrome!, 0).value).toBe(0x81n);
  });

  it('mrs xzr, mdccsr_el0 is 0xd5200000 | sys_reg(2, 3, 0, 1, 0) | 31', () => {
    const sysReg = (op0: bigint, op1: bigint, crn: bigint, crm: bigint, op2: bigint) =>
      ((op0 & 3n) << 19n) | (op1 << 16n) | (crn << 12n) | (crm << 8n) | (op2 << 5n);
    const word = 0xd5200000n | sysReg(2n, 3n, 0n, 1n, 0n) | 31n;
    expect(word).toBe(0xd533011fn);
    expect(mrsXzrMdccsrWord).toBe(word);
    expect(encodeInstruction(conv('vmware-arm64-vmwgfx').instruction, 0)).toEqual({ text: 'mrs xzr, mdccsr_el0', hex: '0xD533011F' });
  });

  it('a trapped mrs xzr, mdccsr_el0 gives ESR_EL2 EC 0x18 with the MDCCSR_EL0 ISS, read, Rt 31', () => {
    const s = computeSyndrome(conv('vmware-arm64-vmwgfx').instruction.syndrome!, 0);
    // esr.h: EC << 26 | IL | op0 << 20 | op2 << 17 | op1 << 14 | crn << 10 | rt << 5 | crm << 1 | DIR_READ
    const esr = (0x18n << 26n) | (1n << 25n) | (2n << 20n) | (0n << 17n) | (3n << 14n) | (0n << 10n) | (31n << 5n) | (1n << 1n) | 1n;
    expect(s.value).toBe(esr);
    expect(s.value).toBe(0x6220c3e3n);
  });
});

describe('arm64 x7 descriptor', () => {
  it('is (0x86 << 32) | WITH | DIR | 2 = 0x000000860000000E for low bandwidth', () => {
    const x7 = conv('vmware-arm64-vmwgfx').fixed!.find((f) => f.register === 'x7')!;
    expect(x7.value).toBe(0x000000860000000en);
    expect(x7.value).toBe((0x86n << 32n) | (1n << 3n) | (1n << 2n) | (2n << 0n));
    expect(decodeFields(x7Layout, x7.value)).toMatchObject({ magic: 0x86n, with: 1n, dir: 1n, size: 2n, str: 0n });
  });

  it('gives the high-bandwidth values from the same layout (STR | WITH, plus DIR for in)', () => {
    expect(encodeFields(x7Layout, { magic: 0x86n, str: 1n, with: 1n })).toBe(0x0000008600000018n);
    expect(encodeFields(x7Layout, { magic: 0x86n, str: 1n, with: 1n, dir: 1n })).toBe(0x000000860000001cn);
  });
});

describe('register placement in the plan', () => {
  it('GETVERSION over port I/O: eax magic, edx 0 then dx port, ecx 10, ebx 0; results eax, ebx, ecx', () => {
    const p = marshal(conv('vmware-x86-port-io'), call('vmware-getversion'));
    expect(p.inputs.map((s) => [s.register, s.value])).toEqual([
      ['eax', VMWARE_HYPERVISOR_MAGIC],
      ['edx', 0n],
      ['dx', VMWARE_HYPERVISOR_PORT],
      ['ecx', 10n],
      ['ebx', 0n],
    ]);
    const trap = p.steps.find((s) => s.phase === 'trap')!;
    expect(trap.cells.rdx!.value).toBe(0x5658n);
    expect(trap.cells.rcx!.value).toBe(10n);
    expect(p.outputs.map((o) => o.register)).toEqual(['eax', 'ebx', 'ecx']);
    expect(p.outputs.find((o) => o.register === 'ebx')!.value).toBe(VMWARE_HYPERVISOR_MAGIC);
    expect(p.lost).toEqual(expect.arrayContaining(['rdx', 'rflags']));
  });

  it('GETVERSION over VMCALL: no port; EDX reaches the host as 0 and, as open-vm-tools clobbers it, is lost', () => {
    const p = marshal(conv('vmware-x86-vmcall'), call('vmware-getversion'));
    expect(p.inputs.map((s) => s.register)).toEqual(['eax', 'edx', 'ecx', 'ebx']);
    expect(p.trap.instruction.hex).toBe('0F 01 C1');
    expect(p.lost).toContain('rdx');
  });

  it('GETHZ passes UINT_MAX in ebx and reads TSC Hz from eax | ebx << 32', () => {
    const c = call('vmware-gethz');
    expect(c.args).toEqual([expect.objectContaining({ register: 'ebx', example: 0xffffffffn })]);
    const r = Object.fromEntries(c.results.map((x) => [x.register, x.example]));
    expect(r.eax! | (r.ebx! << 32n)).toBe(2_000_000_000n);
  });

  it('GETVCPU_INFO (vmware_hypercall1) returns eax only; ebx, ecx, esi and edi are lost (open-vm-tools), rbp and r8-r15 kept', () => {
    const p = marshal(conv('vmware-x86-vmmcall'), call('vmware-getvcpu-info'));
    expect(p.outputs.map((o) => o.register)).toEqual(['eax']);
    expect(p.lost).toEqual(expect.arrayContaining(['rbx', 'rcx', 'rsi', 'rdi']));
    expect(p.preserved).toEqual(['rbp', 'rsp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15']);
  });

  it('STEALCLOCK (vmware_hypercall5): esi = pa_hi, edi = pa_lo; returns eax and ecx only', () => {
    const p = marshal(conv('vmware-x86-port-io'), call('vmware-stealclock'), { esi: 0x2n, edi: 0x1000n });
    expect(p.inputs.filter((s) => s.kind === 'argument').map((s) => [s.register, s.value])).toEqual([
      ['ebx', 0n],
      ['esi', 0x2n],
      ['edi', 0x1000n],
    ]);
    expect(p.callNumber).toBe(91n);
    expect(p.outputs.map((o) => o.register)).toEqual(['eax', 'ecx']);
  });

  it('high bandwidth: command in ebx, sixth input in ebp, results eax and ebx', () => {
    const p = marshal(conv('vmware-x86-hb-out'), call('vmware-rpc-hb-send-payload'));
    expect(p.inputs.find((s) => s.kind === 'selector')).toMatchObject({ register: 'ebx', value: 0x10000n });
    expect(p.inputs.filter((s) => s.kind === 'argument').map((s) => s.register)).toEqual(['ecx', 'edx', 'rsi', 'edi', 'ebp']);
    expect(p.outputs.map((o) => o.register)).toEqual(['eax', 'ebx']);
    const q = marshal(conv('vmware-x86-hb-in'), call('vmware-rpc-hb-recv-payload'));
    expect(q.inputs.filter((s) => s.kind === 'argument').map((s) => s.register)).toEqual(['ecx', 'edx', 'esi', 'rdi', 'ebp']);
    expect(q.trap.instruction.hex).toBe('F3 6C');
  });

  it('arm64 open channel: x0 magic, x7 descriptor, x2 command, x3 port, x1 protocol; results x0, x2–x5', () => {
    const p = marshal(conv('vmware-arm64-vmwgfx'), call('vmware-arm64-rpc-open-channel'));
    expect(p.inputs.map((s) => [s.register, s.value])).toEqual([
      ['x0', VMWARE_HYPERVISOR_MAGIC],
      ['x7', 0x000000860000000en],
      ['x2', 0x1en],
      ['x3', VMWARE_HYPERVISOR_PORT],
      ['x1', 0x49435052n | 0x80000000n],
    ]);
    expect(p.outputs.map((o) => o.register)).toEqual(['x0', 'x2', 'x3', 'x4', 'x5']);
    expect(p.trap.to).toBe('EL2');
  });
});

describe('VMware family wiring', () => {
  it('offers the low-bandwidth commands only under the three low-bandwidth conventions', () => {
    const lb = ['vmware-getversion', 'vmware-gethz', 'vmware-getvcpu-info', 'vmware-stealclock'];
    for (const id of ['vmware-x86-port-io', 'vmware-x86-vmcall', 'vmware-x86-vmmcall'])
      expect(
        callsFor(catalog, conv(id)).map((c) => c.id),
        id,
      ).toEqual(lb);
    for (const id of ['vmware-x86-hb-out', 'vmware-x86-hb-in', 'vmware-arm64-vmwgfx'])
      for (const c of lb) expect(callFits(conv(id), call(c)), `${id} ${c}`).toBe(false);
    expect(callsFor(catalog, conv('vmware-x86-hb-out')).map((c) => c.id)).toEqual(['vmware-rpc-hb-send-payload']);
    expect(callsFor(catalog, conv('vmware-x86-hb-in')).map((c) => c.id)).toEqual(['vmware-rpc-hb-recv-payload']);
  });

  it('every convention carries the mode-selection or wrapper notes, the edx disagreement and the old-API history where they apply', () => {
    for (const id of ['vmware-x86-port-io', 'vmware-x86-vmcall', 'vmware-x86-vmmcall']) {
      const kinds = conv(id).notes.map((n) => n.kind);
      expect(kinds, id).toEqual(expect.arrayContaining(['info', 'disagreement', 'history']));
      expect(
        conv(id).notes.some((n) => n.kind === 'disagreement' && n.sources.some((s) => s.title.startsWith('vmware/open-vm-tools'))),
        id,
      ).toBe(true);
      expect(
        conv(id).notes.some((n) => /vmware_select_hypercall/.test(n.text) && /0x40000010/.test(n.text)),
        id,
      ).toBe(true);
      expect(
        conv(id).notes.some((n) => /no vmware_hypercall2/.test(n.text)),
        id,
      ).toBe(true);
      expect(
        conv(id).notes.some((n) => n.kind === 'history' && /UINT_MAX/.test(n.text)),
        id,
      ).toBe(true);
      expect(
        conv(id).notes.some((n) => n.kind === 'disagreement' && /OUT bit set/.test(n.text) && /"d" \(0\)/.test(n.text)),
        id,
      ).toBe(true);
    }
  });

  it('uses only ids in lowercase kebab-case, and links only its own conventions', () => {
    for (const x of [...vmware.conventions, ...vmware.calls]) expect(x.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const c of vmware.conventions) {
      expect(allIds).toContain(c.id);
      expect(c.handler).toBe('the hypervisor (VMware)');
      expect(c.selectorName).toBe('command');
      for (const l of c.eraLinks ?? []) expect(allIds).toContain(l.id);
    }
  });

  it('shows lost what open-vm-tools says VMware may change: arm64 x1-x5 unless a result, x6-x30 kept', () => {
    const c = conv('vmware-arm64-vmwgfx');
    for (const k of callsFor(catalog, c)) {
      const p = marshal(c, k);
      const out = new Set(p.outputs.map((o) => o.cell));
      for (const r of ['x1', 'x2', 'x3', 'x4', 'x5']) expect(out.has(r) || p.lost.includes(r), `${k.id} ${r}`).toBe(true);
      expect(p.preserved, k.id).toEqual(expect.arrayContaining(['x6', 'x7', 'x19', 'x30', 'sp']));
    }
  });

  it('gives every argument and result an explicit register', () => {
    for (const c of vmware.calls) {
      for (const a of c.args) expect(a.register, `${c.id} ${a.name}`).toBeDefined();
      for (const r of c.results) expect(r.register, `${c.id} ${r.name}`).toBeDefined();
    }
  });
});
