import type { Family } from './family';
import type { FamilyKey } from './index';

/**
 * How each family arrives: a dynamic import, so each is its own chunk,
 * fetched the first time a view needs it (and precached for offline use).
 * Only import() here, nothing the app's chunk holds: the entry has them, so
 * a link's families are fetched before the app has run (store/family-keys.ts).
 */
export const familyLoaders: Record<Exclude<FamilyKey, 'smccc'>, () => Promise<Family>> = {
  // The less-used SMCCC calls; the SMCCC conventions and the default view's calls are in the first load (index.ts).
  'smccc-more': () => import('./smccc/more-calls').then((m) => m.smcccMore),
  'smccc-aarch32': () => import('./smccc/aarch32').then((m) => m.smcccAarch32),
  hyperv: () => import('./hyperv').then((m) => m.hyperv),
  gunyah: () => import('./gunyah').then((m) => m.gunyah),
  hypstub: () => import('./hypstub').then((m) => m.hypstub),
  // One chunk for Xen: its calls are shared by the Arm and x86 conventions.
  xen: () => import('./xen').then((m) => m.xen),
  'kvm-x86': () => import('./kvm-x86').then((m) => m.kvmX86),
  vmware: () => import('./vmware').then((m) => m.vmware),
  riscv: () => import('./riscv').then((m) => m.riscv),
  'pkvm-host': () => import('./pkvm-host').then((m) => m.pkvmHost),
  ffa: () => import('./ffa').then((m) => m.ffa),
  tdx: () => import('./tdx').then((m) => m.tdx),
  sev: () => import('./sev').then((m) => m.sev),
  cca: () => import('./cca').then((m) => m.cca),
};
