import type { Architecture } from '../../model/arch';
import type { Convention } from '../../model/convention';
import type { Note } from '../../model/source';
import { toTwosComplement } from '../../model/value';
import { aarch64 } from '../arch/aarch64';
import { doc, linux, linuxCommit, mail, tfa, tfaCommit } from '../docs';
import { armException } from '../exception/arm';
import { smcccFunctionId } from './function-id';
import { kvmArm64Hvc32, kvmArm64Hvc64 } from './handlers';
import { smcccOverSmc, smcccOverSmc32 } from './tfa';

export type SmcccVersion = '1.0' | '1.1' | '1.2';
export const SMCCC_VERSIONS: readonly SmcccVersion[] = ['1.0', '1.1', '1.2'];

const H = 'include/linux/arm-smccc.h';
export const range = (p: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${p}${from + i}`);

export const src = {
  args: linux(H, '__arm_smccc_hvc(): "@a0-a7: arguments passed in registers 0 to 7"'),
  results: linux(H, '__arm_smccc_hvc(): "@res: result values from registers 0 to 3"'),
  v10clobber: tfaCommit(
    '3a1b0676c72989d75276da7f11e89d00933eccdd',
    'Implement support for SMCCC v1.1',
    'commit message: "SMCCC v1.1 comes with a relaxed calling convention for AArch64 callers. The caller only needs to save x0-x3 before doing an SMC call."',
  ),
  v10table: doc(
    'Fuchsia zircon/kernel/arch/arm64/smccc.S',
    'header comment reproducing the SMCCC v1.0 register table: X4…X17 Unpredictable, X18…X30 Preserved, SP_EL0/SP_ELx Preserved',
  ),
  v11: linuxCommit('f2d3b2e8759a5833df6f022e42df2d581e6d843c', 'arm/arm64: smccc: Implement SMCCC v1.1 inline primitive'),
  v11outputs: linux(H, '__arm_smccc_1_1: r0-r3 declared as outputs ("=r" (r0) … "=r" (r3))'),
  v12: mail('[PATCH] arm64: smccc: Add support for SMCCCv1.2 extended input/output registers', '20210505093843.3308691-2-sudeep.holla@arm.com'),
  v12regs: linux(H, 'struct arm_smccc_1_2_regs: "@a0-a17 argument values from registers 0 to 17"'),
  v12tfa: tfa(
    'docs/getting_started/rt-svc-writers-guide.rst',
    'SMCCC v1.2: "results are returned in W0-W7(X0-X7) registers for SMC32(SMC64) calls from AArch64 state. Results are returned in R0-R7 registers for SMC32 calls from AArch32 state."',
  ),
  smc32upper: tfa(
    'docs/getting_started/rt-svc-writers-guide.rst',
    '"the upper bits of the parameters x1-x4 and the saved parameters X5-X7 are UNDEFINED and must be explicitly ignored by the handler"',
  ),
  notSupported: linux(H, 'SMCCC_RET_NOT_SUPPORTED (-1)'),
  kvmDefault: linux('arch/arm64/kvm/hypercalls.c', 'kvm_smccc_call_handler: val[0] = SMCCC_RET_NOT_SUPPORTED by default'),
  kvmSmc: linux('arch/arm64/kvm/handle_exit.c', 'handle_smc: kvm_incr_pc(), then kvm_smccc_call_handler()'),
  conduit: linux(H, 'SMCCC_HVC_INST "hvc #0", SMCCC_SMC_INST "smc #0"'),
};

const argCountNote: Note = {
  kind: 'unconfirmed',
  text: 'Up to SMCCC 1.1, implementations read x1–x6 as parameters and w7 as the hypervisor client ID (Gunyah, Fuchsia, OP-TEE); Linux passes whatever it is given in x1–x7. We could not read the DEN0028 text itself, so x7 is shown as an argument slot.',
  sources: [src.args, doc('Fuchsia zircon/kernel/arch/arm64/smccc.S', 'arm_smccc_smc_internal(uint32_t w0, x1…x6, uint32_t w7)')],
};

const unusedResultNote: Note = {
  kind: 'unconfirmed',
  text: 'Result registers a call does not use: Linux treats x0–x3 as outputs of every call, and KVM writes 0 to the unused ones. We found no spec text promising their contents, so they are shown as unknown.',
  sources: [src.v11outputs, linux('arch/arm64/kvm/hypercalls.c', 'kvm_smccc_call_handler: smccc_set_retval(vcpu, val[0], val[1], val[2], val[3])')],
};

const smcNote: Note = {
  kind: 'info',
  text: 'smc goes to EL3. With HCR_EL2.TSC set it traps to EL2 instead; KVM then advances the PC itself (a trapped SMC is not a Secure Monitor Call exception) and handles the call like an HVC.',
  sources: [src.kvmSmc, linux('arch/arm64/include/asm/kvm_arm.h', 'HCR_TSC (UL(1) << 19) "Trap SMC"')],
};

const smc32Note: Note = {
  kind: 'info',
  text: 'SMC32 and HVC32 calls made from AArch64 use the w registers; the callee must ignore the upper 32 bits of x1–x7.',
  sources: [src.smc32upper],
};

export interface RoleSet {
  args: string[];
  results: string[];
  clobbered: string[];
  preserved: string[];
  roleSources: Convention['roleSources'];
}

/** Which registers carry what for a caller in AArch64 state, per SMCCC version and slot width. */
function aarch64Roles(version: SmcccVersion, width: 32 | 64): RoleSet {
  const p = width === 64 ? 'x' : 'w';
  const keep = [...range('x', 18, 30), 'sp'];
  if (version === '1.0') {
    return {
      args: range(p, 1, 7),
      results: range(p, 0, 3),
      clobbered: range('x', 4, 17),
      preserved: keep,
      roleSources: { args: [src.args], results: [src.results], clobbered: [src.v10clobber, src.v10table], preserved: [src.v10table] },
    };
  }
  if (version === '1.1') {
    return {
      args: range(p, 1, 7),
      results: range(p, 0, 3),
      clobbered: [],
      preserved: [...range('x', 4, 17), ...keep],
      roleSources: { args: [src.args], results: [src.results, src.v11outputs], clobbered: [], preserved: [src.v11, src.v10clobber] },
    };
  }
  return width === 64
    ? {
        args: range('x', 1, 17),
        results: range('x', 0, 17),
        clobbered: [],
        preserved: [...range('x', 4, 17), ...keep],
        roleSources: { args: [src.v12, src.v12regs], results: [src.v12, src.v12regs], clobbered: [], preserved: [src.v12, src.v10table] },
      }
    : {
        args: range('w', 1, 7),
        results: range('w', 0, 7),
        clobbered: [],
        preserved: [...range('x', 4, 17), ...keep],
        roleSources: { args: [src.v12tfa], results: [src.v12tfa], clobbered: [], preserved: [src.v12, src.v10table] },
      };
}

/**
 * One SMCCC convention. AArch32's are built by aarch32.ts (not in the first
 * load), which brings their register roles and notes.
 */
export function convention(
  version: SmcccVersion,
  conduit: 'hvc' | 'smc',
  width: 32 | 64,
  arch: Architecture,
  r: RoleSet = aarch64Roles(version, width),
  archNotes: readonly Note[] = [],
): Convention {
  const cc = `${conduit.toUpperCase()}${width}`;
  const a32 = arch.id === 'aarch32';
  const slot = a32 ? 'r' : width === 64 ? 'x' : 'w';
  const notes: Note[] = [];
  if (version !== '1.2') notes.push(argCountNote);
  notes.push(unusedResultNote);
  if (width === 32 && !a32) notes.push(smc32Note);
  if (conduit === 'smc') notes.push(smcNote);
  notes.push(...archNotes);
  return {
    id: `smccc-${version}-${conduit}${width}${a32 ? '-aarch32' : ''}`,
    name: `SMCCC ${version} · ${cc}${a32 ? ' (AArch32)' : ''}`,
    family: 'smccc',
    familyName: 'SMCCC (Arm DEN0028)',
    era: version,
    summary:
      `Arm's SMC Calling Convention ${version}, ${cc} calls from ${arch.name}: the function ID in ${slot}0, ` +
      `arguments from ${r.args[0]}, results from ${r.results[0]}, through ${conduit} #0.`,
    arch,
    instruction: arch.instructions[conduit]!,
    imm: 0,
    selector: `${slot}0`,
    selectorName: 'function ID',
    slotBits: width,
    ...r,
    functionId: { layout: smcccFunctionId, fixed: { cc: width === 64 ? 1n : 0n } },
    unknownCall: { value: toTwosComplement(-1n, width), name: 'SMCCC_RET_NOT_SUPPORTED (-1)', sources: [src.notSupported, src.kvmDefault] },
    handler: conduit === 'hvc' ? 'the hypervisor' : 'the secure monitor',
    exception: armException(arch.instructions[conduit]!.id),
    // KVM answers an hvc; TF-A, the reference monitor, an smc.
    handlerPath: conduit === 'hvc' ? (a32 ? kvmArm64Hvc32 : kvmArm64Hvc64) : a32 ? smcccOverSmc32 : smcccOverSmc,
    sources: [linux(H, 'ARM_SMCCC_CALL_VAL'), src.conduit],
    notes,
  };
}

/** The conventions of callers in AArch64 state, in the first load with the default view's call. */
export const smcccConventions: readonly Convention[] = SMCCC_VERSIONS.flatMap((v) => [
  convention(v, 'hvc', 64, aarch64),
  convention(v, 'smc', 64, aarch64),
  convention(v, 'hvc', 32, aarch64),
  convention(v, 'smc', 32, aarch64),
]);
