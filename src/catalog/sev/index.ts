import type { Family } from '../family';
import { sevConventions } from './conventions';
import { pageCalls } from './ghcb-page';
import { msrCalls } from './msr-protocol';

/** AMD SEV-ES/SNP: VMGEXIT with the GHCB MSR protocol and with a GHCB page. */
export const sev: Family = { conventions: sevConventions, calls: [...msrCalls, ...pageCalls] };
