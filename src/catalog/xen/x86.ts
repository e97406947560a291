import { emptyFamily, type Family } from '../family';

export const xenX86: Family = emptyFamily;
