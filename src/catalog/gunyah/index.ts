import type { Family } from '../family';
import { gunyahCalls2022, gunyahSmcccCalls } from './calls';
import { gunyah2022, gunyahSmccc } from './conventions';

/**
 * Gunyah, Qualcomm's hypervisor: the HVC-immediate ABI of Linux's first
 * patches (2022, NAKed) and the SMCCC ABI that replaced it.
 */
export const gunyah: Family = {
  conventions: [gunyah2022, gunyahSmccc],
  calls: [...gunyahCalls2022, ...gunyahSmcccCalls],
};
