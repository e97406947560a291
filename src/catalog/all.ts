/**
 * Every family, loaded at once: for Node (tests, the command line, the
 * catalog.json and manifest builds) where there is no first paint to protect.
 */
import { ffa } from './ffa';
import { gunyah } from './gunyah';
import { hyperv } from './hyperv';
import { hypstub } from './hypstub';
import { registerFamily } from './index';
import { kvmX86 } from './kvm-x86';
import { pkvmHost } from './pkvm-host';
import { riscv } from './riscv';
import { smcccAarch32 } from './smccc/aarch32';
import { smcccMore } from './smccc/more-calls';
import { vmware } from './vmware';
import { xen } from './xen';

registerFamily('smccc-more', smcccMore);
registerFamily('smccc-aarch32', smcccAarch32);
registerFamily('hyperv', hyperv);
registerFamily('gunyah', gunyah);
registerFamily('hypstub', hypstub);
registerFamily('xen', xen);
registerFamily('kvm-x86', kvmX86);
registerFamily('vmware', vmware);
registerFamily('riscv', riscv);
registerFamily('pkvm-host', pkvmHost);
registerFamily('ffa', ffa);

export * from './index';
