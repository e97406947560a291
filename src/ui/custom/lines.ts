/**
 * Arguments and results edited as one line each, "name | meaning | example
 * | register": quicker to type in a form than nested fields. Other keys of an
 * entry (exampleMeaning, …) are kept by position.
 */
type Entry = Record<string, unknown>;

export function toLines(entries: readonly Entry[]): string {
  return entries
    .map((e) =>
      [e.name, e.meaning, e.example, e.register ?? '']
        .map((x) => String(x ?? ''))
        .join(' | ')
        .replace(/ \| $/, ''),
    )
    .join('\n');
}

export function fromLines(text: string, old: readonly Entry[]): Entry[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line, i) => {
      const [name = '', meaning = '', example = '', register = ''] = line.split('|').map((s) => s.trim());
      const e: Entry = { ...(old[i] ?? {}), name, meaning, example };
      if (register) e.register = register;
      else delete e.register;
      return e;
    });
}

export function listText(list: unknown): string {
  return Array.isArray(list) ? list.join(', ') : '';
}

export function textList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
