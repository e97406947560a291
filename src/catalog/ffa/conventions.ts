import type { Convention } from '../../model/convention';
import type { Note } from '../../model/source';
import { aarch64 } from '../arch/aarch64';
import { convention as smcccConvention, src as smcccSrc } from '../smccc/conventions';
import { src } from './sources';

export const FAMILY = 'ffa';

/**
 * Why FF-A has conventions of its own rather than riding on SMCCC's: its
 * replies are not SMCCC status codes in x0-x3 but a function ID in x0 with
 * results from w2 (and x4-x17 for REQ2/RESP2), which only SMCCC 1.2's
 * register rules allow; and Linux makes every FF-A call with the SMCCC 1.2
 * helpers. So each conduit and width is SMCCC 1.2's roles under FF-A's name.
 */
const ownConvention: Note = {
  kind: 'info',
  text:
    'Why FF-A has conventions of its own: an FF-A reply puts a function ID in x0 (FFA_SUCCESS, FFA_ERROR with the error code in w2, FFA_MSG_SEND_DIRECT_RESP, …) and results in w2–w7, ' +
    'and FFA_MSG_SEND_DIRECT_REQ2 and its response carry x4–x17. SMCCC 1.0 and 1.1 return results in x0–x3 only, so only SMCCC 1.2’s registers fit; ' +
    'Linux makes every FF-A call through arm_smccc_1_2_smc() or arm_smccc_1_2_hvc(), which load and store x0–x17.',
  sources: [src.conduit, src.value, src.error],
};

const specNotRead: Note = {
  kind: 'unconfirmed',
  text:
    'We could not read Arm DEN0077 (the FF-A specification) itself. Register roles follow Linux’s driver (drivers/firmware/arm_ffa), function numbers are checked against TF-A’s and Hafnium’s headers, ' +
    'and the SMCCC 1.2 rules for unused registers are assumed: x4–x17 kept when a reply does not use them, unused w1–w3 unknown.',
  sources: [src.fid, src.tfaFid, src.conduit],
};

const conduitChoice: Note = {
  kind: 'unconfirmed',
  text:
    'Linux picks smc or hvc once, when the driver starts (ffa_transport_init in drivers/firmware/arm_ffa/smccc.c); we read only the two functions it chooses between, not how it chooses.',
  sources: [src.conduit],
};

const unknownId: Note = {
  kind: 'unconfirmed',
  text:
    'An ID no firmware service knows is answered SMCCC_RET_NOT_SUPPORTED (-1) in x0, as the app shows. An ID inside the FF-A range that the callee does not implement would rather be answered FFA_ERROR with NOT_SUPPORTED (-1) in w2; ' +
    'we did not read that path in TF-A’s SPMD.',
  sources: [src.tfaFid, src.errors],
};

const smcFirstHop: Note = {
  kind: 'info',
  text:
    'Over smc the first stop is EL3, where TF-A’s SPM Dispatcher (SPMD) "mainly relays the FF-A protocol from NWd (Hypervisor or OS kernel) to the SPMC"; ' +
    'the SPMC is at S-EL2 (Hafnium), S-EL1 or EL3, chosen when the firmware is built. Under pKVM, the host’s smc is trapped at EL2 first, where pKVM’s FF-A proxy looks at it before anything is forwarded to EL3.',
  sources: [src.spmd, src.spmcLevel, src.pkvmProxy],
};

const hvcFirstHop: Note = {
  kind: 'info',
  text: 'Over hvc the callee is a hypervisor at NS-EL2 that implements FF-A for the VMs it manages; whether and how it passes a call on to the secure world is its own business.',
  sources: [src.hypervisor, src.conduit],
};

const smc32Upper: Note = {
  kind: 'info',
  text: 'SMC32 and HVC32 calls made from AArch64 use the w registers; the callee ignores the upper 32 bits of x1–x7. The 64-bit forms exist for calls that pass addresses or wider payloads.',
  sources: [smcccSrc.smc32upper, src.fid],
};

function ffaConvention(conduit: 'smc' | 'hvc', width: 32 | 64): Convention {
  const base = smcccConvention('1.2', conduit, width, aarch64);
  const cc = `${conduit.toUpperCase()}${width}`;
  const slot = width === 64 ? 'x' : 'w';
  return {
    ...base,
    id: `ffa-${conduit}${width}`,
    name: `Arm FF-A · ${cc} (AArch64)`,
    family: FAMILY,
    familyName: 'Arm FF-A (DEN0077)',
    era: 'SMCCC 1.2 registers',
    summary:
      `Arm's Firmware Framework for A-profile, ${cc} calls from AArch64: the FF-A function ID in ${slot}0, arguments from ${slot}1, through ${conduit} #0; ` +
      `the reply is a function ID in ${slot}0 (FFA_SUCCESS, FFA_ERROR, or the response itself) with results from ${slot}2.`,
    roleSources: {
      args: [...base.roleSources.args, src.conduit],
      results: [...base.roleSources.results, src.error, src.hafSuccess],
      clobbered: base.roleSources.clobbered,
      preserved: base.roleSources.preserved,
    },
    // A kernel with or without a hypervisor below it: FF-A does not care which.
    caller: 'the normal-world kernel',
    handler: conduit === 'smc' ? 'the secure monitor (TF-A’s SPMD at EL3)' : 'the hypervisor (its FF-A implementation)',
    eraLinks: [
      { id: `smccc-1.2-${conduit}${width}`, relation: 'related', why: 'The SMCCC 1.2 convention whose registers FF-A uses.' },
    ],
    sources: [src.fid, src.tfaFid, src.conduit],
    // SMCCC's own notes speak of KVM guests and generic callers; FF-A states its own.
    notes: [ownConvention, specNotRead, conduitChoice, unknownId, conduit === 'smc' ? smcFirstHop : hvcFirstHop, ...(width === 32 ? [smc32Upper] : [])],
  };
}

export const ffaConventions: readonly Convention[] = [ffaConvention('smc', 64), ffaConvention('smc', 32), ffaConvention('hvc', 64), ffaConvention('hvc', 32)];
