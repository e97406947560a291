import { emptyFamily, type Family } from '../family';

export const kvmX86: Family = emptyFamily;
