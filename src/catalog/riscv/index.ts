import { emptyFamily, type Family } from '../family';

export const riscv: Family = emptyFamily;
