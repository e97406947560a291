import type { BaseIssue } from 'valibot';
import { formatHex } from '../../model/value';
import type { PathItem } from './errors';
import { VALUE_TEXT } from './schema';

type Json = Record<string, unknown>;

/**
 * When the schema refuses some fields, the checks that need the
 * architecture can still run on the rest, so that every mistake shows at
 * once (an invalid immediate must not hide a register that does not exist).
 * Each refused field is stood in for by a neutral value, and whatever the
 * checks then say about a stood-in field is dropped. Fields whose stand-in
 * would change what the checks say about others (the architecture, the
 * instruction, the selector, the slot width, the register lists) are not
 * stood in for: the checks then wait until they are fixed.
 *
 * Returns the input with stand-ins and the paths stood in for, or undefined.
 */
export function withStandIns(input: Json, issues: readonly BaseIssue<unknown>[]): { input: Json; stoodIn: string[] } | undefined {
  const conv = input.convention;
  const calls = input.calls;
  if (!isObject(conv) || !Array.isArray(calls)) return undefined;
  const convention: Json = { ...conv };
  const callsOut: unknown[] = [...calls];
  const stoodIn = new Set<string>();
  for (const issue of issues) {
    const keys: PathItem[] = (issue.path ?? []).map((p) => p.key).filter((k): k is PathItem => typeof k === 'string' || typeof k === 'number');
    const [top, second, third] = keys;
    if (top === 'convention' && typeof second === 'string') {
      if (!standInConvention(convention, second)) return undefined;
      stoodIn.add(`convention.${second}`);
    } else if (top === 'calls' && typeof second === 'number') {
      callsOut[second] = standInCall(callsOut[second], typeof third === 'string' ? third : undefined, second, calls);
      stoodIn.add(typeof third === 'string' ? `calls[${second}].${third}` : `calls[${second}]`);
    } else return undefined;
  }
  return { input: { ...input, convention, calls: callsOut }, stoodIn: [...stoodIn] };
}

/** Convention fields that nothing else is checked against. */
function standInConvention(c: Json, key: string): boolean {
  if (key === 'imm') {
    // With no selector, the immediate picks the call and every number is checked against it: wait for a real one.
    if (c.selector === null || c.selector === undefined) return false;
    c.imm = 0;
  } else if (key === 'id' || key === 'name' || key === 'selectorName' || key === 'selectedBy') c[key] = 'x';
  else if (key === 'usesSmcccFunctionId') c[key] = false;
  else if (['handler', 'era', 'summary', 'target', 'fixed', 'unknownCall', 'path'].includes(key) || !KNOWN.has(key)) delete c[key];
  else return false;
  return true;
}

// The MSR cells are registers: like the register lists, they are not stood in for.
const KNOWN = new Set(['id', 'name', 'arch', 'instruction', 'imm', 'selector', 'selectorName', 'selectedBy', 'msrs', 'slotBits', 'args', 'results', 'clobbered', 'preserved', 'resultsKeptWhenUnused', 'usesSmcccFunctionId', 'target', 'handler', 'era', 'summary', 'fixed', 'unknownCall', 'path']);

/**
 * A call's refused field, or the whole call: ids, names and numbers that no
 * other call has (so no call is said to repeat a stand-in), no arguments
 * and no results.
 */
function standInCall(call: unknown, key: string | undefined, i: number, all: readonly unknown[]): Json {
  const fresh: Json = { id: `stand-in-${i}`, name: `\u0000stand-in ${i}`, number: unusedNumber(all), args: [], results: [] };
  if (!isObject(call) || key === undefined) return fresh;
  const out: Json = { ...call };
  if (key in fresh) out[key] = fresh[key];
  else delete out[key];
  return out;
}

function unusedNumber(calls: readonly unknown[]): string {
  const used = new Set<bigint>();
  for (const c of calls) {
    const n = isObject(c) ? c.number : undefined;
    if (typeof n === 'string' && VALUE_TEXT.test(n)) used.add(BigInt(n.replace(/_/g, '')));
    else if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) used.add(BigInt(n));
  }
  let n = 0n;
  while (used.has(n)) n++;
  return formatHex(n);
}

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
