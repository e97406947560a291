import type { BaseIssue } from 'valibot';

/** One problem with a definition: where it is, and what is wrong in plain words. */
export interface FieldError {
  /** "convention.args[2]", "calls[1].number"; "" for the definition as a whole. */
  path: string;
  message: string;
}

export type PathItem = string | number;

export function pathText(items: readonly PathItem[]): string {
  let out = '';
  for (const it of items) out += typeof it === 'number' ? `[${it}]` : out === '' ? it : `.${it}`;
  return out;
}

// Words for each key, so a message reads "Call 2, argument 1, example" rather than a path.
const WORDS: Record<string, string> = {
  trapscope: 'format tag ("trapscope")',
  version: 'format version',
  convention: 'Convention',
  calls: 'Call',
  id: 'id',
  name: 'name',
  arch: 'architecture',
  instruction: 'trap instruction',
  imm: 'immediate',
  selector: 'selector register',
  selectorName: 'selector name',
  slotBits: 'slot width (slotBits)',
  clobbered: 'clobbered register',
  preserved: 'preserved register',
  resultsKeptWhenUnused: 'kept-when-unused result register',
  usesSmcccFunctionId: 'SMCCC function-id flag (usesSmcccFunctionId)',
  target: 'trap target',
  handler: 'handler',
  era: 'era',
  summary: 'summary',
  fixed: 'fixed input',
  unknownCall: 'unknown-call answer',
  copiedFrom: 'copied-from mark (copiedFrom)',
  roles: 'roles',
  number: 'number',
  meaning: 'meaning',
  example: 'example',
  exampleMeaning: 'example meaning',
  register: 'register',
  value: 'value',
  handles: 'handles',
  returnsOnSuccess: 'returnsOnSuccess',
  selectedBy: 'what selects the call (selectedBy)',
  msrs: 'MSR cell',
  index: 'MSR index',
  layout: 'bit-field layout',
  fields: 'field',
  key: 'key',
  hi: 'highest bit (hi)',
  lo: 'lowest bit (lo)',
  names: 'value names',
  mustBe: 'required value (mustBe)',
  memory: 'memory argument',
  offset: 'offset',
  bytes: 'size in bytes',
  size: 'size',
  direction: 'direction',
  buffer: 'buffer',
  address: 'address',
  result: 'result',
  resultMeaning: 'result meaning',
  path: 'path',
  from: 'from',
  fromPasses: 'what the caller hands on (fromPasses)',
  out: 'hop out',
  back: 'hop back',
  level: 'level',
  world: 'world',
  who: 'who',
  trap: 'trap instruction',
  forward: 'forward',
  syndrome: 'syndrome',
  sees: 'sees',
  passes: 'passes',
  passesHow: 'passesHow',
  selects: 'selects flag (selects)',
};

/**
 * "calls[1].args[0].example" becomes "Call 2, argument 1, example". Under the
 * convention, args and results are register lists; under a call, they are
 * the call's named arguments and results.
 */
export function fieldLabel(items: readonly PathItem[]): string {
  if (items.length === 0) return 'The definition';
  const parts: string[] = [];
  let underCall = false;
  for (const it of items) {
    if (typeof it === 'number') {
      if (parts.length) parts[parts.length - 1] += ` ${it + 1}`;
      continue;
    }
    if (it === 'calls') underCall = true;
    const word =
      it === 'args'
        ? underCall
          ? 'argument'
          : 'argument register'
        : it === 'results'
          ? underCall
            ? 'result'
            : 'result register'
          : (WORDS[it] ?? `field "${it}"`);
    parts.push(word);
  }
  const label = parts.join(', ');
  return label.charAt(0).toUpperCase() + label.slice(1);
}

export function fieldError(items: readonly PathItem[], problem: string): FieldError {
  return { path: pathText(items), message: `${fieldLabel(items)}: ${problem}` };
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  Object: 'an object',
  Array: 'a list',
  null: 'null',
  undefined: 'missing',
};

/** valibot's issues as FieldErrors; the messages written in the schema are the problem, else a plain fallback. */
export function fromIssues(issues: readonly BaseIssue<unknown>[]): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    const items: PathItem[] = [];
    for (const p of issue.path ?? []) if (typeof p.key === 'string' || typeof p.key === 'number') items.push(p.key);
    let problem: string;
    if (issue.type === 'strict_object' && issue.expected === 'never') {
      problem = 'is not a field this format knows (check its spelling)';
    } else if (issue.received === 'undefined' && issue.kind === 'schema') {
      problem = `is missing; it ${issue.message}`;
    } else if (!issue.message.startsWith('Invalid')) {
      problem = issue.message;
    } else {
      problem = `has the wrong type (${TYPE_WORDS[issue.received] ?? issue.received})`;
    }
    out.push(fieldError(items, problem));
  }
  return out;
}
