import { structOffsets, type StructMember } from '../../model/memory';

/**
 * The structures CCA's calls pass by address, member by member as the
 * headers declare them. Both sides pad each group of members to a fixed
 * offset with a union: Linux writes `union { struct { … }; u8 pad[N]; }`,
 * TF-RMM `SET_MEMBER(member, start, end)` (a union with
 * `unsigned char reserved[end - start]`). Offsets are computed from these
 * lists and tested against the headers' own offset comments and TF-RMM's
 * COMPILER_ASSERT(offsetof(…) == …) lines (cca.test.ts).
 */

const u8 = (name: string, count = 1): StructMember => ({ name, size: 1, count });
const u16 = (name: string): StructMember => ({ name, size: 2 });
const u32 = (name: string, count = 1): StructMember => ({ name, size: 4, count });
const u64 = (name: string, count = 1): StructMember => ({ name, size: 8, count });

/**
 * A C union of `members` (laid out as a struct) with a byte array of `bytes`:
 * the members, then filler up to the array's size, which is the union's.
 */
export function padded(bytes: number, members: readonly StructMember[], filler: string): StructMember[] {
  const inner = structOffsets(members, false).size;
  if (inner > bytes) throw new Error(`${members.map((m) => m.name).join(', ')} take ${inner} bytes, more than the ${bytes} they are padded to`);
  return inner === bytes ? [...members] : [...members, u8(filler, bytes - inner)];
}

/** TF-RMM's SET_MEMBER(member, start, end): the member padded to end - start bytes. */
const setMember = (start: number, end: number, members: readonly StructMember[]) => padded(end - start, members, `reserved${end.toString(16)}`);

/** RSI_RPV_SIZE, RPV_SIZE: the Realm Personalization Value is 64 bytes on both sides. */
export const RPV_BYTES = 64;

/** Linux arch/arm64/include/asm/rsi_smc.h: struct realm_config, __aligned(0x1000). */
export const REALM_CONFIG: readonly StructMember[] = [
  ...padded(0x200, [u64('ipa_bits'), u64('hash_algo')], 'pad'),
  ...padded(0xe00, [u8('rpv', RPV_BYTES)], 'pad2'),
];

/** TF-RMM lib/smc/include/smc-rsi.h: struct rsi_realm_config, the RMM's side of the same page. */
export const RMM_REALM_CONFIG: readonly StructMember[] = [
  ...setMember(0, 8, [u64('ipa_width')]),
  ...setMember(8, 0x200, [u8('algorithm')]),
  ...setMember(0x200, 0x1000, [u8('rpv', RPV_BYTES)]),
];

/** RSI_HOST_CALL_NR_GPRS, REC_RUN_GPRS: the registers a host call carries. */
export const HOST_CALL_GPRS = 31;

/** TF-RMM lib/smc/include/smc-rsi.h: struct rsi_host_call (Linux's realm headers declare none). */
export const RSI_HOST_CALL: readonly StructMember[] = setMember(0, 0x100, [u32('imm'), u64('gprs', HOST_CALL_GPRS)]);

/** REC_CREATE_NR_GPRS, REC_PARAMS_AUX_GRANULES, REC_GIC_NUM_LRS in the host series' rmi_smc.h. */
export const REC_CREATE_GPRS = 8;
export const REC_AUX_GRANULES = 16;
const GIC_LRS = 16;

/** The host series' arch/arm64/include/asm/rmi_smc.h: struct realm_params ("all fields have u64 alignment, so use u64"). */
export const REALM_PARAMS: readonly StructMember[] = [
  ...padded(
    0x400,
    ['flags', 's2sz', 'sve_vl', 'num_bps', 'num_wps', 'pmu_num_ctrs', 'hash_algo'].map((n) => u64(n)),
    'padding_1',
  ),
  ...padded(0x400, [u8('rpv', RPV_BYTES)], 'padding_2'),
  ...padded(
    0x800,
    ['vmid', 'rtt_base', 'rtt_level_start', 'rtt_num_start'].map((n) => u64(n)),
    'padding_3',
  ),
];

/** The host series' struct rec_params. */
export const REC_PARAMS: readonly StructMember[] = [
  ...padded(0x100, [u64('flags')], 'padding1'),
  ...padded(0x100, [u64('mpidr')], 'padding2'),
  ...padded(0x100, [u64('pc')], 'padding3'),
  ...padded(0x500, [u64('gprs', REC_CREATE_GPRS)], 'padding4'),
  ...padded(0x800, [u64('num_rec_aux'), u64('aux', REC_AUX_GRANULES)], 'padding5'),
];

/** The host series' struct rec_enter: what the host hands the RMM on each RMI_REC_ENTER. */
export const REC_ENTER: readonly StructMember[] = [
  ...padded(0x200, [u64('flags')], 'padding0'),
  ...padded(0x100, [u64('gprs', HOST_CALL_GPRS)], 'padding2'),
  ...padded(0x100, [u64('gicv3_hcr'), u64('gicv3_lrs', GIC_LRS)], 'padding3'),
  u8('padding4', 0x400),
];

/** The host series' struct rec_exit: why the realm stopped, written by the RMM. */
export const REC_EXIT: readonly StructMember[] = [
  ...padded(0x100, [u8('exit_reason')], 'padding0'),
  ...padded(0x100, [u64('esr'), u64('far'), u64('hpfar')], 'padding1'),
  ...padded(0x100, [u64('gprs', HOST_CALL_GPRS)], 'padding2'),
  ...padded(0x100, [u64('gicv3_hcr'), u64('gicv3_lrs', GIC_LRS), u64('gicv3_misr'), u64('gicv3_vmcr')], 'padding3'),
  ...padded(0x100, [u64('cntp_ctl'), u64('cntp_cval'), u64('cntv_ctl'), u64('cntv_cval')], 'padding4'),
  ...padded(0x100, [u64('ripas_base'), u64('ripas_top'), u64('ripas_value')], 'padding5'),
  ...padded(0x100, [u16('imm')], 'padding6'),
  ...padded(0x100, [u8('pmu_ovf_status')], 'padding7'),
];

/** struct rec_run { struct rec_enter enter; struct rec_exit exit; }. */
export const REC_RUN: readonly StructMember[] = [u8('enter', structOffsets(REC_ENTER, false).size), u8('exit', structOffsets(REC_EXIT, false).size)];

/** Where an element (or a run of elements) of a member sits: "gprs" 0 to 3 is gprs[0..3]. */
export function place(members: readonly StructMember[], name: string, from?: number, to = from): { offset: number; bytes: number } {
  const m = members.find((x) => x.name === name);
  if (!m) throw new Error(`no member ${name}`);
  const at = structOffsets(members, false).offsets[name]!;
  if (from === undefined || to === undefined) return { offset: at, bytes: m.size * (m.count ?? 1) };
  if (from < 0 || to < from || to >= (m.count ?? 1)) throw new Error(`${name}[${from}..${to}] is outside ${name}[${m.count ?? 1}]`);
  return { offset: at + from * m.size, bytes: (to - from + 1) * m.size };
}
