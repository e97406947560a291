import { callsFor, customFamilyKey, findCall, findConvention, withFamilies, type Catalog } from '../catalog';
import { cannotBeMade } from '../model/narration';
import { viewJson } from './catalog-json';
import { conventionId } from './custom/build';
import { DEF_PARAM, decodeDefinitionParam } from './custom/link';
import { decodeLink, decodePermalink, encodePermalink, linkNeeds, readLink, type Decoded } from './permalink';
import { TEXT_FORMS, type TextForm } from './text';
import { viewAsmC, viewLinuxC } from './c-snippet';
import { viewText } from './view-text';

/**
 * The command line: the same exports the Share panel makes, for scripts and
 * for people who live in their mail client. Pure: takes the arguments,
 * returns what to print and the exit code.
 */
export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** An export of a decoded view, under the catalog it was decoded with (a link may add custom conventions to it). */
type Exporter = (cat: Catalog, decoded: Decoded, permalink: string, form: TextForm) => string;

const USAGE = `Usage:
  npm run trapscope -- list
  npm run trapscope -- <format> <call-id> [register=value ...] [--convention <id>]
  npm run trapscope -- <format> <convention-id>/<call-id> [register=value ...]
  npm run trapscope -- <format> '<permalink or #/fragment>'

Formats: text (plain text for email), json, c (the Linux kernel helper),\n         asm (freestanding C with inline asm pinning every register)
text takes --short (the default: for a reply) or --full (every note and source).
A permalink opens the view it names, as the app does: a single call, a
comparison or a guide, with its custom definitions (def=).
Values are hex with 0x, or decimal. Set TRAPSCOPE_BASE_URL to your Trapscope
site to get full permalinks; otherwise the link is the fragment alone (a full
permalink given as the target keeps its own address).
`;

function fail(message: string, code = 1): CliResult {
  return { stdout: '', stderr: `trapscope: ${message}\n`, code };
}

type ParsedArgs = { ok: true; convId: string | undefined; second: string; assignments: string[] } | { ok: false; message: string };

/** The call, the convention and register=value pairs; anything unread, missing or said twice is a usage error. */
function parseArgs(command: string, target: string, rest: readonly string[]): ParsedArgs {
  const bad = (message: string): ParsedArgs => ({ ok: false, message });
  const parts = target.split('/');
  if (parts.length > 2 || parts.some((p) => p === '')) return bad(`cannot read "${target}": give <call-id> or <convention-id>/<call-id>`);
  const [first, second] = parts.length === 2 ? [parts[0], parts[1]!] : [undefined, parts[0]!];
  let convId = first;
  const assignments: string[] = [];
  const registers = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--convention') {
      const value = rest[++i];
      if (value === undefined || value.startsWith('-') || value.includes('=')) return bad('--convention needs a convention id after it');
      if (convId !== undefined) return bad(`the convention is given twice ("${convId}" and "${value}")`);
      convId = value;
    } else if (/^[a-z0-9_.]+=.*/i.test(a)) {
      const key = a.slice(0, a.indexOf('=')).toLowerCase();
      const before = registers.get(key);
      if (before !== undefined) return bad(`${key} is given twice ("${before}" and "${a}"); give each register once`);
      registers.set(key, a);
      assignments.push(a);
    } else return bad(`cannot read "${a}" after ${command} ${target}: give register=value, or --convention <id>`);
  }
  return { ok: true, convId, second, assignments };
}

/** `catalog`: the whole catalog (scripts/trapscope.mjs passes catalog/all's). */
export async function runCli(catalog: Catalog, argv: readonly string[], baseUrl = ''): Promise<CliResult> {
  const formats: Record<string, Exporter> = {
    text: (_, d, link, form) => viewText(d.state, d.derived, link, form),
    json: (_, d) => viewJson(d.derived.plans),
    c: (cat, d) => viewLinuxC(cat, d.derived.plans),
    asm: (_, d) => viewAsmC(d.derived.plans),
  };
  const forms = argv.filter((a) => TEXT_FORMS.some((f) => a === `--${f}`));
  const [command, target, ...rest] = argv.filter((a) => !forms.includes(a));
  if (forms.length > 1) return fail(`give one of --short and --full, not both`, 2);
  if (forms.length && command !== 'text') return fail(`${forms[0]} is for the text format only`, 2);
  const form = (forms[0]?.slice(2) ?? 'short') as TextForm;
  if (!command || command === 'help' || command === '--help' || command === '-h') return { stdout: USAGE, stderr: '', code: command ? 0 : 2 };
  if (command === 'list') {
    const lines = catalog.calls
      .map((call) => ({ call, fits: catalog.conventions.filter((c) => callsFor(catalog, c).includes(call)) }))
      .filter((x) => x.fits.length)
      .map((x) => `${x.call.id}\t${x.call.name}\t${x.fits.map((c) => c.id).join(',')}`);
    return { stdout: `${lines.join('\n')}\n`, stderr: '', code: 0 };
  }
  const exporter = formats[command];
  if (!exporter) return fail(`unknown format "${command}"; use one of ${Object.keys(formats).join(', ')}, or list\n\n${USAGE}`, 2);
  if (!target) return fail(`${command} needs a call id or a permalink; "npm run trapscope -- list" lists the call ids`, 2);
  if (target.includes('#')) {
    if (rest.length) return fail(`a permalink carries its own values; remove "${rest[0]}"`, 2);
    return fromLink(catalog, target, baseUrl, (cat, decoded, link) => exporter(cat, decoded, link, form));
  }

  const parsed = parseArgs(command, target, rest);
  if (!parsed.ok) return fail(`${parsed.message}\n\n${USAGE}`, 2);
  const { convId, second, assignments } = parsed;
  const call = findCall(catalog, second);
  if (!call) return fail(`no call "${second}"; "npm run trapscope -- list" lists the call ids`);
  const conv = convId ? findConvention(catalog, convId) : catalog.conventions.find((c) => callsFor(catalog, c).includes(call));
  if (!conv) return fail(`no convention "${convId}"`);
  if (!callsFor(catalog, conv).includes(call)) return fail(cannotBeMade(call, conv));

  const fragment = `#/${conv.id}/${call.id}${assignments.length ? `?${assignments.map((a) => a.split('=').map(encodeURIComponent).join('=')).join('&')}` : ''}`;
  const decoded = decodePermalink(catalog, fragment);
  if (decoded.messages.length) return fail(decoded.messages.join('\n'));
  return { stdout: exporter(catalog, decoded, `${baseUrl}${encodePermalink(decoded.state)}`, form), stderr: '', code: 0 };
}

/**
 * A permalink or its fragment, read as the app reads it: its custom
 * definitions registered first, then the one decoder. What the decoder could
 * not honour goes to stderr, with a non-zero exit, after the view it did open.
 */
async function fromLink(
  catalog: Catalog,
  target: string,
  baseUrl: string,
  make: (cat: Catalog, decoded: Decoded, link: string) => string,
): Promise<CliResult> {
  const hash = target.indexOf('#');
  const fragment = target.slice(hash);
  const base = hash > 0 ? target.slice(0, hash) : baseUrl;
  const messages: string[] = [];
  const defs = new Map<string, string>();
  const link = readLink(fragment);
  let cat = catalog;
  for (const value of linkNeeds(link).defs) {
    const decoded = await decodeDefinitionParam(value);
    if (!decoded.ok) {
      messages.push(...decoded.errors.map((e) => (e.path === DEF_PARAM ? e.message : `Custom convention: ${e.path}: ${e.message}`)));
      continue;
    }
    cat = withFamilies(cat, [[customFamilyKey(decoded.definition.convention.id), decoded.family]]);
    defs.set(conventionId(decoded.definition), value);
  }
  const decoded = decodeLink(cat, link, true);
  messages.push(...decoded.messages);
  const view = decoded.state;
  const shown = view.kind === 'single' ? [view.convention] : view.panes.map((p) => p.convention);
  const permalink = `${base}${encodePermalink(
    view,
    [...new Set(shown)].flatMap((id) => (defs.has(id) ? [defs.get(id)!] : [])),
  )}`;
  const stderr = messages.length ? `trapscope: the link was not read exactly as written:\n${messages.map((m) => `  ${m}`).join('\n')}\n` : '';
  return { stdout: make(cat, decoded, permalink), stderr, code: messages.length ? 1 : 0 };
}
