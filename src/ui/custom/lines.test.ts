import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromLines, fromRows, listText, textList, toLines, toRows, type Column } from './lines';

describe('register lists in the form', () => {
  it('take ranges as the app prints them, with a hyphen or an en dash', () => {
    expect(textList('x0, x2-x5')).toEqual(['x0', 'x2', 'x3', 'x4', 'x5']);
    expect(textList('x4–x6 sp')).toEqual(['x4', 'x5', 'x6', 'sp']);
    expect(textList('a0 - a2')).toEqual(['a0', 'a1', 'a2']);
  });

  it('keep a range they cannot read as typed, for the checks to name', () => {
    expect(textList('x5-x2')).toEqual(['x5–x2']);
    expect(textList('x1-w3')).toEqual(['x1–w3']);
    expect(textList('x0-x200')).toEqual(['x0–x200']);
  });

  it('print runs of three or more as ranges, in the list’s own order', () => {
    expect(listText(['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'])).toBe('x1–x7');
    expect(listText(['x0', 'x1', 'x3', 'x4', 'x5', 'sp'])).toBe('x0, x1, x3–x5, sp');
    expect(listText(['x3', 'x2', 'x1'])).toBe('x3, x2, x1');
  });

  it('read back exactly what they print', () =>
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('x', 'w', 'r', 'a', 'rax', 'sp'), fc.nat(40)), { maxLength: 30 }), (regs) => {
        const list = regs.map(([p, n]) => (p === 'sp' || p === 'rax' ? p : `${p}${n}`));
        expect(textList(listText(list))).toEqual(list);
      }),
    ));
});

describe('entries as lines of columns', () => {
  const columns: Column[] = [{ key: 'name' }, { key: 'offset', count: true }, { key: 'example', optional: true }, { key: 'result', optional: true }, { key: 'meaning' }];

  it('print each entry on a line and read it back, keeping the keys that are no column by position', () => {
    const old = [{ name: 'rax', offset: 504, example: '0x8000001f', result: '0x0', meaning: 'in: function', resultMeaning: 'EAX' }];
    const text = toRows(old, columns);
    expect(text).toBe('rax | 504 | 0x8000001f | 0x0 | in: function');
    expect(fromRows(text, old, columns)).toEqual(old);
  });

  it('drop an empty optional column from the entry, and store a decimal count as a number but anything else as typed', () => {
    expect(fromRows('rbx | 0x318 |  | 0x33 | out: EBX', [], columns)).toEqual([{ name: 'rbx', offset: '0x318', result: '0x33', meaning: 'out: EBX' }]);
    expect(fromRows('rbx | 792 | | | out', [], columns)).toEqual([{ name: 'rbx', offset: 792, meaning: 'out' }]);
  });

  it('leave trailing empty optional columns off a printed line, as arguments without a register print', () => {
    expect(toLines([{ name: 'a', meaning: 'b', example: '0x1' }])).toBe('a | b | 0x1');
    expect(fromLines('a | b | 0x1 | x3', [])).toEqual([{ name: 'a', meaning: 'b', example: '0x1', register: 'x3' }]);
  });
});
