#!/usr/bin/env node
// `npm run trapscope -- …`: loads the app's own modules through Vite's module
// runner (no second implementation), runs the command, prints what it returns.
import { runnerImport } from 'vite';

const load = async (path) => (await runnerImport(path, { configFile: false, logLevel: 'error' })).module;
const cli = await load('./src/share/cli.ts');
const { catalog } = await load('./src/catalog/all.ts');
const result = await cli.runCli(catalog, process.argv.slice(2), process.env.TRAPSCOPE_BASE_URL ?? '');
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.code;
