import type { Family } from '../family';
import { ffaCalls } from './calls';
import { ffaConventions } from './conventions';

/** Arm FF-A: the calls a normal-world kernel makes, drawn as far as their first hop. */
export const ffa: Family = { conventions: ffaConventions, calls: ffaCalls };
