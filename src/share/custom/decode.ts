import * as v from 'valibot';
import type { Family } from '../../catalog/family';
import { buildFamily } from './build';
import { checkDefinition } from './checks';
import { fieldError, fromIssues, type FieldError } from './errors';
import { withStandIns } from './stand-ins';
import { FORMAT_TAG, FORMAT_VERSION, customDefinitionSchema, type CustomDefinition } from './schema';

export type { FieldError } from './errors';
export type { CustomDefinition } from './schema';
export { copyOfBuiltIn, blankDefinition } from './copy';

type Json = Record<string, unknown>;

export type DecodedCustom = { ok: true; family: Family; definition: CustomDefinition } | { ok: false; errors: FieldError[] };

/** Enough to fix a definition without burying the reader; the rest follow once these are fixed. */
const MAX_ERRORS = 50;

/**
 * The one way a custom definition gets into the app, from a link, a file or
 * localStorage: schema, then the checks that need the architecture, then the
 * Family, whose calls marshal() accepts. Total: any input gives a result.
 */
export function decodeCustom(input: unknown): DecodedCustom {
  try {
    return decode(input);
  } catch {
    // decode is written not to throw; this is the last line of defence against a stranger's file.
    return { ok: false, errors: [fieldError([], 'could not be read as a custom convention')] };
  }
}

function decode(input: unknown): DecodedCustom {
  const early = versionError(input);
  if (early) return { ok: false, errors: [early] };
  const parsed = v.safeParse(customDefinitionSchema, input);
  if (!parsed.success) return { ok: false, errors: [...fromIssues(parsed.issues), ...checksBeside(input as Json, parsed.issues)].slice(0, MAX_ERRORS) };
  const definition = parsed.output;
  const errors = checkDefinition(definition);
  if (errors.length) return { ok: false, errors: errors.slice(0, MAX_ERRORS) };
  return { ok: true, family: buildFamily(definition), definition };
}

/** What the checks say about the fields the schema accepted (see stand-ins.ts). */
function checksBeside(input: Json, issues: Parameters<typeof withStandIns>[1]): FieldError[] {
  const patched = withStandIns(input, issues);
  const again = patched && v.safeParse(customDefinitionSchema, patched.input);
  if (!patched || !again?.success) return [];
  const stoodIn = (path: string) => patched.stoodIn.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
  return checkDefinition(again.output).filter((e) => !stoodIn(e.path));
}

/** A definition from a newer Trapscope is not a list of field errors: say so once. */
function versionError(input: unknown): FieldError | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return fieldError([], `must be a JSON object with "trapscope": "${FORMAT_TAG}"`);
  }
  const o = input as Record<string, unknown>;
  if (o.trapscope !== FORMAT_TAG) return fieldError(['trapscope'], `must be "${FORMAT_TAG}"; this is not a Trapscope custom convention`);
  if (typeof o.version === 'number' && o.version > FORMAT_VERSION) {
    return fieldError(['version'], `is ${o.version}, newer than this Trapscope reads (${FORMAT_VERSION}); open it in a newer Trapscope`);
  }
  return undefined;
}
