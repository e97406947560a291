import type { Source } from '../../model/source';
import { xenAt } from '../docs';

/** The Xen commit its x86 exit handling and hypercall dispatch were read at. */
export const XEN_X86_AT = 'c447b7308b1330ec6dcfef37220736c28f41daa0';
export const xenX86Source = (path: string, where: string): Source => xenAt(XEN_X86_AT, path, where);
