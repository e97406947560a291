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

/** A check script with its own closing "N passed, N failed": reworded, so that the only such line is the sum at the end. */
function tallied(name, script, unit) {
  const r = spawnSync('node', [script], { encoding: 'utf8' });
  console.log(`\n=== ${name}: node ${script}`);
  process.stdout.write(
    r.stdout
      .split('\n')
      .filter((l) => !/^ok /.test(l))
      .map((l) => l.replace(/^(\d+) passed, (\d+) failed$/, `${unit}: $1 matched, $2 did not`))
      .join('\n'),
  );
  process.stderr.write(r.stderr);
  const counts = /^(\d+) passed, (\d+) failed$/m.exec(r.stdout);
  if (counts) {
    passed += Number(counts[1]);
    failed += Number(counts[2]);
  }
  if (!counts || (r.status !== 0 && Number(counts[2]) === 0)) failed += 1;
}

// Every call's inline-asm snippet, compiled and disassembled: its closing line counts the snippets.
tallied('asm', 'scripts/check-asm.mjs', 'asm snippets');
// The snippets run on emulated CPUs (QEMU, OpenSBI): its closing line counts the calls (a drift from observed.json is one more failure).
tallied('cpu', 'scripts/check-cpu.mjs', 'calls on emulated CPUs');

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
