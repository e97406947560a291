import { callsFor, findCall, findConvention, type Catalog } from '../catalog';
import type { Call } from '../model/call';
import type { Convention } from '../model/convention';
import { callFits, editableSlots } from '../model/call';
import { decodeFields, encodeFields, type FieldValues } from '../model/bits';
import type { PaneState, SingleView } from '../share/view';

/** The call to show after switching convention: the same call if it fits, else its other-width twin, else the first. */
export function callAfterSwitch(cat: Catalog, conv: Convention, current: Call): Call {
  if (callFits(conv, current)) return current;
  const stem = current.id.replace(/-(32|64)$/, '');
  const fits = callsFor(cat, conv);
  return fits.find((c) => c.id.replace(/-(32|64)$/, '') === stem) ?? fits[0]!;
}

/** Keeps the argument values whose registers are still slots of the new call. */
export function carryArgs(args: Readonly<Record<string, bigint>>, conv: Convention, call: Call): Record<string, bigint> {
  const slots = new Set(editableSlots(conv, call).map((s) => s.register));
  if (conv.selector) slots.delete(conv.selector);
  return Object.fromEntries(Object.entries(args).filter(([r]) => slots.has(r)));
}

/** A view moved to another convention or call: memory values are the call's own fields, so they stay only while the call does. */
export function switched<T extends PaneState>(view: T, to: Pick<PaneState, 'convention' | 'call' | 'args'>): T {
  const { memory, ...rest } = view;
  return { ...rest, ...to, ...(memory && to.call === view.call ? { memory } : {}) } as T;
}

/**
 * Editing one field of a function id: the id and the call follow. If the new
 * id is a catalog call under a sibling convention (same era, conduit and
 * caller; the SMC32/SMC64 bit may move it), switch to that call; otherwise
 * keep the id as an override, which the plan answers with NOT_SUPPORTED.
 */
export function withFunctionIdField(cat: Catalog, view: SingleView, key: string, value: bigint): SingleView {
  const conv = findConvention(cat, view.convention)!;
  const fid = conv.functionId;
  if (!fid || !conv.selector) return view;
  const current = view.args[conv.selector] ?? findCall(cat, view.call)!.number.value;
  const fields: FieldValues = { ...decodeFields(fid.layout, current), [key]: value };
  const next = encodeFields(fid.layout, fields);
  const siblings = cat.conventions.filter(
    (c) => c.family === conv.family && c.era === conv.era && c.arch === conv.arch && c.instruction === conv.instruction && c.functionId,
  );
  const home = siblings.find((c) => Object.entries(c.functionId!.fixed).every(([k, v]) => fields[k] === v)) ?? conv;
  const match = callsFor(cat, home).find((c) => c.number.value === next);
  if (match) return { ...switched(view, { convention: home.id, call: match.id, args: carryArgs(view.args, home, match) }), step: 0 };
  const call = callAfterSwitch(cat, home, findCall(cat, view.call)!);
  return { ...switched(view, { convention: home.id, call: call.id, args: { ...carryArgs(view.args, home, call), [home.selector!]: next } }), step: 0 };
}
