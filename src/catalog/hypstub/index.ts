import { emptyFamily, type Family } from '../family';

export const hypstub: Family = emptyFamily;
