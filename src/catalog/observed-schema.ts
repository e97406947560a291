import * as v from 'valibot';
import type { ObservedData } from '../model/observed';

/**
 * observed.json's shape, values included (hex strings), for the unit test
 * that checks the committed file: the type checker cannot see a value that
 * is not hex.
 */
const hexString = v.pipe(v.string(), v.regex(/^0x[0-9a-f]+$/));
const observationSchema = v.object({
  platform: v.string(),
  convention: v.string(),
  call: v.string(),
  label: v.optional(v.string()),
  chosen: v.optional(v.string()),
  results: v.optional(v.array(v.object({ register: v.string(), value: hexString }))),
  expect: v.optional(v.record(v.string(), hexString)),
  why: v.optional(v.string()),
  changed: v.optional(v.array(v.string())),
  kept: v.optional(v.number()),
  started: v.optional(v.object({ level: v.string(), registers: v.array(v.object({ register: v.string(), value: hexString })) })),
  printed: v.optional(v.string()),
  stopped: v.optional(v.boolean()),
  trap: v.optional(v.object({ register: v.string(), syndrome: hexString, instruction: hexString })),
});
const fileSchema = v.object({
  generatedBy: v.string(),
  platforms: v.record(v.string(), v.object({ qemu: v.string(), firmware: v.optional(v.string()), machine: v.string(), cpu: v.string() })),
  observations: v.array(observationSchema),
});

export type DecodedObserved = { ok: true; data: ObservedData } | { ok: false; message: string };

export function decodeObserved(input: unknown): DecodedObserved {
  const parsed = v.safeParse(fileSchema, input);
  if (parsed.success) return { ok: true, data: parsed.output };
  const issue = parsed.issues[0];
  const at = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  return { ok: false, message: `observed.json could not be read${at ? ` at ${at}` : ''}: ${issue.message}` };
}
