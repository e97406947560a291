// Every test suite, in the order a failure is cheapest to find, with one
// closing line that CI reads: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'trapscope-tests-'));
let passed = 0;
let failed = 0;

function run(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

/** Checks with no test count of their own count as one test each. */
function check(name, cmd, args) {
  if (run(name, cmd, args)) passed += 1;
  else {
    failed += 1;
    console.log(`${name} failed`);
  }
}

check('typecheck', 'npx', ['tsc', '-p', '.']);
check('lint', 'npx', ['eslint', '.']);

const unitJson = join(out, 'unit.json');
const unitOk = run('unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`]);
try {
  const r = JSON.parse(readFileSync(unitJson, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  if (!unitOk && r.numFailedTests === 0) failed += 1;
} catch {
  failed += 1;
  console.log('unit: no results were written');
}

const e2eJson = join(out, 'e2e.json');
const e2eOk = run('e2e', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson });
try {
  const r = JSON.parse(readFileSync(e2eJson, 'utf8'));
  passed += r.stats.expected + (r.stats.flaky ?? 0);
  failed += r.stats.unexpected;
  if (!e2eOk && r.stats.unexpected === 0) failed += 1;
} catch {
  failed += 1;
  console.log('e2e: no results were written');
}

// Every call's inline-asm snippet, compiled and disassembled: its own closing line counts the snippets.
const asm = spawnSync('node', ['scripts/check-asm.mjs'], { encoding: 'utf8' });
console.log('\n=== asm: node scripts/check-asm.mjs');
// Its own tally is reworded so that the only "N passed, N failed" line is the sum at the end.
process.stdout.write(
  asm.stdout
    .split('\n')
    .filter((l) => !/^ok /.test(l))
    .map((l) => l.replace(/^(\d+) passed, (\d+) failed$/, 'asm snippets: $1 matched, $2 did not'))
    .join('\n'),
);
process.stderr.write(asm.stderr);
const counts = /^(\d+) passed, (\d+) failed$/m.exec(asm.stdout);
if (counts) {
  passed += Number(counts[1]);
  failed += Number(counts[2]);
}
if (!counts || (asm.status !== 0 && Number(counts[2]) === 0)) failed += 1;

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
