import type { Family } from '../family';
import { tdcallConvention, tdvmcallConvention } from './conventions';
import { tdxLeaves, vmcallLeaf } from './leaves';
import { tdxVmcalls } from './vmcalls';

/** Intel TDX: TDCALL from a trust domain to the TDX module, and TDG.VP.VMCALL through it to the host VMM. */
export const tdx: Family = { conventions: [tdcallConvention, tdvmcallConvention], calls: [...tdxLeaves, vmcallLeaf, ...tdxVmcalls] };
