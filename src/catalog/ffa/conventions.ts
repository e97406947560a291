import type { Convention } from '../../model/convention';
import type { Note } from '../../model/source';
import { aarch64 } from '../arch/aarch64';
import { range, convention as smcccConvention, src as smcccSrc } from '../smccc/conventions';
import { pathSrc } from './path';
import { PKVM } from './pkvm';
import { src as hostSrc } from '../pkvm-host/sources';
import { LINUX_6_18 } from '../docs';
import { src } from './sources';
import { ffaOverHvc, ffaOverSmc, ffaThroughPkvm } from './handlers';
import { pkvmHostSmc } from './exceptions';

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
    'Arm DEN0077 (the FF-A specification) itself is in none of the stores we could search (documentation and web pages name it only through implementations and commit messages), so no register role here is the specification\'s own wording. ' +
    'Register roles follow Linux\'s driver (drivers/firmware/arm_ffa); function numbers are checked against TF-A\'s and Hafnium\'s headers.',
  sources: [src.fid, src.tfaFid, src.conduit],
};

const unusedBySpmd: Note = {
  kind: 'info',
  text:
    'What a reply leaves in registers the call does not use, as TF-A\'s SPMD at EL3 writes it: replies it makes itself put 0 in every unused w1–w7 (FFA_TARGET_INFO_MBZ, FFA_PARAM_MBZ: FFA_ERROR, FFA_ID_GET, FFA_VERSION) and leave x8–x17 alone; ' +
    'replies it passes on from the secure world carry x0–x7, or x0–x17 for an SMC64 call when both sides speak v1.2, as the other side wrote them. ' +
    'So the caller keeps none of x1–x7 (nor x8–x17 after an SMC64 call), and the app shows the ones a call does not use as lost, not kept.',
  sources: [src.spmdError, src.spmdIdGet, src.spmdVersion, src.ffaRange, pathSrc.copy64, pathSrc.copy32],
};

const unusedByHypervisor: Note = {
  kind: 'unconfirmed',
  text:
    'Over hvc the reply comes from a hypervisor\'s own FF-A implementation, which we did not read: the registers a call does not use are shown under SMCCC 1.2\'s rule (x4–x17 kept), which FF-A replies need not follow (TF-A\'s SPMD writes 0 in unused w1–w7).',
  sources: [smcccSrc.v12, src.spmdError],
};

const conduitChoice: Note = {
  kind: 'info',
  text:
    'How Linux picks smc or hvc: ffa_init() first calls ffa_transport_init() (smccc.c), which gives up unless the SMCCC version is 1.2 or later and then takes arm_smccc_1_1_get_conduit(). ' +
    'That is the conduit the PSCI driver found and handed to arm_smccc_version_init() when SMCCC_VERSION reported 1.1 or later: the "method" property of the device tree\'s psci node ("hvc" or "smc"), or ACPI\'s PSCI_USE_HVC flag. ' +
    'So FF-A uses whatever instruction PSCI uses; every call afterwards goes through the one function chosen then.',
  sources: [src.ffaInit, src.transport, src.getConduit, src.psciConduit],
};

const unknownId: Note = {
  kind: 'info',
  text:
    'An ID no firmware service knows is answered SMCCC_RET_NOT_SUPPORTED (-1) in x0, as the app shows. An ID inside the FF-A range (function numbers 0x60–0x97 in TF-A) goes to the SPMD instead, ' +
    'whose switch ends in default: FFA_ERROR in w0 with NOT_SUPPORTED (-1) in w2 and the other registers up to w7 zero; the app does not draw that second answer.',
  sources: [src.stdSvcFfa, src.ffaRange, src.spmdDefault, src.spmdError],
};

const smcFirstHop: Note = {
  kind: 'info',
  text:
    'Over smc the first stop is EL3, where TF-A’s SPM Dispatcher (SPMD) "mainly relays the FF-A protocol from NWd (Hypervisor or OS kernel) to the SPMC"; ' +
    'the SPMC is at S-EL2 (Hafnium), S-EL1 or EL3, chosen when the firmware is built. Under pKVM, the host’s smc is trapped at EL2 first, where pKVM’s FF-A proxy handles, refuses or forwards it (each call’s note says which).',
  sources: [src.spmd, src.spmcLevel, src.pkvmProxy, src.pkvmHandler],
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
  // Over smc, TF-A's SPMD writes every reply register up to w7 (x17 for SMC64 at v1.2): none of them is kept.
  const written = conduit === 'smc' ? range('x', 4, width === 64 ? 17 : 7) : [];
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
      preserved: conduit === 'smc' ? [src.spmdError, width === 64 ? pathSrc.copy64 : pathSrc.copy32, pathSrc.save] : base.roleSources.preserved,
    },
    preserved: base.preserved.filter((r) => !written.includes(r)),
    // A kernel with or without a hypervisor below it: FF-A does not care which.
    caller: 'the normal-world kernel',
    handler: conduit === 'smc' ? 'the secure monitor (TF-A’s SPMD at EL3)' : 'the hypervisor (its FF-A implementation)',
    handlerPath: conduit === 'smc' ? ffaOverSmc : ffaOverHvc,
    eraLinks: [
      { id: `smccc-1.2-${conduit}${width}`, relation: 'related', why: 'The SMCCC 1.2 convention whose registers FF-A uses.' },
      ...(conduit === 'smc' ? [{ id: `ffa-pkvm-smc${width}`, relation: 'related' as const, why: 'The same calls made by a host under pKVM, whose FF-A proxy at EL2 sees them first.' }] : []),
    ],
    sources: [src.fid, src.tfaFid, src.conduit],
    // SMCCC's own notes speak of KVM guests and generic callers; FF-A states its own.
    notes: [ownConvention, specNotRead, conduit === 'smc' ? unusedBySpmd : unusedByHypervisor, conduitChoice, unknownId, conduit === 'smc' ? smcFirstHop : hvcFirstHop, ...(width === 32 ? [smc32Upper] : [])],
  };
}

const underPkvm: Note = {
  kind: 'info',
  text:
    'Under pKVM the host kernel runs at EL1 and protected mode sets HCR_EL2.TSC for it, so its smc traps to pKVM at EL2 before anything reaches EL3. ' +
    'pKVM’s FF-A proxy (kvm_host_ffa_handler) answers some calls itself, refuses those ffa_call_supported() lists, and passes the rest through with its own smc, copying x0–x17 there and back; each call is drawn along the way its ID takes. ' +
    'Everything but FFA_VERSION is refused with INVALID_PARAMETERS until FFA_VERSION has been negotiated; the calls are drawn as after that.',
  sources: [hostSrc.trapsSmc, src.pkvmProxy, src.pkvmHandler, src.pkvmUnsupported, src.pkvmForward],
};

const proxyIn618: Note = {
  kind: 'history',
  text:
    `pKVM’s FF-A proxy is drawn as read in a mirror of mainline around Linux 6.17. In Linux 6.18 (torvalds/linux ${LINUX_6_18.slice(0, 8)}) it asks EL3 for FF-A v1.2 rather than v1.1, ` +
    'hands a call it answers itself back in x0–x17 rather than x0–x3, and also refuses the notification calls, FFA_MSG_SEND_DIRECT_REQ2/RESP2, FFA_CONSOLE_LOG and FFA_PARTITION_INFO_GET_REGS.',
  sources: [src.pkvm618Version, src.pkvm618Retval, src.pkvm618Unsupported],
};

/** The same smc calls made by a host under pKVM: each call's `variants.pkvm` says how pKVM's proxy treats it. */
function pkvmConvention(width: 32 | 64): Convention {
  const base = ffaConvention('smc', width);
  return {
    ...base,
    id: `ffa-pkvm-smc${width}`,
    name: `Arm FF-A · SMC${width} under pKVM (AArch64)`,
    variant: PKVM,
    summary: `${base.summary} Made by a host kernel under pKVM: its smc traps to pKVM at EL2 first, whose FF-A proxy answers, refuses or passes on each call.`,
    caller: 'the host kernel',
    handler: 'pKVM’s FF-A proxy at EL2, or the firmware it passes the call to',
    handlerPath: ffaThroughPkvm,
    exception: pkvmHostSmc,
    eraLinks: [{ id: `ffa-smc${width}`, relation: 'related', why: 'The same calls from a kernel without pKVM below it: its smc goes straight to EL3.' }],
    notes: [underPkvm, proxyIn618, ...base.notes.filter((n) => n !== smcFirstHop)],
  };
}

export const ffaConventions: readonly Convention[] = [
  ffaConvention('smc', 64),
  ffaConvention('smc', 32),
  ffaConvention('hvc', 64),
  ffaConvention('hvc', 32),
  pkvmConvention(64),
  pkvmConvention(32),
];
