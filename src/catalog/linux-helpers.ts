import { ccaLinux } from './cca/linux';
import { ffaLinux } from './ffa/linux';
import { gunyahLinux } from './gunyah/linux';
import { hypervLinux } from './hyperv/linux';
import { hypstubLinux } from './hypstub/linux';
import { kvmLinux } from './kvm-x86/linux';
import type { LinuxHelper } from './linux';
import { pkvmHostLinux } from './pkvm-host/linux';
import { riscvLinux } from './riscv/linux';
import { sevLinux } from './sev/linux';
import { smcccLinux } from './smccc/linux';
import { tdxLinux } from './tdx/linux';
import { vmwareLinux } from './vmware/linux';
import { xenLinux } from './xen/linux';

/**
 * Each family's Linux helper, by the family key its conventions are loaded
 * under. Apart from the families' data so that only the exports (the Share
 * panel, the command line) load them; a family without an entry (a custom
 * convention) has no Linux helper.
 */
export const linuxHelpers: Readonly<Partial<Record<string, LinuxHelper>>> = {
  smccc: smcccLinux,
  'smccc-aarch32': smcccLinux,
  hyperv: hypervLinux,
  gunyah: gunyahLinux,
  hypstub: hypstubLinux,
  xen: xenLinux,
  'kvm-x86': kvmLinux,
  vmware: vmwareLinux,
  riscv: riscvLinux,
  'pkvm-host': pkvmHostLinux,
  ffa: ffaLinux,
  tdx: tdxLinux,
  sev: sevLinux,
  cca: ccaLinux,
};
