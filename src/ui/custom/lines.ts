/**
 * Entries edited as one line each, their columns separated by "|": quicker
 * to type in a form than nested fields. A call's arguments and results are
 * "name | meaning | example | register"; MSR cells, bit-fields and memory
 * fields have columns of their own. Keys that are no column (exampleMeaning,
 * a bit-field's names, …) are kept by position.
 */
type Entry = Record<string, unknown>;

export interface Column {
  key: string;
  /** Left out of the entry when empty, and off the end of a printed line. */
  optional?: boolean;
  /** A whole number typed in decimal is stored as a JSON number; anything else stays text for the checks to read or name. */
  count?: boolean;
}

export const CALL_COLUMNS: readonly Column[] = [{ key: 'name' }, { key: 'meaning' }, { key: 'example' }, { key: 'register', optional: true }];

export function toRows(entries: readonly Entry[], columns: readonly Column[]): string {
  return entries
    .map((e) => {
      const cells = columns.map((c) => String(e[c.key] ?? ''));
      while (cells.length > 1 && cells.at(-1) === '' && columns[cells.length - 1]!.optional) cells.pop();
      return cells.join(' | ');
    })
    .join('\n');
}

export function fromRows(text: string, old: readonly Entry[], columns: readonly Column[]): Entry[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line, i) => {
      const cells = line.split('|').map((s) => s.trim());
      const e: Entry = { ...(old[i] ?? {}) };
      columns.forEach((c, j) => {
        const t = cells[j] ?? '';
        if (c.optional && t === '') delete e[c.key];
        else e[c.key] = c.count && /^\d{1,9}$/.test(t) ? Number(t) : t;
      });
      return e;
    });
}

export const toLines = (entries: readonly Entry[]) => toRows(entries, CALL_COLUMNS);
export const fromLines = (text: string, old: readonly Entry[]) => fromRows(text, old, CALL_COLUMNS);

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
