import type { Family } from '../family';
import { xenArm } from './arm';
import { xenX86 } from './x86';

/** Xen on Arm and on x86 share their calls, so they load as one family. */
export const xen: Family = { conventions: [...xenArm.conventions, ...xenX86.conventions], calls: [...xenArm.calls, ...xenX86.calls] };
