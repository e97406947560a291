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

/** A register list as the app prints it: runs of three or more ("x4–x17") as ranges, in the list's own order. */
export function listText(list: unknown): string {
  if (!Array.isArray(list)) return '';
  const names = list.map(String);
  const parts: string[] = [];
  for (let i = 0; i < names.length; ) {
    let j = i;
    while (j + 1 < names.length && follows(names[j]!, names[j + 1]!)) j++;
    parts.push(j - i >= 2 ? `${names[i]}–${names[j]}` : names.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return parts.join(', ');
}

const NUMBERED = /^([a-z]+)(\d+)$/i;

function follows(a: string, b: string): boolean {
  const x = NUMBERED.exec(a);
  const y = NUMBERED.exec(b);
  return !!x && !!y && x[1] === y[1] && Number(y[2]) === Number(x[2]) + 1 && String(Number(y[2])) === y[2];
}

/** Longer than any register file: a range past it is a typing slip, left for the checks to name. */
const MAX_RANGE = 64;

/**
 * A typed register list: commas or spaces between entries, and ranges
 * ("x2-x17", or "x2–x17" as the app prints them) for consecutive registers.
 * A range that cannot be read (other prefixes, backwards) is kept as typed,
 * so the checks name it.
 */
export function textList(text: string): string[] {
  return text
    .replace(/\s*[-–]\s*/g, '–')
    .split(/[\s,]+/)
    .filter(Boolean)
    .flatMap((entry) => {
      const m = /^([a-z]+)(\d+)–([a-z]+)(\d+)$/i.exec(entry);
      if (!m || m[1]!.toLowerCase() !== m[3]!.toLowerCase()) return [entry];
      const from = Number(m[2]);
      const to = Number(m[4]);
      if (to <= from || to - from >= MAX_RANGE) return [entry];
      return Array.from({ length: to - from + 1 }, (_, i) => `${m[1]}${from + i}`);
    });
}
