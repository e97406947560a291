import { callsFor, findCall, findConvention, type Catalog } from '../catalog';
import { findGuidePanes } from '../catalog/guide-panes';
import { findLesson } from '../catalog/lessons';
import { lessonOf, lessonPanes, lessonView } from './lesson-view';
import { callFits, editableSlots, type Call } from '../model/call';
import { editableFields, memoryKey } from '../model/memory';
import { formatHex, parseValue } from '../model/value';
import { derive, derivedFrom, planFor, type Derived } from './plans';
import { defaultView, MAX_PANES, type PaneState, type ViewState } from './view';

/**
 * Permalinks live entirely in the URL fragment, so nothing is stored on a
 * server and nothing can expire. Format 1, readable:
 *
 *   #/<convention>/<call>[?<register>=<value>&…&m<area>.<field>=<value>&…&step=<n>]
 *   #/compare/<convention>/<call>/<convention>/<call>…[?<pane>.<register>=<value>&…&step=<n>]
 *   #/guide/<guide>[?step=<n>]
 *   #/lesson/<lesson step>[?step=<n>]
 *
 * A memory field the caller writes (the GHCB page's rax, an FF-A
 * descriptor's ep[0].attrs) is keyed by its area's index and name, m0.rax;
 * in a comparison after the pane number, 2.m0.rax.
 *
 * Any of them may end with &embed=1 (or ?embed=1): the same view with minimal chrome;
 * and with &present=1: the same view in presenter mode, ready to project.
 *
 * Format 2 is format 1 with the step written as at=<n>, counted from 1 as
 * the screen counts it (at=8 is step 8/10); Trapscope writes at= and still
 * reads step=<n> as format 1 did, counted from 0, so old links open as before.
 *
 * A link is read once (readLink) into its shape, then decoded against a
 * catalog (decodeLink): the result is either the view, with the plans it
 * draws, or the conventions and calls it names that the catalog does not
 * hold yet, so the caller can load their families and decode the same
 * reading again. Decoding is total: any string yields a view, plus messages
 * saying what could not be honoured. Never an exception.
 */

export interface Decoded {
  kind: 'view';
  state: ViewState;
  /** The view's plans and moments, made while decoding. */
  derived: Derived;
  /** Empty when the link was read exactly as written. */
  messages: string[];
}

/** What a link names that the catalog does not hold: load their families, then decode again. */
export interface Needs extends LinkNeeds {
  kind: 'needs';
}

/** The link for a view; `defs` are the def= values of the custom conventions it shows. */
export function encodePermalink(v: ViewState, defs: readonly string[] = []): string {
  const q: string[] = [];
  const args = (p: PaneState, prefix: string) => {
    for (const [reg, val] of Object.entries(p.args)) q.push(`${prefix}${reg}=${formatHex(val).toLowerCase()}`);
    for (const [key, val] of Object.entries(p.memory ?? {})) q.push(`${prefix}${memoryParam(key)}=${formatHex(val).toLowerCase()}`);
  };
  let path: string;
  const lesson = lessonOf(v);
  if (lesson) {
    path = `lesson/${lesson.lesson.id}`;
  } else if (v.kind === 'single') {
    args(v, '');
    path = `${v.convention}/${v.call}`;
  } else if (v.guide) {
    path = `guide/${v.guide}`;
  } else {
    v.panes.forEach((p, i) => args(p, `${i + 1}.`));
    path = `compare/${v.panes.map((p) => `${p.convention}/${p.call}`).join('/')}`;
  }
  if (v.step > 0) q.push(`at=${v.step + 1}`);
  if (v.embed) q.push('embed=1');
  if (v.present) q.push('present=1');
  for (const d of defs) q.push(`def=${d}`);
  return `#/${path}${q.length ? `?${q.join('&')}` : ''}`;
}

const MAX_LINK = 8192;

/** A memory field's key in a link, "m0.rax", from its key in a view, "0:rax". */
function memoryParam(key: string): string {
  const colon = key.indexOf(':');
  return `m${key.slice(0, colon)}.${key.slice(colon + 1)}`;
}

/** A link read into its parts, before any id in it is looked up. */
export type ReadLink = { kind: 'empty' } | { kind: 'error'; message: string } | { kind: 'view'; path: string[]; query: Query; messages: string[] };

/** Reads the fragment once; decodeLink looks its ids up as often as families arrive. */
export function readLink(raw: string): ReadLink {
  try {
    return splitLink(raw);
  } catch {
    // splitLink is written not to throw; this is the last line of defence for a link from a stranger.
    return { kind: 'error', message: 'This link could not be read. Showing the default view.' };
  }
}

/**
 * The view a link opens, or what it names that the catalog lacks. With
 * `final` set (the families are loaded, or cannot be), ids still missing are
 * reported in messages instead.
 */
export function decodeLink(cat: Catalog, link: ReadLink, final: true): Decoded;
export function decodeLink(cat: Catalog, link: ReadLink, final?: false): Decoded | Needs;
export function decodeLink(cat: Catalog, link: ReadLink, final = false): Decoded | Needs {
  if (!final) {
    const needs = linkNeeds(link);
    const missing = { conventions: needs.conventions.filter((id) => !findConvention(cat, id)), calls: needs.calls.filter((id) => !findCall(cat, id)) };
    if (missing.conventions.length || missing.calls.length) return { kind: 'needs', ...missing, defs: needs.defs };
  }
  try {
    return decode(cat, link);
  } catch {
    return viewOf(cat, defaultView, ['This link could not be read. Showing the default view.']);
  }
}

/** Reads and decodes a link against a catalog that holds every family (the command line, tests). */
export function decodePermalink(cat: Catalog, hash: string): Decoded {
  return decodeLink(cat, readLink(hash), true);
}

function viewOf(cat: Catalog, state: ViewState, messages: string[], derived = derive(cat, state)): Decoded {
  return { kind: 'view', state, derived, messages };
}

interface Query {
  /** Format 1: counted from 0. */
  step?: string;
  /** Format 2: counted from 1, as the screen counts. */
  at?: string;
  embed?: boolean;
  present?: boolean;
  /** Custom definitions the link carries, registered by the caller before decoding. */
  defs: string[];
  /** Argument values by pane prefix ('' for a single view, '1.' … for panes): registers, and memory fields as "m0.rax". */
  args: Map<string, Map<string, string>>;
}

function parseQuery(query: string, messages: string[]): Query {
  const out: Query = { args: new Map(), defs: [] };
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq < 0 ? part : part.slice(0, eq)).toLowerCase();
    const value = safeDecode(eq < 0 ? '' : part.slice(eq + 1));
    if (key === 'step' || key === 'at') {
      out[key] = value;
      continue;
    }
    if (key === 'def') {
      out.defs.push(value);
      continue;
    }
    if (key === 'embed' || key === 'present') {
      if (value === '1') out[key] = true;
      else messages.push(`Ignored ${key}=${clip(value)}: use ${key}=1.`);
      continue;
    }
    const m = /^(?:(\d)\.)?(m\d\.[^=]+|[a-z0-9_]+)$/.exec(key);
    if (!m) {
      messages.push(`Ignored "${clip(key)}": not a register or a memory field.`);
      continue;
    }
    const pane = m[1] ? `${m[1]}.` : '';
    if (!out.args.has(pane)) out.args.set(pane, new Map());
    out.args.get(pane)!.set(m[2]!, value);
  }
  return out;
}

/** One pane's convention, call and arguments, validated; undefined when the convention is unknown. */
function decodePane(
  cat: Catalog,
  convId: string,
  callId: string,
  raw: Map<string, string> | undefined,
  messages: string[],
  where: string,
): PaneState | undefined {
  const conv = findConvention(cat, convId);
  if (!conv) {
    messages.push(`${where}names a convention Trapscope does not know ("${clip(convId)}").`);
    return undefined;
  }
  let call = callId ? findCall(cat, callId) : undefined;
  if (callId && !call) messages.push(`${where}names a call Trapscope does not know ("${clip(callId)}"); showing the first call of ${conv.name}.`);
  if (call && !callFits(conv, call)) {
    messages.push(`${where}names ${call.name}, which cannot be made under ${conv.name}; showing the first call of that convention.`);
    call = undefined;
  }
  call ??= callsFor(cat, conv)[0];
  if (!call) {
    messages.push(`${where}names ${conv.name}, which has no calls yet.`);
    return undefined;
  }
  const slots = new Map(editableSlots(conv, call).map((s) => [s.register, s.bits]));
  const args: Record<string, bigint> = {};
  const memory: Record<string, bigint> = {};
  for (const [key, value] of raw ?? []) {
    const field = /^m(\d)\.(.+)$/.exec(key);
    if (field) {
      decodeField(call, Number(field[1]), field[2]!, value, memory, messages);
      continue;
    }
    const bits = slots.get(key);
    if (bits === undefined) {
      messages.push(`Ignored "${clip(key)}": not an argument register of ${call.name} under ${conv.name}.`);
      continue;
    }
    const parsed = parseValue(value, bits, key);
    if (parsed.ok) args[key] = parsed.value;
    else messages.push(`Ignored ${parsed.message}`);
  }
  return { convention: conv.id, call: call.id, args, ...(Object.keys(memory).length ? { memory } : {}) };
}

/** One memory field's value from a link, into `memory` when the caller writes that field and the value fits it. */
function decodeField(call: Call, area: number, name: string, value: string, memory: Record<string, bigint>, messages: string[]): void {
  const key = memoryKey(area, name);
  const f = editableFields(call.memory ?? []).find((x) => x.key === key);
  if (!f) {
    const selects = call.memory?.[area]?.fields.find((x) => x.name === name)?.selects;
    const why = selects ? `${name} holds the call's number, which the call sets` : `not a memory field the caller of ${call.name} writes`;
    messages.push(`Ignored "${clip(`m${area}.${name}`)}": ${why}.`);
    return;
  }
  const parsed = parseValue(value, f.field.bytes * 8, `${f.arg.name} ${f.field.name}`, 'memory field');
  if (parsed.ok) memory[key] = parsed.value;
  else messages.push(`Ignored ${parsed.message}`);
}

/** The step a link names, counted from 0 as views hold it: at= (format 2) counts from 1, step= (format 1) from 0. */
function decodeStep(query: Query, count: number, messages: string[]): number {
  if (query.at !== undefined && query.step !== undefined) messages.push(`Ignored step=${clip(query.step)}: at= gives the step.`);
  const raw = query.at ?? query.step;
  if (raw === undefined) return 0;
  const base = query.at !== undefined ? 1 : 0;
  const key = query.at !== undefined ? 'at' : 'step';
  const n = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (Number.isNaN(n) || n < base) {
    messages.push(`Ignored ${key} "${clip(raw)}": not a step number${base ? ' (steps count from 1)' : ''}.`);
    return 0;
  }
  if (n - base > count - 1) {
    messages.push(`This view has ${count} steps; showing the last one instead of step ${n + 1 - base}.`);
    return count - 1;
  }
  return n - base;
}

/** The display flags a link may carry: embed=1, present=1. */
function withFlags<T extends ViewState>(state: T, query: Query): T {
  return { ...state, ...(query.embed ? { embed: true } : {}), ...(query.present ? { present: true } : {}) };
}

/** The one reading of a fragment's shape. */
function splitLink(raw: string): ReadLink {
  const hash = raw.startsWith('#') ? raw.slice(1) : raw;
  if (hash === '' || hash === '/') return { kind: 'empty' };
  if (hash.length > MAX_LINK) return { kind: 'error', message: 'This link is longer than any Trapscope makes. Showing the default view.' };
  if (!hash.startsWith('/')) {
    return {
      kind: 'error',
      message: 'This link is in a format this version of Trapscope does not know; it may come from a newer version. Showing the default view.',
    };
  }
  const body = hash.slice(1);
  const qAt = body.indexOf('?');
  const path = (qAt < 0 ? body : body.slice(0, qAt)).split('/').map(safeDecode);
  while (path.length > 1 && path.at(-1) === '') path.pop();
  const messages: string[] = [];
  return { kind: 'view', path, query: parseQuery(qAt < 0 ? '' : body.slice(qAt + 1), messages), messages };
}

export interface LinkNeeds {
  conventions: string[];
  calls: string[];
  defs: string[];
}

/**
 * What a link needs before it can be decoded: the conventions and calls it
 * names (so their families can be loaded; a call may live in another family
 * than its convention), and the custom definitions it carries. A link that
 * is empty or unreadable names the default view.
 */
export function linkNeeds(split: ReadLink): LinkNeeds {
  if (split.kind !== 'view') return { conventions: [defaultView.convention], calls: [defaultView.call], defs: [] };
  const { path, query } = split;
  let panes: readonly { convention: string; call: string }[];
  if (path[0] === 'guide') panes = findGuidePanes(path[1] ?? '')?.panes ?? [defaultView];
  else if (path[0] === 'lesson') {
    const found = findLesson(path[1] ?? '');
    panes = found ? lessonPanes(found.lesson) : [defaultView];
  }
  else {
    // convention/call pairs, as decode reads them: one for a single view, up to MAX_PANES after 'compare'.
    const parts = path[0] === 'compare' ? path.slice(1, 1 + MAX_PANES * 2) : path.slice(0, 2);
    panes = parts.flatMap((convention, i) => (i % 2 === 0 ? [{ convention, call: parts[i + 1] ?? '' }] : []));
  }
  return { conventions: panes.map((p) => p.convention), calls: panes.map((p) => p.call).filter((c) => c !== ''), defs: query.defs };
}

function decode(cat: Catalog, split: ReadLink): Decoded {
  if (split.kind === 'empty') return viewOf(cat, defaultView, []);
  if (split.kind === 'error') return viewOf(cat, defaultView, [split.message]);
  const { path, query } = split;
  const messages = [...split.messages];

  if (path[0] === 'guide') return decodeGuide(cat, path[1] ?? '', query, messages);
  if (path[0] === 'lesson') return decodeLesson(cat, path[1] ?? '', query, messages);
  if (path[0] === 'compare') return decodeCompare(cat, path.slice(1), query, messages);

  const [convId = '', callId = '', ...rest] = path;
  if (rest.length) messages.push('Ignored extra parts at the end of the link.');
  for (const pane of query.args.keys()) if (pane !== '') messages.push(`Ignored arguments for pane ${pane.slice(0, -1)}: this is a single view.`);
  const pane = decodePane(cat, convId, callId, query.args.get(''), messages, 'This link ');
  if (!pane) return viewOf(cat, defaultView, [...messages, 'Showing the default view.']);
  const plan = planFor(cat, pane);
  const step = decodeStep(query, plan.steps.length, messages);
  const state = withFlags({ kind: 'single' as const, ...pane, step }, query);
  return viewOf(cat, state, messages, derivedFrom(state, [plan]));
}

function decodeCompare(cat: Catalog, parts: string[], query: Query, messages: string[]): Decoded {
  if (parts.length % 2 === 1) messages.push('The link ends with a convention but no call; its first call is shown.');
  const panes: PaneState[] = [];
  for (let i = 0; i < parts.length && panes.length < MAX_PANES; i += 2) {
    const n = i / 2 + 1;
    const pane = decodePane(cat, parts[i] ?? '', parts[i + 1] ?? '', query.args.get(`${n}.`), messages, `Pane ${n} `);
    if (pane) panes.push(pane);
  }
  if (parts.length > MAX_PANES * 2) messages.push(`A comparison shows at most ${MAX_PANES} panes; the rest were left out.`);
  if (panes.length < 2) {
    messages.push('A comparison needs two panes; showing a single view.');
    return viewOf(cat, panes[0] ? { kind: 'single', ...panes[0], step: 0 } : defaultView, messages);
  }
  return compareView(cat, panes, query, messages);
}

function decodeGuide(cat: Catalog, id: string, query: Query, messages: string[]): Decoded {
  const guide = findGuidePanes(id);
  if (!guide)
    return viewOf(cat, defaultView, [...messages, `This link names a guided comparison Trapscope does not know ("${clip(id)}"). Showing the default view.`]);
  if (query.args.size) messages.push('Ignored argument values: a guided comparison always opens with its own values.');
  const panes = guide.panes.flatMap((p, i) => decodePane(cat, p.convention, p.call, undefined, messages, `Pane ${i + 1} of this guide `) ?? []);
  if (panes.length < 2) return viewOf(cat, defaultView, [...messages, 'This guided comparison cannot be shown. Showing the default view.']);
  return compareView(cat, panes, query, messages, guide.id);
}

function decodeLesson(cat: Catalog, id: string, query: Query, messages: string[]): Decoded {
  const found = findLesson(id);
  if (!found) return viewOf(cat, defaultView, [...messages, `This link names a lesson Trapscope does not know ("${clip(id)}"). Showing the default view.`]);
  if (query.args.size) messages.push('Ignored argument values: a lesson always opens with its own values.');
  const view = lessonView(cat, found.lesson);
  const derived = derive(cat, view);
  const named = query.at !== undefined || query.step !== undefined;
  const step = named ? decodeStep(query, derived.moments.length, messages) : view.step;
  return viewOf(cat, withFlags({ ...view, step }, query), messages, derived);
}

function compareView(cat: Catalog, panes: PaneState[], query: Query, messages: string[], guide?: string): Decoded {
  const plans = panes.map((p) => planFor(cat, p));
  const unstepped = { kind: 'compare' as const, panes, step: 0, ...(guide ? { guide } : {}) };
  const derived = derivedFrom(unstepped, plans);
  const state = withFlags({ ...unstepped, step: decodeStep(query, derived.moments.length, messages) }, query);
  return viewOf(cat, state, messages, derived);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
