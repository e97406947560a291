import { emptyFamily, type Family } from '../family';

export const gunyah: Family = emptyFamily;
