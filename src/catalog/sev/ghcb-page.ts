import type { Call } from '../../model/call';
import { snpEvents } from './snp-events';
import { vcExits } from './vc-exits';

/**
 * Every event the GHCB page protocol carries in Trapscope: the exits Linux's
 * #VC handler forwards (vc-exits.ts), then the software-defined events it
 * issues on its own (snp-events.ts). page-call.ts builds each one's page.
 */
export const pageCalls: readonly Call[] = [...vcExits, ...snpEvents];
