import { describe, expect, it } from 'vitest';
import { findCall, findConvention } from '../catalog';
import { catalog } from '../catalog/all';
import { memorySentence } from './compare';
import { answeredBy, editableFields, fieldRole, memoryBytes, memoryKey } from './memory';
import { marshal, PlanError } from './plan';

const conv = findConvention(catalog, 'sev-es-ghcb-page')!;
const cpuid = findCall(catalog, 'sev-ghcb-cpuid')!;
const kick = () => marshal(findConvention(catalog, 'kvm-x86-vmmcall')!, findCall(catalog, 'kvm-hc-kick-cpu')!);
const at = (plan: ReturnType<typeof marshal>, phase: string) => plan.steps.find((s) => s.phase === phase)!.memory!.values;

describe('memory fields the caller writes, set by a reader', () => {
  it('are the fields with an example that the callee does not only write, but the one that selects the call: rax and rcx of the GHCB CPUID exit, not rbx or sw_exit_code', () => {
    const names = editableFields(cpuid.memory!).map((f) => f.field.name);
    expect(names).toContain('rax');
    expect(names).toContain('sw_exit_info_1');
    expect(names).not.toContain('rbx');
    expect(names).not.toContain('sw_exit_code');
    expect(editableFields(cpuid.memory!).find((f) => f.field.name === 'rax')!.key).toBe(memoryKey(0, 'rax'));
  });

  it('a value set for rax is what the caller writes into the page, and the callee still answers in it', () => {
    const plan = marshal(conv, cpuid, {}, { [memoryKey(0, 'rax')]: 0x80000008n });
    expect(at(plan, 'trap')[memoryKey(0, 'rax')]).toBe(0x80000008n);
    expect(plan.steps.at(-1)!.memory!.values[memoryKey(0, 'rax')]).toBe(0n);
    // Fields not set keep their examples.
    expect(at(plan, 'trap')[memoryKey(0, 'sw_exit_code')]).toBe(0x72n);
  });

  it('refuses a field the caller does not write, and a value wider than the field', () => {
    expect(() => marshal(conv, cpuid, {}, { [memoryKey(0, 'rbx')]: 1n })).toThrow(PlanError);
    expect(() => marshal(conv, cpuid, {}, { [memoryKey(0, 'sw_exit_code')]: 0x7bn })).toThrow(PlanError);
    expect(() => marshal(conv, cpuid, {}, { [memoryKey(0, 'protocol_version')]: 0x10000n })).toThrow(PlanError);
    expect(marshal(conv, cpuid, {}, { [memoryKey(0, 'protocol_version')]: 0xffffn }).memory).toHaveLength(1);
  });
});

describe('a field’s role as the steps go', () => {
  it('an in/out field is an argument until the callee answers in it, then a result; an unwritten field is unused', () => {
    const plan = marshal(conv, cpuid);
    const rax = cpuid.memory![0]!.fields.find((f) => f.name === 'rax')!;
    const trap = plan.steps.findIndex((s) => s.phase === 'trap');
    expect(answeredBy(plan.steps, trap)).toBe(false);
    expect(answeredBy(plan.steps, plan.steps.length - 1)).toBe(true);
    expect(fieldRole(rax, 1n, false)).toBe('argument');
    expect(fieldRole(rax, 1n, true)).toBe('result');
    expect(fieldRole(rax, undefined, true)).toBe('unused');
  });
});

describe('memory beside registers in a comparison', () => {
  it('counts the bytes the caller writes and the callee writes back', () => {
    // CPUID: rax, rcx, xcr0, sw_exit_code, sw_exit_info_1, sw_exit_info_2 (8 B each), valid_bitmap 16, protocol_version 2, ghcb_usage 4.
    expect(memoryBytes(cpuid.memory!)).toEqual({ in: 6 * 8 + 16 + 2 + 4, out: 5 * 8 });
  });

  it('says which pane writes the GHCB page and which uses registers only', () => {
    expect(memorySentence([marshal(conv, cpuid), kick()])).toBe('1 writes 70 B into the GHCB page and finds 40 B there after the call; 2 uses registers only.');
    expect(memorySentence([kick(), kick()])).toBeUndefined();
  });
});
