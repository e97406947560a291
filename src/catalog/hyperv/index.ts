import type { Family } from '../family';
import { arm64Conventions } from './arm64';
import { hypervCalls } from './calls';
import { x64Conventions, x86Memory } from './x64';

/**
 * Microsoft Hyper-V hypercalls: the x64 hypercall page (memory-based, fast and
 * XMM fast), 32-bit x86, and arm64 through SMCCC or the older hvc #1 ABI.
 */
export const hyperv: Family = {
  conventions: [...x64Conventions, x86Memory, ...arm64Conventions],
  calls: hypervCalls,
};
