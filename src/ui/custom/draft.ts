import { decodeCustom, type FieldError } from '../../share/custom/decode';
import type { CustomDefinition } from '../../share/custom/schema';

export type Json = Record<string, unknown>;

export function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The editor's text, read: the object the form edits (even when invalid), every error, and the definition when there is none. */
export interface Draft {
  parsed?: Json;
  errors: FieldError[];
  def?: CustomDefinition;
}

export function readDraft(text: string): Draft {
  try {
    const parsed = JSON.parse(text) as unknown;
    const r = decodeCustom(parsed);
    return { parsed: isObject(parsed) ? parsed : undefined, errors: r.ok ? [] : r.errors, def: r.ok ? r.definition : undefined };
  } catch (e) {
    return { errors: [{ path: '(JSON)', message: `The JSON cannot be read: ${(e as Error).message}` }] };
  }
}

/** The errors a field shows: its own and those of anything inside it (calls[1] shows calls[1].name, not calls[10]). */
export function errorsAt(errors: readonly FieldError[], path: string): FieldError[] {
  return errors.filter((e) => e.path === path || e.path.startsWith(`${path}[`) || e.path.startsWith(`${path}.`));
}

/** The text after one edit of the form, leaving the object the form was drawn from as it was. */
export function edited(parsed: Json, edit: (d: Json) => void): string {
  const next = structuredClone(parsed);
  edit(next);
  return JSON.stringify(next, null, 2);
}
