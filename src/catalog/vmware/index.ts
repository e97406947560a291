import { emptyFamily, type Family } from '../family';

export const vmware: Family = emptyFamily;
