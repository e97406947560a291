import { emptyFamily, type Family } from '../family';

export const hyperv: Family = emptyFamily;
