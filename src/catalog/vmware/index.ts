import type { Family } from '../family';
import { vmwareCalls } from './calls';
import { vmwareConventions } from './conventions';

/**
 * VMware's backdoor: the low-bandwidth call on x86 through port I/O, VMCALL
 * or VMMCALL; high-bandwidth string I/O; and the arm64 variant inside vmwgfx.
 * Each register layout is its own family string, so that callFits only offers
 * a call under the conventions whose registers it was written for.
 */
export const vmware: Family = { conventions: vmwareConventions, calls: vmwareCalls };
