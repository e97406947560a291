import { describe, expect, it } from 'vitest';
import { decodeFields, encodeFields } from '../../model/bits';
import { callFits } from '../../model/call';
import { computeSyndrome, encodeInstruction } from '../../model/encoding';
import { marshal } from '../../model/plan';
import { formatHex } from '../../model/value';
import { findCall, findConvention } from '../index';
import { smcccFunctionId } from '../smccc/function-id';
import { gunyahCalls2022, gunyahSmcccCalls, madeWithSmccc12 } from './calls';
import { gunyah2022, gunyahSmccc } from './conventions';
import { gunyahFunctionId, gunyahHypercallId, hypApiInfo } from './layouts';
import { catalog } from '../all';

/** Values as the sources print them: the hypervisor API doc (hvc 0x60NN) and Linux's GUNYAH_HYPERCALL(0x80NN). */
const PAIRS = [
  ['gunyah-2022-hyp-identify', 0x6000, 'gunyah-hyp-identify', 0xc6008000, 0x0],
  ['gunyah-2022-doorbell-send', 0x6012, 'gunyah-doorbell-send', 0xc6008012, 0x12],
  ['gunyah-2022-doorbell-mask', 0x6015, 'gunyah-doorbell-set-mask', 0xc6008015, 0x15],
  ['gunyah-2022-msgq-send', 0x601b, 'gunyah-msgq-send', 0xc600801b, 0x1b],
  ['gunyah-2022-msgq-recv', 0x601c, 'gunyah-msgq-recv', 0xc600801c, 0x1c],
  ['gunyah-2022-addrspace-map', 0x602b, 'gunyah-addrspace-map', 0xc600802b, 0x2b],
  ['gunyah-2022-vcpu-run', 0x6065, 'gunyah-vcpu-run', 0xc6008065, 0x65],
] as const;

const conv = (id: string) => findConvention(catalog, id)!;
const call = (id: string) => findCall(catalog, id)!;

describe('Gunyah call numbers', () => {
  it.each(PAIRS.map((p) => [p[0], formatHex(BigInt(p[1])), p[2], formatHex(BigInt(p[3]), 8), p] as const))(
    '%s is hvc #%s; its SMCCC twin %s is function ID %s',
    (_a, _b, _c, _d, [old, imm, now, fid, callNum]) => {
      expect(call(old).number.value).toBe(BigInt(imm));
      expect(call(now).number.value).toBe(BigInt(fid));
      // hvc immediate = 0x6000 + call_num; SMCCC function = HYPERCALL class (2 << 14) | call_num.
      expect(imm).toBe(0x6000 + callNum);
      expect(fid).toBe((0xc6000000 | (2 << 14) | callNum) >>> 0);
    },
  );

  it('the Gunyah layout and the SMCCC layout build the same function IDs', () => {
    for (const [, , now, , callNum] of PAIRS) {
      expect(gunyahHypercallId(callNum)).toBe(call(now).number.value);
      expect(encodeFields(smcccFunctionId, decodeFields(smcccFunctionId, call(now).number.value))).toBe(call(now).number.value);
    }
  });

  it('decodes 0xC6008000 as fast, SMC64, Vendor Specific Hypervisor, call class HYPERCALL, function 0', () => {
    expect(decodeFields(gunyahFunctionId, 0xc6008000n)).toEqual({ type: 1n, cc: 1n, owner: 6n, zero: 0n, sve: 0n, class: 2n, function: 0n });
    const cls = gunyahFunctionId.fields.find((f) => f.key === 'class')!;
    expect(cls.names).toEqual({ '0': 'PLATFORM_CALL', '2': 'HYPERCALL', '3': 'SERVICE' });
    expect(formatHex(gunyahHypercallId(0x65), 8)).toBe('0xC6008065');
  });

  it('the Vendor Hyp CALL_UID Linux probes with is class SERVICE, function 0x3F01, SMC32', () => {
    expect(decodeFields(gunyahFunctionId, 0x8600ff01n)).toMatchObject({ type: 1n, cc: 0n, owner: 6n, class: 3n, function: 0x3f01n });
  });

  it('states each number as its source writes it', () => {
    for (const c of gunyahCalls2022) expect(c.number.stated.how).toBe('literal');
    for (const c of gunyahSmcccCalls) expect(c.number.stated.how).toBe('expanded');
    expect(call('gunyah-2022-msgq-send').number.stated.value).toBe(0x601bn);
    expect(call('gunyah-msgq-send').number.stated.value).toBe(0xc600801bn);
  });
});

describe('the immediate ABI traps with the call number in ESR_EL2', () => {
  it('hvc #0x6000 encodes as 0xD40C0002 and reads ESR_EL2 = 0x5A006000', () => {
    expect(encodeInstruction(gunyah2022.instruction, 0x6000)).toEqual({ text: 'hvc #0x6000', hex: '0xD40C0002' });
    expect(computeSyndrome(gunyah2022.instruction.syndrome!, 0x6000).value).toBe(0x5a006000n);
  });

  it('the plan executes the call number as the immediate', () => {
    const plan = marshal(gunyah2022, call('gunyah-2022-vcpu-run'));
    expect(plan.trap.instruction).toEqual({ text: 'hvc #0x6065', hex: '0xD40C0CA2' });
    expect(plan.trap.syndrome!.value).toBe(0x5a006065n);
    expect(plan.inputs.some((s) => s.kind === 'selector')).toBe(false);
  });

  it('the SMCCC ABI uses hvc #0 with the function ID in x0', () => {
    const plan = marshal(gunyahSmccc, call('gunyah-hyp-identify'));
    expect(plan.trap.instruction.hex).toBe('0xD4000002');
    expect(plan.trap.syndrome!.value).toBe(0x5a000000n);
    expect(plan.inputs[0]).toMatchObject({ register: 'x0', kind: 'selector', value: 0xc6008000n });
  });
});

describe('register placement', () => {
  const argRegs = (c: string, k: string) =>
    marshal(conv(c), call(k))
      .inputs.filter((s) => s.kind === 'argument')
      .map((s) => s.register);
  const resultRegs = (c: string, k: string) => marshal(conv(c), call(k)).outputs.map((o) => o.register);

  it('identify returns api_info and the three flag words in x0–x3, in both ABIs', () => {
    expect(resultRegs('gunyah-2022-hvc-imm', 'gunyah-2022-hyp-identify')).toEqual(['x0', 'x1', 'x2', 'x3']);
    expect(resultRegs('gunyah-smccc', 'gunyah-hyp-identify')).toEqual(['x0', 'x1', 'x2', 'x3']);
  });

  it('msgq send takes its arguments from x0 in 2022 and from x1 under SMCCC', () => {
    expect(argRegs('gunyah-2022-hvc-imm', 'gunyah-2022-msgq-send')).toEqual(['x0', 'x1', 'x2', 'x3', 'x4']);
    expect(argRegs('gunyah-smccc', 'gunyah-msgq-send')).toEqual(['x1', 'x2', 'x3', 'x4', 'x5']);
    expect(resultRegs('gunyah-smccc', 'gunyah-msgq-send')).toEqual(['x0', 'x1']);
  });

  it('address-space map needs x1–x8 and vCPU run returns x0–x4 under SMCCC', () => {
    expect(argRegs('gunyah-smccc', 'gunyah-addrspace-map')).toEqual(['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8']);
    expect(argRegs('gunyah-2022-hvc-imm', 'gunyah-2022-addrspace-map')).toEqual(['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6']);
    expect(resultRegs('gunyah-smccc', 'gunyah-vcpu-run')).toEqual(['x0', 'x1', 'x2', 'x3', 'x4']);
    expect(argRegs('gunyah-smccc', 'gunyah-vcpu-run')).toEqual(['x1', 'x2', 'x3', 'x4', 'x5']);
  });

  it('2022: x8–x17 are lost, x18 is kept, and unused x0–x7 are lost (the hypervisor doc)', () => {
    const plan = marshal(gunyah2022, call('gunyah-2022-hyp-identify'));
    for (const r of ['x4', 'x5', 'x6', 'x7', 'x8', 'x9', 'x17']) expect(plan.lost).toContain(r);
    expect(plan.lost).not.toContain('x18');
    expect(plan.preserved).toContain('x18');
    expect(gunyah2022.notes.find((n) => n.kind === 'disagreement')!.text).toMatch(/x9–x17/);
  });

  it('SMCCC: x4–x17 survive a call that returns only x0–x1', () => {
    const plan = marshal(gunyahSmccc, call('gunyah-doorbell-send'));
    expect(plan.lost).toEqual(expect.arrayContaining(['x2', 'x3']));
    for (const r of ['x4', 'x8', 'x17', 'x18']) expect(plan.preserved).toContain(r);
  });
});

describe('the two eras stay apart', () => {
  it('offers each call only under its own ABI', () => {
    for (const c of gunyahCalls2022) {
      expect(callFits(gunyah2022, c), c.id).toBe(true);
      expect(callFits(gunyahSmccc, c), c.id).toBe(false);
    }
    for (const c of gunyahSmcccCalls) {
      expect(callFits(gunyahSmccc, c), c.id).toBe(true);
      expect(callFits(gunyah2022, c), c.id).toBe(false);
    }
  });

  it('links the eras both ways', () => {
    expect(gunyah2022.eraLinks).toContainEqual(expect.objectContaining({ id: 'gunyah-smccc', relation: 'later' }));
    expect(gunyahSmccc.eraLinks).toContainEqual(expect.objectContaining({ id: 'gunyah-2022-hvc-imm', relation: 'earlier' }));
  });

  it('keeps the NAK and the unconfirmed mainline status on screen', () => {
    expect(gunyah2022.notes.some((n) => n.text.includes('NAK to this non-SMCCC interface'))).toBe(true);
    expect(gunyahSmccc.notes.some((n) => n.kind === 'unconfirmed' && /mainline/.test(n.text))).toBe(true);
  });
});

describe('Hyp API Info', () => {
  it('decodes the identify example as version 1, little endian, 64-bit, variant 0x48', () => {
    const ex = call('gunyah-hyp-identify').results[0]!;
    expect(ex.layout).toBe(hypApiInfo);
    expect(decodeFields(hypApiInfo, ex.example)).toEqual({ variant: 0x48n, reserved: 0n, is64bit: 1n, bigEndian: 0n, version: 1n });
  });

  it('puts the API version in bits 13:0 (Linux GENMASK_ULL(13, 0) = 0x3FFF)', () => {
    expect(encodeFields(hypApiInfo, { version: 0x3fffn })).toBe(0x3fffn);
    expect(() => encodeFields(hypApiInfo, { version: 0x4000n })).toThrow(/13:0/);
  });
});

describe('the Linux helper of each SMCCC-ABI call', () => {
  it.each(gunyahSmcccCalls.map((c) => [c.id, c] as const))('%s: arm_smccc_1_2_hvc exactly when its note says Linux uses it', (_, call) => {
    const noteSays12 = call.notes.some((n) => n.text.includes('arm_smccc_1_2_hvc'));
    expect(madeWithSmccc12.includes(call)).toBe(noteSays12);
  });
});
