import { emptyFamily, type Family } from '../family';

export const xenArm: Family = emptyFamily;
