/**
 * The whole catalog, every family at once: for Node (tests, the command line,
 * the catalog.json and manifest builds) where there is no first paint to protect.
 */
import { cca } from './cca';
import { ffa } from './ffa';
import { gunyah } from './gunyah';
import { hyperv } from './hyperv';
import { hypstub } from './hypstub';
import { firstCatalog, withFamilies, type Catalog } from './index';
import { kvmX86 } from './kvm-x86';
import { pkvmHost } from './pkvm-host';
import { riscv } from './riscv';
import { sev } from './sev';
import { smcccAarch32 } from './smccc/aarch32';
import { smcccMore } from './smccc/more-calls';
import { tdx } from './tdx';
import { vmware } from './vmware';
import { xen } from './xen';

export const catalog: Catalog = withFamilies(firstCatalog, [
  ['smccc-more', smcccMore],
  ['smccc-aarch32', smcccAarch32],
  ['hyperv', hyperv],
  ['gunyah', gunyah],
  ['hypstub', hypstub],
  ['xen', xen],
  ['kvm-x86', kvmX86],
  ['vmware', vmware],
  ['riscv', riscv],
  ['pkvm-host', pkvmHost],
  ['ffa', ffa],
  ['tdx', tdx],
  ['sev', sev],
  ['cca', cca],
]);
