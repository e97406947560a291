import type { Convention } from '../../model/convention';
import type { Note } from '../../model/source';
import { convention as smcccConvention, range } from '../smccc/conventions';
import { hostAarch64, realmAarch64 } from './arch';
import { rmiPath, rsiPath } from './path';
import { src } from './sources';
import { hostSmcCall, realmSmcTrap } from './exceptions';
import { rmmdRmi, rmmRsi } from './handlers';

export const RSI = 'cca-rsi';
export const RMI = 'cca-rmi';
const FAMILY_NAME = 'Arm CCA (RMM DEN0137 1.0)';

const specVersion: Note = {
  kind: 'history',
  text:
    'Drawn for one version of the Realm Management Monitor specification, DEN0137 1.0-rel0, as TF-RMM implements it at its tag rmm-spec-v1.0-rel0; Linux’s realm guest speaks RSI ABI 1.0, and the host series read here says it follows "DEN0137 version 1.0 EAC5", whose RMI numbers are the same for every call drawn. ' +
    'The numbering moves with the specification: TF-RMM’s main branch (RMM 2.0 work) has no RMI_GRANULE_DELEGATE, gives 0x153 to RMI_RTT_DATA_MAP_INIT and widens the RMI range from 0x150–0x169 to 0x150–0x20A. We could not read DEN0137 itself.',
  sources: [src.rmmRmiFid, src.rmiFid, src.numbersMove, src.rmmMainRange],
};

const rsiTrap: Note = {
  kind: 'info',
  text:
    'A realm’s smc never reaches EL3 or the host: the RMM sets HCR_EL2.TSC in every REC’s HCR_EL2 (HCR_REALM_FLAGS), so the SMC traps to R-EL2, where TF-RMM reads ESR_EL2, sees EC 0x17 (SMC64) and hands the call to handle_realm_rsi(). ' +
    'An hvc from a realm is not a call at all: the RMM answers it by injecting an UNDEF exception into the realm (realm_inject_undef_abort).',
  sources: [src.tsc, src.tscSet, src.syncExit],
};

const rsiRegisters: Note = {
  kind: 'info',
  text:
    'RSI needs SMCCC 1.2’s registers: RSI_MEASUREMENT_READ returns 64 bytes in x1–x8 and RSI_MEASUREMENT_EXTEND takes them in x3–x10, which SMCCC 1.0 and 1.1 (results in x0–x3) cannot carry. ' +
    'Linux nevertheless makes the smaller calls with the SMCCC 1.0 helper arm_smccc_smc() and RSI_ATTESTATION_TOKEN_INIT with arm_smccc_1_2_smc().',
  sources: [src.rsiScope, src.rsiFid, src.rsiKeep],
};

const rsiUnused: Note = {
  kind: 'unconfirmed',
  text: 'Result registers a call does not use: TF-RMM starts every reply from zero and copies x0–x4 back into the realm, so an unused x1–x3 reads 0 and x4 keeps its value; the RMM specification’s own promise was not read, so x1–x3 are shown as unknown.',
  sources: [src.rsiZeroed, src.rsiKeep],
};

const rmiFirstHop: Note = {
  kind: 'info',
  text:
    'The host’s smc goes to EL3, where TF-A’s std_svc_smc_handler() passes any ID in the RMI range to the RMM Dispatcher (RMMD), which forwards it "as it is" to the RMM at R-EL2 (x0–x7). ' +
    'The RMM answers with an smc of its own, RMM_RMI_REQ_COMPLETE (0xC400018F) with the results in x1–x5, and the RMMD erets back to the host with them in x0–x4: NS-EL2 → EL3 → R-EL2 → EL3 → NS-EL2, as drawn.',
  sources: [src.stdSvc, src.forward, src.forwardBack, src.rmmReturn, src.tfaRmiRange],
};

const rmiRegisters: Note = {
  kind: 'disagreement',
  text:
    'How many registers cross EL3 depends on how TF-A is built. With RMM_V1_COMPAT (for an RMM 1.x, as drawn) the RMMD passes x0–x7 to the RMM and x0–x4 back; without it, the default for RMM 2.x, x0–x7 both ways. ' +
    'Linux’s host series makes most RMI calls with arm_smccc_1_1_invoke() (results in x0–x3) and RMI_RTT_READ_ENTRY, the one with five results, with arm_smccc_1_2_smc(). TF-RMM’s RMI header numbers arguments from arg0 = x1, its RSI header from arg1 = x1.',
  sources: [src.forwardRegs, src.compat, src.rmiArgs, src.rmmReturn],
};

const rmiUnused: Note = {
  kind: 'unconfirmed',
  text: 'Result registers a call does not use: TF-RMM zeroes x0–x3 of its reply before the handler runs, so an unused x1–x3 reads 0; x4 is kept. The specification’s promise was not read, so x1–x3 are shown as unknown.',
  sources: [src.rmmZeroed, src.rmmReturn],
};

function cca(kind: 'rsi' | 'rmi'): Convention {
  const rsi = kind === 'rsi';
  const arch = rsi ? realmAarch64 : hostAarch64;
  const base = smcccConvention('1.2', 'smc', 64, arch);
  return {
    ...base,
    id: rsi ? 'cca-rsi-smc64' : 'cca-rmi-smc64',
    name: rsi ? 'Arm CCA RSI · SMC64 (realm → RMM)' : 'Arm CCA RMI · SMC64 (host → RMM through EL3)',
    family: rsi ? RSI : RMI,
    familyName: FAMILY_NAME,
    era: rsi ? 'RSI 1.0' : 'RMI 1.0',
    summary: rsi
      ? 'The Realm Services Interface: a realm’s kernel at R-EL1 calls the Realm Management Monitor at R-EL2 with smc #0, the function ID in x0, arguments from x1 and results from x0 with SMCCC 1.2’s registers; every call but RSI_HOST_CALL stays in the Realm world.'
      : 'The Realm Management Interface: the host hypervisor at NS-EL2 calls the Realm Management Monitor with smc #0; EL3 forwards x0–x7 to the RMM at R-EL2 and its results, x0–x4, back to the host.',
    // RMI: what TF-A's RMMD carries across EL3 for an RMM 1.x (RMM_V1_COMPAT): x0-x7 onward, x0-x4 back.
    ...(rsi ? {} : { args: range('x', 1, 7), results: range('x', 0, 4) }),
    roleSources: rsi
      ? {
          args: [...base.roleSources.args, src.rsiFid],
          results: [...base.roleSources.results, src.rsiKeep],
          clobbered: [],
          preserved: [...base.roleSources.preserved, src.rsiKeep],
        }
      : {
          args: [src.forward, src.forwardRegs, src.rmiArgs],
          results: [src.rmmReturn, src.forwardRegs],
          clobbered: [],
          preserved: [src.forwardRegs, src.rmmReturn],
        },
    unknownCall: {
      value: 0xffffffffffffffffn,
      name: 'SMC_UNKNOWN (-1)',
      sources: rsi ? [src.rsiHandler, src.smcUnknown] : [src.rmiUnknown, src.smcUnknown],
    },
    caller: rsi ? 'the realm’s kernel' : 'the host hypervisor (KVM)',
    path: rsi ? rsiPath : rmiPath,
    handler: rsi ? 'the RMM (TF-RMM at R-EL2)' : 'TF-A’s RMM Dispatcher at EL3, which forwards it to the RMM at R-EL2,',
    exception: rsi ? realmSmcTrap : hostSmcCall,
    handlerPath: rsi ? rmmRsi : rmmdRmi,
    eraLinks: [
      {
        id: rsi ? 'cca-rmi-smc64' : 'cca-rsi-smc64',
        relation: 'related',
        why: rsi ? 'The host’s side: how the hypervisor drives the RMM that serves this realm.' : 'The realm’s side: the calls a realm makes to the same RMM.',
      },
      { id: 'smccc-1.2-smc64', relation: 'related', why: 'The SMCCC 1.2 convention whose registers CCA uses.' },
    ],
    sources: rsi ? [src.rsiScope, src.rsiFid, src.rmmRsiFid] : [src.rmiScope, src.rmiFid, src.rmmRmiFid, src.tfaRmiRange],
    notes: rsi ? [rsiTrap, rsiRegisters, rsiUnused, specVersion] : [rmiFirstHop, rmiRegisters, rmiUnused, specVersion],
  };
}

export const ccaConventions: readonly Convention[] = [cca('rsi'), cca('rmi')];
