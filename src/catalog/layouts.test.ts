import { describe, expect, it } from 'vitest';
import { marshal } from '../model/plan';
import { layoutText } from '../share/text';
import { callsFor } from './index';
import { catalog } from './all';

/**
 * Every call under every convention it fits, as its plain-text layout, kept
 * in one reviewed file per family: any change to a fact shows up as a diff.
 * After a deliberate change, run `npx vitest run -u src/catalog/layouts.test.ts`
 * and review the diff.
 */
describe('layout snapshots', () => {
  const families = [...new Set(catalog.conventions.map((c) => c.family))];
  it.each(families)('%s', async (family) => {
    const text = catalog.conventions
      .filter((c) => c.family === family)
      .flatMap((c) => callsFor(catalog, c).map((call) => `=== ${c.id} / ${call.id}\n${layoutText(marshal(c, call))}`))
      .join('\n');
    await expect(text).toMatchFileSnapshot(`./__layouts__/${family}.txt`);
  });
});
