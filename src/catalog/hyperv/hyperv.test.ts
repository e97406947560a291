import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFields, encodeFields, fieldByKey, type BitLayout } from '../../model/bits';
import { callFits } from '../../model/call';
import { encodeInstruction } from '../../model/encoding';
import { marshal } from '../../model/plan';
import { formatHex } from '../../model/value';
import { callsFor, findCall, findConvention } from '../index';
import { smcccFunctionId } from '../smccc/function-id';
import { HV_FUNC_ID } from './arm64';
import { controlHigh, controlLayout, controlLow, resultHigh, resultLayout, resultLow } from './control';
import { catalog } from '../all';

const conv = (id: string) => findConvention(catalog, id)!;
const call = (id: string) => findCall(catalog, id)!;
const range = (p: string, a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => `${p}${a + i}`);

/** Linux GENMASK_ULL(h, l) and BIT_ULL(n). */
const GENMASK = (h: number, l: number) => ((1n << BigInt(h - l + 1)) - 1n) << BigInt(l);
const BIT = (n: number) => 1n << BigInt(n);
const mask = (layout: BitLayout, key: string) => {
  const f = fieldByKey(layout, key);
  return GENMASK(f.hi, f.lo);
};

describe('hypercall input value (control word)', () => {
  it('puts each field where include/hyperv/hvgdk_mini.h masks it', () => {
    expect(mask(controlLayout, 'fast')).toBe(BIT(16)); // HV_HYPERCALL_FAST_BIT
    expect(mask(controlLayout, 'varHeader')).toBe(GENMASK(26, 17)); // HV_HYPERCALL_VARHEAD_MASK
    expect(mask(controlLayout, 'nested')).toBe(BIT(31)); // HV_HYPERCALL_NESTED
    expect(mask(controlLayout, 'repCount')).toBe(GENMASK(43, 32)); // HV_HYPERCALL_REP_COMP_MASK
    expect(mask(controlLayout, 'rsvd1')).toBe(GENMASK(47, 44)); // HV_HYPERCALL_RSVD1_MASK
    expect(mask(controlLayout, 'repStart')).toBe(GENMASK(59, 48)); // HV_HYPERCALL_REP_START_MASK
    expect(mask(controlLayout, 'rsvd2')).toBe(GENMASK(63, 60)); // HV_HYPERCALL_RSVD2_MASK
    expect(mask(controlLayout, 'code')).toBe(0xffffn);
  });

  it('follows the TLFS for bit 31: RsvdZ is 30:27, and only with the nested bit does it make Linux RSVD0_MASK (31:27)', () => {
    expect(mask(controlLayout, 'rsvd0')).toBe(GENMASK(30, 27));
    expect(mask(controlLayout, 'rsvd0') | mask(controlLayout, 'nested')).toBe(GENMASK(31, 27));
  });

  it('covers all 64 bits, each once', () => {
    for (const layout of [controlLayout, resultLayout]) {
      const masks = layout.fields.map((f) => GENMASK(f.hi, f.lo));
      expect(masks.reduce((a, b) => a | b, 0n)).toBe(GENMASK(63, 0));
      expect(masks.reduce((a, b) => a + b, 0n)).toBe(GENMASK(63, 0));
    }
  });

  it('builds the control words Linux writes', () => {
    // hv_get_vpreg_128: HVCALL_GET_VP_REGISTERS | HV_HYPERCALL_FAST_BIT | HV_HYPERCALL_REP_COMP_1
    expect(encodeFields(controlLayout, { code: 0x50n, fast: 1n, repCount: 1n })).toBe(0x50n | BIT(16) | BIT(32));
    expect(formatHex(encodeFields(controlLayout, { code: 0x50n, fast: 1n, repCount: 1n }), 16)).toBe('0x0000000100010050');
  });

  it('splits into EAX and EDX halves that put the word back together', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: GENMASK(63, 0) }), (w) => {
        for (const [whole, lo, hi] of [
          [controlLayout, controlLow, controlHigh],
          [resultLayout, resultLow, resultHigh],
        ] as const) {
          const v = encodeFields(whole, decodeFields(whole, w));
          const low = encodeFields(lo, decodeFields(lo, v & GENMASK(31, 0)));
          const high = encodeFields(hi, decodeFields(hi, v >> 32n));
          expect(low | (high << 32n)).toBe(v);
        }
      }),
    );
    expect(fieldByKey(controlHigh, 'repCount')).toMatchObject({ hi: 11, lo: 0 });
    expect(fieldByKey(resultHigh, 'repsCompleted')).toMatchObject({ hi: 11, lo: 0 });
  });
});

describe('hypercall result value', () => {
  it('has HV_STATUS in 15:0 and reps completed in 43:32', () => {
    expect(mask(resultLayout, 'status')).toBe(GENMASK(15, 0)); // HV_HYPERCALL_RESULT_MASK
    expect(mask(resultLayout, 'repsCompleted')).toBe(GENMASK(43, 32));
  });

  it('names status codes with the hvgdk_mini.h values', () => {
    const names = fieldByKey(resultLayout, 'status').names!;
    expect(names[String(0x0)]).toBe('HV_STATUS_SUCCESS');
    expect(names[String(0x2)]).toBe('HV_STATUS_INVALID_HYPERCALL_CODE');
    expect(names[String(0x3)]).toBe('HV_STATUS_INVALID_HYPERCALL_INPUT');
    expect(names[String(0x12)]).toBe('HV_STATUS_INVALID_CONNECTION_ID');
    expect(names[String(0x13)]).toBe('HV_STATUS_INSUFFICIENT_BUFFERS');
    expect(names[String(0x86)]).toBe('HV_STATUS_VTL_ALREADY_ENABLED');
  });
});

describe('call numbers', () => {
  it.each([
    ['hyperv-x64-flush-virtual-address-space', '0x0000000000000002'],
    ['hyperv-x64-flush-virtual-address-space-xmm', '0x0000000000010002'],
    ['hyperv-x64-send-synthetic-cluster-ipi', '0x000000000001000B'],
    ['hyperv-x64-post-message', '0x000000000000005C'],
    ['hyperv-x64-signal-event', '0x000000000001005D'],
    ['hyperv-x86-post-message', '0x000000000000005C'],
    ['hyperv-x86-flush-virtual-address-space', '0x0000000000000002'],
    ['hyperv-arm64-post-message', '0x000000000000005C'],
    ['hyperv-arm64-signal-event', '0x000000000001005D'],
    ['hyperv-arm64-get-vp-registers', '0x0000000100010050'],
    ['hyperv-arm64-set-vp-registers', '0x0000000100010051'],
    ['hyperv-arm64-2019-get-vp-registers', '0x0000000100010050'],
    ['hyperv-arm64-2019-set-vp-registers', '0x0000000100010051'],
  ])('%s is %s', (id, hex) => {
    expect(formatHex(call(id).number.value, 16)).toBe(hex);
    expect(call(id).number.stated.value).toBe(call(id).number.value);
  });

  it('HV_FUNC_ID = ARM_SMCCC_CALL_VAL(STD_CALL, SMC_64, OWNER_VENDOR_HYP, 1) = 0x46000001, a yielding call', () => {
    expect(HV_FUNC_ID.value).toBe(0x46000001n);
    expect(decodeFields(smcccFunctionId, HV_FUNC_ID.value)).toMatchObject({ type: 0n, cc: 1n, owner: 6n, number: 1n });
    expect(conv('hyperv-arm64-smccc').fixed![0]).toMatchObject({ register: 'x0', value: 0x46000001n });
  });
});

describe('instructions and syndromes', () => {
  it('x64 and x86 trap with VMCALL, 0F 01 C1, VM-exit reason 18', () => {
    for (const id of ['hyperv-x64-memory', 'hyperv-x64-fast', 'hyperv-x64-xmm-fast', 'hyperv-x86-memory']) {
      const p = marshal(conv(id), callsFor(catalog, conv(id))[0]!);
      expect(p.trap.instruction).toEqual({ text: 'vmcall', hex: '0F 01 C1' });
      expect(p.trap.syndrome!.value).toBe(18n);
    }
  });

  it('the 2019 ABI is hvc #1 = 0xD4000022 and ESR_EL2 ISS 1; SMCCC is hvc #0', () => {
    const p = marshal(conv('hyperv-arm64-2019-hvc1'), call('hyperv-arm64-2019-post-message'));
    expect(p.trap.instruction).toEqual({ text: 'hvc #1', hex: '0xD4000022' });
    expect(p.trap.syndrome!.value).toBe(0x5a000001n);
    expect(encodeInstruction(conv('hyperv-arm64-smccc').instruction, conv('hyperv-arm64-smccc').imm as number).hex).toBe('0xD4000002');
  });
});

describe('register placement', () => {
  const loads = (p: ReturnType<typeof marshal>) => p.inputs.map((s) => [s.register, s.value]);
  const outs = (p: ReturnType<typeof marshal>) => p.outputs.map((o) => [o.register, o.value]);

  it('x64 memory-based HvCallPostMessage: RCX control, RDX input GPA, R8 output GPA, RAX result', () => {
    const p = marshal(conv('hyperv-x64-memory'), call('hyperv-x64-post-message'), { rdx: 0x1000n });
    expect(loads(p)).toEqual([
      ['rcx', 0x5cn],
      ['rdx', 0x1000n],
      ['r8', 0n],
    ]);
    expect(outs(p)).toEqual([['rax', 0n]]);
    // TLFS Volatile Registers: only rep hypercalls modify RCX.
    expect(p.lost).toEqual([]);
    expect(p.preserved).toEqual(expect.arrayContaining(['rcx', 'rdx', 'r8', 'r9', 'r10', 'r11', 'rbx']));
  });

  it('no simple x64 call loses RCX; every rep call returns it with the rep start index updated', () => {
    const x64 = ['hyperv-x64-memory', 'hyperv-x64-fast', 'hyperv-x64-xmm-fast'].map(conv);
    for (const c of x64) {
      for (const k of callsFor(catalog, c)) {
        const p = marshal(c, k);
        const rep = decodeFields(controlLayout, p.callNumber).repCount! > 0n;
        expect(p.lost, k.id).not.toContain('rcx');
        expect(
          p.outputs.some((o) => o.register === 'rcx'),
          k.id,
        ).toBe(rep);
      }
    }
  });

  it('HvCallFlushVirtualAddressList: hv_do_rep_hypercall(HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST, 1, 0, flush, NULL), RCX back with rep start index 1', () => {
    const p = marshal(conv('hyperv-x64-memory'), call('hyperv-x64-flush-virtual-address-list'));
    expect(loads(p)[0]).toEqual(['rcx', 0x0003n | (1n << 32n)]);
    expect(outs(p)).toEqual([
      ['rax', 1n << 32n],
      ['rcx', 0x0003n | (1n << 32n) | (1n << 48n)],
    ]);
    expect(p.steps.at(-1)!.cells.rcx!.role).toBe('result');
  });

  it('the _Ex calls carry one HV_VP_SET bank in the variable header size (bits 26:17), as Linux passes nr_bank', () => {
    expect(call('hyperv-x64-flush-virtual-address-space-ex').number.value).toBe(0x13n | (1n << 17n));
    expect(call('hyperv-x64-send-synthetic-cluster-ipi-ex').number.value).toBe(0x15n | (1n << 17n));
    expect(call('hyperv-x64-flush-virtual-address-list-ex').number.value).toBe(0x14n | (1n << 17n) | (1n << 32n));
    expect(callFits(conv('hyperv-x64-memory'), call('hyperv-x64-send-synthetic-cluster-ipi-ex'))).toBe(true);
    expect(callFits(conv('hyperv-x64-fast'), call('hyperv-x64-notify-long-spin-wait'))).toBe(true);
  });

  it('x64 fast HvCallSendSyntheticClusterIpi: hv_do_fast_hypercall16(HVCALL_SEND_IPI, vector, cpu_mask)', () => {
    const p = marshal(conv('hyperv-x64-fast'), call('hyperv-x64-send-synthetic-cluster-ipi'), { rdx: 0xf3n, r8: 0x3n });
    expect(loads(p)).toEqual([
      ['rcx', 0x1000bn],
      ['rdx', 0xf3n],
      ['r8', 0x3n],
    ]);
    expect(p.preserved).toEqual(expect.arrayContaining(['rdx', 'r8']));
  });

  it('the fast bit picks the convention: fast calls do not fit the memory-based one, and three inputs need XMM', () => {
    const signal = call('hyperv-x64-signal-event');
    expect(callFits(conv('hyperv-x64-fast'), signal)).toBe(true);
    expect(callFits(conv('hyperv-x64-memory'), signal)).toBe(false);
    expect(callFits(conv('hyperv-x64-fast'), call('hyperv-x64-post-message'))).toBe(false);
    const xmm = call('hyperv-x64-flush-virtual-address-space-xmm');
    expect(callFits(conv('hyperv-x64-fast'), xmm)).toBe(false);
    const p = marshal(conv('hyperv-x64-xmm-fast'), xmm);
    expect(loads(p)).toEqual([
      ['rcx', 0x10002n],
      ['rdx', 0x1a2b3000n],
      ['r8', 0x4n],
      ['xmm0', 0x51n],
    ]);
  });

  it('32-bit x86 HvCallPostMessage: EDX:EAX control, EBX:ECX input GPA, EDI:ESI output GPA, EDX:EAX result', () => {
    const p = marshal(conv('hyperv-x86-memory'), call('hyperv-x86-post-message'));
    expect(loads(p)).toEqual([
      ['eax', 0x5cn],
      ['edx', 0n],
      ['ebx', 0n],
      ['ecx', 0x04a3f000n],
      ['edi', 0n],
      ['esi', 0n],
    ]);
    expect(p.outputs.map((o) => o.register)).toEqual(['eax', 'edx']);
    expect(p.lost).toEqual([]);
  });

  it('arm64 SMCCC hv_get_vpreg_128: x0 HV_FUNC_ID, x1 control, x2-x4 input, value in x6/x7', () => {
    const p = marshal(conv('hyperv-arm64-smccc'), call('hyperv-arm64-get-vp-registers'));
    expect(loads(p)).toEqual([
      ['x0', 0x46000001n],
      ['x1', 0x100010050n],
      ['x2', 0xffffffffffffffffn],
      ['x3', 0xfffffffen],
      ['x4', 0x90003n],
    ]);
    expect(p.outputs.map((o) => o.register)).toEqual(['x0', 'x6', 'x7']);
    expect(p.lost).toEqual(range('x', 1, 3));
    expect(p.preserved).toEqual(expect.arrayContaining(['x4', 'x5', 'x18', 'x30', 'sp']));
  });

  it('arm64 SMCCC hv_set_vpreg: arm_smccc_1_1_hvc(HV_FUNC_ID, control, PARTITION_SELF, VP_SELF, msr, 0, value, 0)', () => {
    const p = marshal(conv('hyperv-arm64-smccc'), call('hyperv-arm64-set-vp-registers'));
    expect(loads(p)).toEqual([
      ['x0', 0x46000001n],
      ['x1', 0x100010051n],
      ['x2', 0xffffffffffffffffn],
      ['x3', 0xfffffffen],
      ['x4', 0x215n],
      ['x5', 0n],
      ['x6', 0x8000000000000000n],
      ['x7', 0n],
    ]);
    expect(outs(p)).toEqual([['x0', 0x100000000n]]);
  });

  it('arm64 2019 hvc #1: control in x0, inputs from x1, 128-bit value in x15/x16, x0-x17 not kept, x18 kept', () => {
    const p = marshal(conv('hyperv-arm64-2019-hvc1'), call('hyperv-arm64-2019-get-vp-registers'));
    expect(loads(p)).toEqual([
      ['x0', 0x100010050n],
      ['x1', 0xffffffffffffffffn],
      ['x2', 0xfffffffen],
      ['x3', 0x90003n],
    ]);
    expect(p.outputs.map((o) => o.register)).toEqual(['x0', 'x15', 'x16']);
    expect(p.lost).toEqual([...range('x', 1, 14), 'x17']);
    expect(p.preserved).toEqual(['x18']);
    const post = marshal(conv('hyperv-arm64-2019-hvc1'), call('hyperv-arm64-2019-post-message'));
    expect(post.inputs.map((s) => s.register)).toEqual(['x0', 'x1', 'x2']);
  });

  it('keeps the two arm64 eras apart: each call fits only its own ABI', () => {
    expect(callFits(conv('hyperv-arm64-smccc'), call('hyperv-arm64-2019-get-vp-registers'))).toBe(false);
    expect(callFits(conv('hyperv-arm64-2019-hvc1'), call('hyperv-arm64-get-vp-registers'))).toBe(false);
    expect(conv('hyperv-arm64-2019-hvc1').eraLinks).toContainEqual(expect.objectContaining({ id: 'hyperv-arm64-smccc', relation: 'later' }));
  });

  it('answers an unknown call code with HV_STATUS_INVALID_HYPERCALL_CODE (2)', () => {
    const p = marshal(conv('hyperv-x64-memory'), call('hyperv-x64-post-message'), { rcx: 0x7777n });
    expect(p.callNumberIsCatalog).toBe(false);
    expect(outs(p)).toEqual([['rax', 2n]]);
  });
});
