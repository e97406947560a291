import type { Note } from '../../model/source';
import { src } from './sources';

/**
 * What pKVM's FF-A proxy at EL2 does with each call the host makes over smc,
 * from kvm_host_ffa_handler and ffa_call_supported in
 * arch/arm64/kvm/hyp/nvhe/ffa.c (sources.ts pkvmHandler, pkvmUnsupported).
 * Function IDs are the FFA_SMC_32/64 values of the macros those functions
 * name; anything else in the FF-A range goes on to EL3 unchanged.
 */
export type PkvmTreatment = 'handled' | 'refused' | 'forwarded';

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
