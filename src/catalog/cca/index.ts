import type { Family } from '../family';
import { ccaConventions } from './conventions';
import { rmiCalls } from './rmi';
import { rsiCalls } from './rsi';

/** Arm CCA: a realm calling its RMM (RSI), and the host calling the RMM through EL3 (RMI). */
export const cca: Family = { conventions: ccaConventions, calls: [...rsiCalls, ...rmiCalls] };
