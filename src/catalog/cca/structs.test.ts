import { describe, expect, it } from 'vitest';
import { structOffsets, type StructMember } from '../../model/memory';
import { marshal } from '../../model/plan';
import { memoryLines } from '../../share/text';
import { catalog } from '../all';
import { requireCall, requireConvention } from '../index';
import { padded, place, REALM_CONFIG, REALM_PARAMS, REC_ENTER, REC_EXIT, REC_PARAMS, REC_RUN, RMM_REALM_CONFIG, RSI_HOST_CALL } from './structs';

const layout = (members: readonly StructMember[]) => structOffsets(members, false);
const plan = (convId: string, callId: string) => marshal(requireConvention(catalog, convId), requireCall(catalog, callId));

/**
 * Offsets typed in from the sources, so a wrong member list fails:
 *   TF-RMM lib/smc/src/smc-rsi-offsets.c and smc-rmi-offsets.c @1870dfee (rmm-spec-v1.0-rel0):
 *     COMPILER_ASSERT_NO_CBMC(U(offsetof(struct …, member)) == …) and sizeof(…) == …;
 *   the host series' rmi_smc.h @9cdebe0d: the /* 0x400 *\/ comments on each union;
 *   Linux rsi_smc.h @287d1633: pad[0x200], pad2[0xe00], __aligned(0x1000).
 */
describe('CCA structures lay out as the headers say', () => {
  it('struct realm_config (Linux) and struct rsi_realm_config (TF-RMM) put the same fields at 0, 8 and 0x200 of a 0x1000-byte page', () => {
    expect(layout(REALM_CONFIG).offsets).toMatchObject({ ipa_bits: 0, hash_algo: 8, rpv: 0x200 });
    expect(layout(RMM_REALM_CONFIG).offsets).toMatchObject({ ipa_width: 0, algorithm: 8, rpv: 0x200 });
    expect([layout(REALM_CONFIG).size, layout(RMM_REALM_CONFIG).size]).toEqual([0x1000, 0x1000]);
  });

  it('struct rsi_host_call: imm at 0, gprs[0] at 8, gprs[30] at 8 * 31, 0x100 bytes', () => {
    expect(layout(RSI_HOST_CALL).offsets).toMatchObject({ imm: 0, gprs: 8 });
    expect(place(RSI_HOST_CALL, 'gprs', 30).offset).toBe(8 * 31);
    expect(layout(RSI_HOST_CALL).size).toBe(0x100);
  });

  it('struct realm_params: flags … hash_algo from 0 (hash_algo = TF-RMM’s algorithm at 0x30), rpv at 0x400, vmid … rtt_num_start from 0x800, 0x1000 bytes', () => {
    expect(layout(REALM_PARAMS).offsets).toMatchObject({
      flags: 0,
      s2sz: 0x8,
      sve_vl: 0x10,
      num_bps: 0x18,
      num_wps: 0x20,
      pmu_num_ctrs: 0x28,
      hash_algo: 0x30,
      rpv: 0x400,
      vmid: 0x800,
      rtt_base: 0x808,
      rtt_level_start: 0x810,
      rtt_num_start: 0x818,
    });
    expect(layout(REALM_PARAMS).size).toBe(0x1000);
  });

  it('struct rec_params: flags 0, mpidr 0x100, pc 0x200, gprs 0x300, num_rec_aux 0x800, aux 0x808, 0x1000 bytes', () => {
    expect(layout(REC_PARAMS).offsets).toMatchObject({ flags: 0, mpidr: 0x100, pc: 0x200, gprs: 0x300, num_rec_aux: 0x800, aux: 0x808 });
    expect(layout(REC_PARAMS).size).toBe(0x1000);
  });

  it('struct rec_enter and rec_exit are 0x800 bytes each, exit at 0x800 of rec_run, their members where TF-RMM asserts them', () => {
    expect(layout(REC_ENTER).offsets).toMatchObject({ flags: 0, gprs: 0x200, gicv3_hcr: 0x300, gicv3_lrs: 0x308 });
    expect(layout(REC_EXIT).offsets).toMatchObject({
      exit_reason: 0,
      esr: 0x100,
      far: 0x108,
      hpfar: 0x110,
      gprs: 0x200,
      gicv3_hcr: 0x300,
      gicv3_lrs: 0x308,
      gicv3_misr: 0x388,
      gicv3_vmcr: 0x390,
      cntp_ctl: 0x400,
      cntp_cval: 0x408,
      cntv_ctl: 0x410,
      cntv_cval: 0x418,
      ripas_base: 0x500,
      ripas_top: 0x508,
      ripas_value: 0x510,
      imm: 0x600,
      pmu_ovf_status: 0x700,
    });
    expect([layout(REC_ENTER).size, layout(REC_EXIT).size]).toEqual([0x800, 0x800]);
    expect(layout(REC_RUN).offsets).toEqual({ enter: 0, exit: 0x800 });
    expect(layout(REC_RUN).size).toBeLessThanOrEqual(0x1000);
  });

  it('refuses members that do not fit the union they are padded in', () => {
    expect(() =>
      padded(
        8,
        [
          { name: 'a', size: 8 },
          { name: 'b', size: 8 },
        ],
        'pad',
      ),
    ).toThrow(/more than the 8/);
    expect(() => place(RSI_HOST_CALL, 'gprs', 31)).toThrow(/outside/);
  });
});

describe('CCA calls draw their structures beside the registers', () => {
  it('RSI_REALM_CONFIG: the RMM writes ipa_bits, hash_algo and rpv into the page whose address the realm puts in x1', () => {
    const p = plan('cca-rsi-smc64', 'rsi-realm-config');
    expect(p.memory).toHaveLength(1);
    const m = p.memory[0]!;
    expect(m).toMatchObject({ carrier: 'x1', address: 0x80200000n });
    expect(m.arg.size).toBe(0x1000);
    expect(m.arg.fields.map((f) => [f.name, f.offset, f.bytes, f.direction])).toEqual([
      ['ipa_bits', 0, 8, 'out'],
      ['hash_algo', 8, 8, 'out'],
      ['rpv', 0x200, 64, 'out'],
    ]);
    const handled = p.steps.find((s) => s.phase === 'handle' && s.memory!.writes.length > 0)!;
    expect(handled.memory!.writes).toEqual(['0:ipa_bits', '0:hash_algo', '0:rpv']);
    expect(p.steps.at(-1)!.memory!.values['0:ipa_bits']).toBe(48n);
  });

  it('RSI_REALM_CONFIG no longer says its structure is not drawn, and says where the headers disagree', () => {
    const notes = requireCall(catalog, 'rsi-realm-config')
      .notes.map((n) => n.text)
      .join(' ');
    expect(notes).not.toMatch(/not drawn/);
    expect(notes).toMatch(/unsigned char/);
  });

  it('RSI_HOST_CALL: the realm fills imm and gprs[] before its smc and finds the host’s answer in gprs[] after', () => {
    const p = plan('cca-rsi-smc64', 'rsi-host-call');
    const m = p.memory[0]!;
    expect(m.carrier).toBe('x1');
    expect(m.arg.fields.map((f) => [f.name, f.offset, f.bytes])).toEqual([
      ['imm', 0, 4],
      ['gprs[0]', 8, 8],
      ['gprs[1]', 16, 8],
      ['gprs[2..30]', 24, 29 * 8],
    ]);
    const filled = p.steps.find((s) => (s.memory?.writes.length ?? 0) > 0)!;
    expect(filled.phase).toBe('marshal');
    expect(p.steps.at(-1)!.memory!.values['0:gprs[1]']).toBe(3n);
  });

  it('RMI_REC_ENTER: rec_run’s exit half comes back with exit_reason RMI_EXIT_HOST_CALL and the realm’s gprs, at 0x800 on', () => {
    const p = plan('cca-rmi-smc64', 'rmi-rec-enter');
    const m = p.memory[0]!;
    expect(m.carrier).toBe('x2');
    const at = Object.fromEntries(m.arg.fields.map((f) => [f.name, f.offset]));
    expect(at).toMatchObject({ 'enter.flags': 0, 'enter.gprs[0..30]': 0x200, 'exit.exit_reason': 0x800, 'exit.gprs[0]': 0xa00, 'exit.imm': 0xe00 });
    expect(p.steps.at(-1)!.memory!.values['0:exit.exit_reason']).toBe(5n);
  });

  it('RMI_REALM_CREATE and RMI_REC_CREATE read their parameter pages at x2 and x3', () => {
    expect(plan('cca-rmi-smc64', 'rmi-realm-create').memory[0]).toMatchObject({ carrier: 'x2' });
    expect(plan('cca-rmi-smc64', 'rmi-rec-create').memory[0]).toMatchObject({ carrier: 'x3' });
  });

  it('the text export lists the structure’s fields at their offsets', () => {
    const lines = memoryLines(plan('cca-rsi-smc64', 'rsi-realm-config'), true).join('\n');
    expect(lines).toMatch(/struct realm_config/);
    expect(lines).toMatch(/\+0x200/);
  });
});
