import type { ArgDef, ResultDef } from '../../model/call';
import type { Source } from '../../model/source';

/** An RSI or RMI argument in x<n>: both interfaces number their registers the same way. */
export const arg = (n: number, name: string, meaning: string, example: bigint, sources: readonly Source[]): ArgDef => ({
  name,
  meaning,
  register: `x${n}`,
  example,
  sources,
});

/** An RSI or RMI result in x<n>. */
export const result = (n: number, name: string, meaning: string, example: bigint, exampleMeaning: string, sources: readonly Source[]): ResultDef => ({
  name,
  meaning,
  register: `x${n}`,
  example,
  exampleMeaning,
  sources,
});
