import { closedHandler } from '../exception/closed';
import { closedHost, hypercallExits } from '../exception/x86';
import { tlfs } from './sources';

/** Hyper-V's VMM is not public: its vmcall exit is drawn as the CPU records it, and its handler is said to be unknown. */
export const [hypervVmcallExit] = hypercallExits(closedHost('Hyper-V', [tlfs('Hypercall interface')]));

export const hypervHandler = closedHandler('Microsoft Hyper-V', 'The hypervisor’s source is not public: Microsoft documents the hypercall ABI (the TLFS), not the code that handles it.', [
  tlfs('Hypercall interface'),
]);
