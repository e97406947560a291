import { describe, expect, it } from 'vitest';
import { smcccHvc64 } from '../../share/custom/fixtures';
import { edited, errorsAt, readDraft } from './draft';

describe('the convention editor’s text', () => {
  it('says why text that is not JSON cannot be read, and offers no form', () => {
    const d = readDraft('{ "trapscope": ');
    expect(d.parsed).toBeUndefined();
    expect(d.def).toBeUndefined();
    expect(d.errors).toHaveLength(1);
    expect(d.errors[0]!.path).toBe('(JSON)');
    expect(d.errors[0]!.message).toMatch(/^The JSON cannot be read: /);
  });

  it('reads a valid definition with no errors', () => {
    const d = readDraft(JSON.stringify(smcccHvc64()));
    expect(d.errors).toEqual([]);
    expect(d.def?.convention.id).toBe(smcccHvc64().convention.id);
  });

  it('keeps an invalid definition editable and says what is wrong', () => {
    const bad = { ...smcccHvc64(), convention: { ...smcccHvc64().convention, selector: 'x99' } };
    const d = readDraft(JSON.stringify(bad));
    expect(d.parsed).toEqual(bad);
    expect(d.def).toBeUndefined();
    expect(errorsAt(d.errors, 'convention.selector').length).toBeGreaterThan(0);
  });

  it('shows a field its own errors and those inside it, not those of a field whose name it begins', () => {
    const errors = [
      { path: 'calls[1]', message: 'a' },
      { path: 'calls[1].name', message: 'b' },
      { path: 'calls[1][0]', message: 'c' },
      { path: 'calls[10].name', message: 'd' },
    ];
    expect(errorsAt(errors, 'calls[1]').map((e) => e.message)).toEqual(['a', 'b', 'c']);
  });

  it('writes one edit as indented JSON, leaving the object the form was drawn from as it was', () => {
    const parsed = { convention: { name: 'A' } };
    const text = edited(parsed, (d) => ((d.convention as { name: string }).name = 'B'));
    expect(text).toBe(JSON.stringify({ convention: { name: 'B' } }, null, 2));
    expect(parsed.convention.name).toBe('A');
  });
});
