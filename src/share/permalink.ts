import { callsFor, DEFAULT_VIEW, findCall, findConvention } from '../catalog';
import { callFits, editableSlots } from '../model/call';
import { marshal } from '../model/plan';
import { formatHex, parseValue } from '../model/value';
import type { SingleView, ViewState } from './view';

/**
 * Permalinks live entirely in the URL fragment, so nothing is stored on a
 * server and nothing can expire. Format 1, readable:
 *
 *   #/<convention>/<call>[?<register>=<value>&…&step=<n>]
 *
 * Links are decoded by a total function: any string yields a view, plus
 * messages saying what could not be honoured. Never an exception.
 */

export interface Decoded {
  state: ViewState;
  /** Empty when the link was read exactly as written. */
  messages: string[];
}

export const defaultView: SingleView = { kind: 'single', ...DEFAULT_VIEW, args: {}, step: 0 };

export function encodePermalink(v: ViewState): string {
  const q: string[] = [];
  for (const [reg, val] of Object.entries(v.args)) q.push(`${reg}=${formatHex(val).toLowerCase()}`);
  if (v.step > 0) q.push(`step=${v.step}`);
  return `#/${v.convention}/${v.call}${q.length ? `?${q.join('&')}` : ''}`;
}

const MAX_LINK = 8192;

export function decodePermalink(hash: string): Decoded {
  try {
    return decode(hash);
  } catch {
    // decode is written not to throw; this is the last line of defence for a link from a stranger.
    return { state: defaultView, messages: ['This link could not be read. Showing the default view.'] };
  }
}

function decode(raw: string): Decoded {
  const messages: string[] = [];
  let hash = raw.startsWith('#') ? raw.slice(1) : raw;
  if (hash === '' || hash === '/') return { state: defaultView, messages };
  if (hash.length > MAX_LINK) return { state: defaultView, messages: ['This link is longer than any Trapscope makes. Showing the default view.'] };
  if (!hash.startsWith('/')) {
    return { state: defaultView, messages: ['This link is in a format this version of Trapscope does not know; it may come from a newer version. Showing the default view.'] };
  }
  hash = hash.slice(1);
  const qAt = hash.indexOf('?');
  const path = qAt < 0 ? hash : hash.slice(0, qAt);
  const query = qAt < 0 ? '' : hash.slice(qAt + 1);
  const [convId = '', callId = '', ...rest] = path.split('/').map(safeDecode);
  if (rest.some((r) => r !== '')) messages.push('Ignored extra parts at the end of the link.');

  const conv = findConvention(convId);
  if (!conv) {
    return { state: defaultView, messages: [`This link names a convention Trapscope does not know ("${clip(convId)}"). Showing the default view.`] };
  }
  let call = callId ? findCall(callId) : undefined;
  if (callId && !call) messages.push(`This link names a call Trapscope does not know ("${clip(callId)}"); showing the first call of ${conv.name}.`);
  if (call && !callFits(conv, call)) {
    messages.push(`${call.name} cannot be made under ${conv.name}; showing the first call of that convention.`);
    call = undefined;
  }
  call ??= callsFor(conv)[0];
  if (!call) return { state: defaultView, messages: [...messages, `${conv.name} has no calls yet. Showing the default view.`] };

  const slots = new Map(editableSlots(conv, call).map((s) => [s.register, s.bits]));

  const args: Record<string, bigint> = {};
  let step = 0;
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq < 0 ? part : part.slice(0, eq)).toLowerCase();
    const value = safeDecode(eq < 0 ? '' : part.slice(eq + 1));
    if (key === 'step') {
      const n = /^\d{1,4}$/.test(value) ? Number(value) : NaN;
      if (Number.isNaN(n)) messages.push(`Ignored step "${clip(value)}": not a step number.`);
      else step = n;
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

  const steps = marshal(conv, call, args).steps.length;
  if (step > steps - 1) {
    messages.push(`This call has ${steps} steps; showing the last one instead of step ${step}.`);
    step = steps - 1;
  }
  return { state: { kind: 'single', convention: conv.id, call: call.id, args, step }, messages };
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
