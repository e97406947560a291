import type { CallVariant, ResultDef } from '../../model/call';
import type { Hop, Path, Place } from '../../model/path';
import type { Note } from '../../model/source';
import { backToHost, hostKernel, pkvmLevel } from '../pkvm-host/path';
import { src as hostSrc } from '../pkvm-host/sources';
import { pathSrc, spmdPath, type DirectRequest } from './path';
import { src } from './sources';
import { ffaAnsweredByPkvm } from './handlers';

/**
 * What pKVM's FF-A proxy at EL2 does with each call the host makes over smc,
 * from kvm_host_ffa_handler and ffa_call_supported in
 * arch/arm64/kvm/hyp/nvhe/ffa.c (sources.ts pkvmHandler, pkvmUnsupported).
 * Function IDs are the FFA_SMC_32/64 values of the macros those functions
 * name; anything else in the FF-A range goes on to EL3 unchanged.
 */
export type PkvmTreatment = 'handled' | 'refused' | 'forwarded';

/** The name of the convention variant under which FF-A calls are drawn through pKVM (Convention.variant). */
export const PKVM = 'pkvm';

const FFA_FEATURES = 0x84000064n;
const FEATURES_PASSES =
  'It answers only when the ID asked about is FFA_MEM_SHARE or FFA_MEM_LEND (FFA_SUCCESS, no dynamic buffers) or one ffa_call_supported() refuses (NOT_SUPPORTED); for any other ID, such as the example’s FFA_MSG_SEND_DIRECT_REQ2, do_ffa_features returns false and the call goes on to EL3 unchanged, which is what is drawn.';

const HANDLED: ReadonlyMap<bigint, string> = new Map([
  [0x84000063n, 'FFA_VERSION'],
  [0x84000064n, 'FFA_FEATURES'],
  [0xc4000066n, 'FFA_FN64_RXTX_MAP'],
  [0x84000067n, 'FFA_RXTX_UNMAP'],
  [0x84000068n, 'FFA_PARTITION_INFO_GET'],
  [0x84000072n, 'FFA_MEM_LEND'],
  [0xc4000072n, 'FFA_FN64_MEM_LEND'],
  [0x84000073n, 'FFA_MEM_SHARE'],
  [0xc4000073n, 'FFA_FN64_MEM_SHARE'],
  [0x84000077n, 'FFA_MEM_RECLAIM'],
  [0x8400007bn, 'FFA_MEM_FRAG_TX'],
]);

const REFUSED: ReadonlyMap<bigint, string> = new Map([
  [0xc4000074n, 'FFA_FN64_MEM_RETRIEVE_REQ'],
  [0x84000075n, 'FFA_MEM_RETRIEVE_RESP'],
  [0x84000076n, 'FFA_MEM_RELINQUISH'],
  [0x84000078n, 'FFA_MEM_OP_PAUSE'],
  [0x84000079n, 'FFA_MEM_OP_RESUME'],
  [0x8400007an, 'FFA_MEM_FRAG_RX'],
  [0xc4000071n, 'FFA_FN64_MEM_DONATE'],
  [0x8400006en, 'FFA_MSG_SEND'],
  [0x8400006an, 'FFA_MSG_POLL'],
  [0x8400006bn, 'FFA_MSG_WAIT'],
  [0x84000070n, 'FFA_MSG_SEND_DIRECT_RESP'],
  [0x84000066n, 'FFA_RXTX_MAP'],
  [0x84000071n, 'FFA_MEM_DONATE'],
  [0x84000074n, 'FFA_MEM_RETRIEVE_REQ'],
]);

export function pkvmTreatment(fid: bigint): PkvmTreatment {
  if (HANDLED.has(fid)) return 'handled';
  if (REFUSED.has(fid)) return 'refused';
  return 'forwarded';
}

const TEXT: Record<PkvmTreatment, (name: string) => string> = {
  handled: (name) =>
    `Under pKVM the host's smc traps to EL2 first, and the FF-A proxy there handles ${name} itself (kvm_host_ffa_handler), making its own call to EL3 where it needs one. ` +
    'Its answer goes back in x0–x3 only (ffa_set_retval); x4–x17 come back as the host left them.',
  refused: (name) =>
    `Under pKVM the host's smc traps to EL2 first, and the FF-A proxy there refuses ${name}: ffa_call_supported() lists it, so the host gets FFA_ERROR with NOT_SUPPORTED (-1) in w2 and the call never reaches EL3.`,
  forwarded: () =>
    'Under pKVM the host\'s smc traps to EL2 first; the FF-A proxy there lets this call through unchanged once FFA_VERSION has been negotiated: __kvm_hyp_host_forward_smc loads x0–x17 from the host\'s saved registers, makes the smc to EL3 and stores x0–x17 of the answer back.',
};

const memXfer = (width: 32 | 64) =>
  `${width === 32 ? 'It reissues the SMC32 form to EL3 as the SMC64 one. ' : ''}It refuses a descriptor outside the TX buffer (w3 and w4 must be 0), more than one receiver, or a sender other than the host's ID 0, and checks and updates the host's stage 2 for the pages (ffa_host_share_ranges) before passing the call on.`;

/** What the proxy does beyond the general rule, for the handled calls the catalog has. */
const DETAIL: ReadonlyMap<bigint, { text: string; source: typeof src.pkvmMemXfer }> = new Map([
  [FFA_FEATURES, { text: FEATURES_PASSES, source: src.pkvmFeatures }],
  [0x84000063n, { text: 'It offers at most v1.1: hyp_ffa_init settled on the lower of v1.1 and what EL3 reported, and a host asking for a major version other than 1 gets NOT_SUPPORTED.', source: src.pkvmVersion }],
  [0x84000072n, { text: memXfer(32), source: src.pkvmMemXfer }],
  [0xc4000072n, { text: memXfer(64), source: src.pkvmMemXfer }],
  [0x84000073n, { text: memXfer(32), source: src.pkvmMemXfer }],
  [0xc4000073n, { text: memXfer(64), source: src.pkvmMemXfer }],
]);

/** The note an FF-A call carries about pKVM's proxy, which sees only the host's smc. */
export function pkvmNote(fid: bigint, name: string): Note {
  const t = pkvmTreatment(fid);
  const macro = HANDLED.get(fid) ?? REFUSED.get(fid) ?? name;
  const sources = {
    handled: [src.pkvmHandler, src.pkvmRetval],
    refused: [src.pkvmHandler, src.pkvmUnsupported],
    forwarded: [src.pkvmHandler, src.pkvmForward],
  }[t];
  const detail = DETAIL.get(fid);
  return {
    kind: 'info',
    text: detail ? `${TEXT[t](macro)} ${detail.text}` : TEXT[t](macro),
    sources: [src.pkvmProxy, ...sources, ...(detail ? [detail.source] : [])],
  };
}

// ---------------------------------------------------------------- drawn: the variant "FF-A under pKVM"

/** The host's smc as pKVM takes it: trapped to EL2, offered to the PSCI relay, then to the FF-A proxy. */
const proxy: Place = { ...pkvmLevel, who: 'pKVM’s FF-A proxy' };

function proxyHop(then: string, passes: Hop['passes'], passesHow: string): Hop {
  return {
    ...proxy,
    enter: { how: 'trap', instruction: 'a64-smc', imm: 0 },
    sees:
      'pKVM reads ESR_EL2: an SMC64 from the host, trapped because protected mode sets HCR_EL2.TSC for the host. __host_exit saves the host’s x0–x17, x18–x29 and lr in the host context; ' +
      `handle_trap → handle_host_smc clears the SVE hint from x0 and offers the call to the PSCI relay, then to kvm_host_ffa_handler. ${then}`,
    passes,
    passesHow,
    sources: [hostSrc.trapsSmc, hostSrc.hostExit, src.pkvmProxy, hostSrc.skipSmc, src.pkvmHandler],
  };
}

const pastTheSmc = 'eret from __host_enter, past the smc (kvm_skip_host_instr adds 4 to ELR_EL2: a trapped smc returns to itself)';

/** Handled or refused at EL2: the path ends at pKVM, which writes x0–x3 and restores the rest. */
function endsAtEl2(then: string): Path {
  return {
    instruction: 'a64-smc',
    from: hostKernel,
    out: [proxyHop(then, { kind: 'all' }, 'ffa_set_retval writes x0–x3 into the host context; __host_enter reloads all of it')],
    back: [backToHost(pastTheSmc, 'The host finds the proxy’s answer in x0–x3; x4–x17 and the rest as it left them.', [src.pkvmRetval, hostSrc.skipSmc])],
    sources: [src.pkvmProxy, src.pkvmHandler],
  };
}

const forwardHow = '__kvm_hyp_host_forward_smc loads x0–x17 from the host context and executes smc #0';
const pkvmResumes = (hop: Hop): Hop => ({
  ...hop,
  sees: `${hop.sees} pKVM’s smc #0 returns in __kvm_hyp_host_forward_smc, which stores x0–x17 of the answer into the host context.`,
  passes: { kind: 'all' },
  passesHow: '__host_enter reloads the host context, x0–x17 as EL3 answered',
  sources: [...hop.sources, src.pkvmForward],
});
const hostResumes = backToHost(pastTheSmc, 'The host finds x0–x17 as the firmware answered and the rest of its registers as it left them.', [src.pkvmForward, hostSrc.skipSmc]);

/** Passed through: the host's call goes on to EL3 from pKVM's own smc; a direct request on to the partition. */
function forwarded(request: DirectRequest | undefined, width: 32 | 64): Path {
  const out = proxyHop(
    'kvm_host_ffa_handler neither handles nor refuses this call, so it passes through (the PSCI relay does not take FF-A IDs either) to default_host_smc_handler.',
    { kind: 'listed', registers: Array.from({ length: 18 }, (_, i) => `x${i}`) },
    forwardHow,
  );
  if (request) {
    const inner = spmdPath(request, proxy);
    return {
      ...inner,
      from: hostKernel,
      out: [out, ...inner.out],
      back: [...inner.back.slice(0, -1), pkvmResumes(inner.back.at(-1)!), hostResumes],
      notes: [],
    };
  }
  const el3: Hop = {
    level: 'EL3',
    world: 'secure',
    who: 'TF-A’s SPMD',
    enter: { how: 'trap', instruction: 'a64-smc', imm: 0 },
    syndromeAt: {
      register: 'ESR_EL3',
      className: 'EC 0x17 SMC64, EC_AARCH64_SMC in TF-A: SMC from AArch64; ISS holds the immediate',
      sources: [pathSrc.ecSmc, pathSrc.esrEl3],
    },
    sees: 'TF-A saves the normal world’s registers, sees an SMC in ESR_EL3’s EC and hands the FF-A function ID in x0 to the SPMD, which answers it or forwards it to the SPMC as it would the kernel’s own smc.',
    passes: { kind: 'all' },
    passesHow: `the SPMD writes its answer in x0–x${width === 64 ? '17' : '7'} of the normal world’s context and erets`,
    sources: [pathSrc.save, pathSrc.esrEl3, pathSrc.stdSvc, src.spmd],
  };
  const back: Hop = pkvmResumes({ ...proxy, enter: { how: 'forward', what: 'eret into the normal world’s saved context' }, sees: 'No syndrome: this is the return from pKVM’s own smc.', sources: [pathSrc.eret] });
  return { instruction: 'a64-smc', from: hostKernel, out: [out, el3], back: [back, hostResumes], sources: [src.pkvmProxy, src.pkvmForward] };
}

/** What pKVM's own answers leave: x0–x3 written (ffa_set_retval), every other register restored. */
const keptByProxy: CallVariant['rules'] = {
  preserved: [...Array.from({ length: 27 }, (_, i) => `x${i + 4}`), 'sp'],
  sources: [src.pkvmRetval, hostSrc.hostEnter],
};

const refusal = (width: 32 | 64): ResultDef[] => {
  const r = (n: number) => `${width === 64 ? 'x' : 'w'}${n}`;
  return [
    { name: 'reply', meaning: 'FFA_ERROR: pKVM’s proxy refuses the call', register: r(0), example: 0x84000060n, exampleMeaning: 'FFA_ERROR', sources: [src.pkvmUnsupported, src.pkvmError, src.success] },
    {
      name: 'error code',
      meaning: 'the FF-A error code',
      register: r(2),
      example: width === 64 ? 0xffffffffffffffffn : 0xffffffffn,
      exampleMeaning: 'FFA_RET_NOT_SUPPORTED (-1)',
      sources: [src.pkvmError, src.errors],
    },
  ];
};

const drawnNote = (t: PkvmTreatment | 'features'): Note => ({
  kind: 'info',
  text: {
    handled: 'Drawn under pKVM: the path ends at EL2, where the proxy answers; a call it makes to EL3 on the way (FFA_VERSION’s first negotiation, the reissued memory transaction, PARTITION_INFO_GET) is not drawn.',
    refused: 'Drawn under pKVM: the path ends at EL2, where the proxy refuses the call; the results shown are its FFA_ERROR, not the firmware’s answer.',
    forwarded: 'Drawn under pKVM: NS-EL1 → EL2 (pKVM’s proxy) → EL3 and on, and back through EL2, which copies the answer into the host’s registers.',
    features: 'Drawn under pKVM as passed through, for the example’s ID; for FFA_MEM_SHARE, FFA_MEM_LEND or a refused ID the path would end at EL2.',
  }[t],
  sources: [src.pkvmHandler, ...(t === 'features' ? [src.pkvmFeatures] : [])],
});

/**
 * An FF-A call under the variant "pkvm": the path pKVM's proxy gives it,
 * what the host keeps when the proxy answers, and the proxy's refusal.
 */
export function pkvmVariant(fid: bigint, results: readonly ResultDef[], request?: DirectRequest): CallVariant {
  const width = fid & (1n << 30n) ? 64 : 32;
  const t = pkvmTreatment(fid);
  if (fid === FFA_FEATURES) return { path: forwarded(undefined, width), notes: [drawnNote('features')] };
  if (t === 'forwarded') return { path: forwarded(request, width), notes: [drawnNote(t)] };
  if (t === 'refused') {
    return {
      path: endsAtEl2('kvm_host_ffa_handler finds it in ffa_call_supported()’s list and answers FFA_ERROR with NOT_SUPPORTED itself.'),
      handlerPath: ffaAnsweredByPkvm(true),
      memory: [],
      handles: 'pKVM’s FF-A proxy refuses it: FFA_ERROR with NOT_SUPPORTED in w2, and nothing reaches EL3.',
      results: refusal(width),
      rules: keptByProxy,
      notes: [drawnNote(t)],
    };
  }
  const version = fid === 0x84000063n;
  return {
    path: endsAtEl2('kvm_host_ffa_handler handles this call itself and answers it.'),
    handlerPath: ffaAnsweredByPkvm(false),
    handles: 'pKVM’s FF-A proxy answers it itself at EL2 (kvm_host_ffa_handler), in x0–x3.',
    ...(version ? { results: results.map((r) => ({ ...r, example: 0x10001n, exampleMeaning: 'FF-A v1.1: the most pKVM offers (hyp_ffa_init)', sources: [...r.sources, src.pkvmVersion] })) } : {}),
    rules: keptByProxy,
    notes: [drawnNote(t)],
  };
}
