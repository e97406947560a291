import { create } from 'zustand';
import { findGuidePanes } from '../catalog/guide-panes';
import { callsFor, findCall, findConvention, firstCatalog, loadFamilies, withFamilies, type Catalog } from '../catalog';
import { firstObserved, loadObserved } from '../catalog/observed';
import type { ObservedData } from '../model/observed';
import type { Plan } from '../model/plan';
import { parseValue, type Parsed } from '../model/value';
import { runBits, splitRun } from '../model/pair';
import { defaultView, MAX_PANES, type PaneState, type SingleView, type ViewState } from '../share/view';
import { argRegisters, editableSlots, type Call } from '../model/call';
import { editableFields } from '../model/memory';
import type { Moment } from '../model/timeline';
import { callAfterSwitch, carryArgs, switched, withFunctionIdField } from './derive';
import { derive, type Derived } from '../share/plans';
import { decodeLink, encodePermalink, linkNeeds, readLink } from '../share/permalink';
import { saveDraft } from './custom-links';
import { familyKeys } from './family-keys';
import type { CustomDefinition } from '../share/custom/schema';

export type Theme = 'system' | 'light' | 'dark';
/**
 * Where the page is in starting up (src/boot/boot.ts drives it): the build's markup with no script yet, React
 * hydrating it, a link's families loading, working, or a part of the app that did not arrive.
 */
export type Phase = 'static' | 'hydrating' | 'opening' | 'live' | 'failed';
export const SPEEDS = [0.5, 1, 2, 4] as const;

/** Where argText and argErrors keep what was typed for a run (Call.runs), apart from its registers. */
export const runTextKey = (id: string) => `run:${id}`;
/** Where they keep what was typed for a memory field (its memoryKey, "0:rax"). */
export const memoryTextKey = (key: string) => `mem:${key}`;

export interface AppState {
  phase: Phase;
  /** The families loaded so far: a new value each time one arrives (a chunk, or a custom convention). */
  catalog: Catalog;
  /** The runs on emulated CPUs: the first load's calls', then every call's once a family has loaded. */
  observed: ObservedData;
  view: ViewState;
  /** Derived from view by the model; kept here so it is computed once per change, not per render. */
  plan: Plan;
  plans: readonly Plan[];
  moments: readonly Moment[];
  /** The calls each pane's convention offers, for the call pickers: more arrive as families load. */
  offered: readonly (readonly Call[])[];
  /** What the reader typed, valid or not, so a mistake is never silently replaced. */
  argText: Readonly<Record<string, string>>;
  argErrors: Readonly<Record<string, string>>;
  /** The def= parameter of each custom convention open in this page, by convention id: a link to one carries it. */
  defs: Readonly<Record<string, string>>;
  /** Messages from opening a link that could not be honoured exactly. */
  linkMessages: readonly string[];
  playing: boolean;
  speed: number;
  theme: Theme;
  /** How the last view change should reach the address bar. */
  history: 'push' | 'replace';

  /** Loads the families the link names, then shows it; resolves once it is on screen. */
  openLink(hash: string): Promise<void>;
  selectConvention(id: string): Promise<void>;
  selectCall(id: string): void;
  /** Open a call found by search: under the current convention if it fits, else the nearest one. */
  openCall(callId: string, conventionIds: readonly string[]): Promise<void>;
  setArgText(register: string, text: string): void;
  /** A value spanning several registers (Call.runs), typed once: split into its registers. */
  setRunText(run: string, text: string): void;
  /** A memory field the caller writes (its memoryKey): typed as a register argument is, kept in the view's memory values. */
  setMemoryText(key: string, text: string): void;
  setFunctionIdField(key: string, value: bigint): void;
  /** Compare: the given panes, or the current call beside the same call under a sibling convention. */
  openCompare(panes?: readonly PaneState[]): Promise<void>;
  openGuide(id: string): Promise<void>;
  setPane(index: number, pane: { convention?: string; call?: string }): Promise<void>;
  addPane(): Promise<void>;
  removePane(index: number): void;
  /** Leave a comparison for the single view of one pane. */
  openPane(index: number): void;
  setStep(step: number): void;
  stepBy(delta: number): void;
  /** Enter or leave presenter mode; the view (and so the link) says which. */
  setPresent(on: boolean): void;
  togglePlay(): void;
  setPlaying(playing: boolean): void;
  setSpeed(speed: number): void;
  setTheme(theme: Theme): void;
  setPhase(phase: Phase): void;
  dismissLinkMessages(): void;
  /** The custom-convention editor's text (JSON); null when the editor is closed. */
  editorText: string | null;
  /** The editor's text kept in this browser, valid or not, to resume later. */
  draft: string | null;
  setEditorText(text: string | null): void;
  /** Saves a valid definition and shows its first call. */
  saveCustom(def: CustomDefinition): Promise<void>;
  /** Shows a message about something the reader brought in (a dropped file) in the link-message area. */
  reportMessage(message: string): void;
  /** A part of the app that an action needed did not arrive (offline before it was cached). */
  missing: boolean;
  reportMissing(): void;
}

/** A view to show, with its plans (made here unless the decoder made them already). */
function fresh(
  cat: Catalog,
  view: ViewState,
  derived: Derived = derive(cat, view),
): Pick<AppState, 'view' | 'plan' | 'plans' | 'moments' | 'offered' | 'argText' | 'argErrors'> {
  return { view, ...derived, offered: offeredBy(cat, derived.plans), argText: {}, argErrors: {} };
}

function offeredBy(cat: Catalog, plans: readonly Plan[]): AppState['offered'] {
  return plans.map((p) => callsFor(cat, p.convention));
}

/** The panes of a view: one for a single view. */
function panesOf(view: ViewState): readonly PaneState[] {
  return view.kind === 'single' ? [view] : view.panes;
}

/**
 * Loads what a view of these conventions and calls needs (family-keys.ts says which families): the one way every
 * action loads data. What arrives is added to the catalog held when it arrives, so loads that overlap keep each
 * other's families.
 */
async function ensureLoaded(conventions: Iterable<string>, calls?: Iterable<string>): Promise<Catalog> {
  try {
    const [loaded, observed] = await Promise.all([loadFamilies(useApp.getState().catalog, familyKeys(conventions, calls)), loadObserved()]);
    useApp.setState((s) => ({ catalog: withFamilies(s.catalog, loaded.families), observed }));
    return useApp.getState().catalog;
  } catch (error) {
    // Not silently: the picker would snap back and nothing say why (LinkMessages offers a reload).
    useApp.getState().reportMissing();
    throw error;
  }
}

/** Loads what these panes show (ensureLoaded: their families and every call their conventions offer). */
function ensurePanes(panes: readonly { convention: string; call?: string }[]): Promise<Catalog> {
  return ensureLoaded(
    panes.map((p) => p.convention),
    panes.flatMap((p) => (p.call ? [p.call] : [])),
  );
}

/**
 * What a box of the argument editor holds once the reader types `text` into it (kept under `key` as typed, with its
 * error if it is not a value), and the view the value makes: drawn as the reader types, replacing the history entry.
 */
function typed(s: AppState, key: string, text: string, parsed: Parsed<bigint>, next: (value: bigint) => SingleView): Partial<AppState> {
  const argText = { ...s.argText, [key]: text };
  const argErrors = { ...s.argErrors };
  delete argErrors[key];
  if (!parsed.ok) return { argText, argErrors: { ...argErrors, [key]: parsed.message } };
  const view = next(parsed.value);
  return { view, ...derive(s.catalog, view), argText, argErrors, history: 'replace' };
}

/** The single view being edited; actions that edit one call do nothing in a comparison. */
function single(view: ViewState): SingleView | undefined {
  return view.kind === 'single' ? view : undefined;
}

/** A second pane worth comparing with: the same call under the next era of its family, else the same call elsewhere. */
function partnerFor(cat: Catalog, pane: PaneState): PaneState {
  const conv = findConvention(cat, pane.convention)!;
  const call = findCall(cat, pane.call)!;
  const fits = cat.conventions.filter((c) => c.id !== conv.id && callsFor(cat, c).includes(call));
  const next = fits.find((c) => c.family === conv.family && c.instruction === conv.instruction && c.era !== conv.era) ?? fits[0];
  if (next) return { convention: next.id, call: call.id, args: {} };
  const other = cat.conventions.find((c) => c.id !== conv.id && callsFor(cat, c).length > 0)!;
  return { convention: other.id, call: callsFor(cat, other)[0]!.id, args: {} };
}

/** openLink calls so far: only the latest may show its view once its calls have loaded. */
let linksOpened = 0;

export const useApp = create<AppState>()((set, get) => ({
  catalog: firstCatalog,
  observed: firstObserved,
  ...fresh(firstCatalog, defaultView),
  phase: 'static',
  defs: {},
  linkMessages: [],
  playing: false,
  speed: 1,
  theme: 'system',
  history: 'replace',

  async openLink(hash) {
    const mine = ++linksOpened;
    const asked = get().view;
    const link = readLink(hash);
    const { defs } = linkNeeds(link);
    const customMessages = defs.length ? await (await import('./custom')).registerFromLink(defs) : [];
    // npm run bench times decode + first render of a permalink from this mark (its families are loaded by then).
    const mark = () => {
      performance.clearMarks('trapscope:decode');
      performance.mark('trapscope:decode');
    };
    mark();
    let decoded = decodeLink(get().catalog, link);
    if (decoded.kind === 'needs') {
      // Load the families of what the link names (and of the calls their conventions offer), then decode the same reading.
      await ensureLoaded(decoded.conventions, decoded.calls);
      mark();
      decoded = decodeLink(get().catalog, link, true);
    }
    const { state, derived, messages } = decoded;
    // The call pickers offer every call that fits; a link naming a convention no family holds falls back to the
    // default view, whose other calls load here too.
    const cat = await ensurePanes(panesOf(state));
    const linkMessages = [...customMessages, ...messages];
    const cur = get();
    // A later link, or a change the reader made while this link's calls loaded (a key pressed on the page
    // just hydrated), is newer than this link: that view stays, and only the call pickers gain the calls that arrived.
    if (mine !== linksOpened || cur.view !== asked) return set({ offered: offeredBy(cat, cur.plans) });
    // The link may name the view on screen, as when the app hydrates the pre-rendered default view: then only the
    // call pickers change (more calls have loaded), and the rest of the page is not drawn again.
    if (!defs.length && encodePermalink(state) === encodePermalink(cur.view))
      set({ offered: offeredBy(cat, cur.plans), linkMessages, playing: false, history: 'replace' });
    else set({ ...fresh(cat, state, derived), linkMessages, playing: false, history: 'replace' });
  },

  async selectConvention(id) {
    const cat = await ensureLoaded([id]);
    const conv = findConvention(cat, id);
    const cur = single(get().view);
    if (!conv || !cur) return;
    const call = callAfterSwitch(cat, conv, findCall(cat, cur.call)!);
    const view: SingleView = { ...switched(cur, { convention: conv.id, call: call.id, args: carryArgs(cur.args, conv, call) }), step: 0 };
    set({ ...fresh(cat, view), playing: false, history: 'push' });
  },

  selectCall(id) {
    const { catalog: cat, view } = get();
    const cur = single(view);
    if (!cur) return;
    const conv = findConvention(cat, cur.convention)!;
    const call = callsFor(cat, conv).find((c) => c.id === id);
    if (!call) return;
    set({ ...fresh(cat, { ...switched(cur, { convention: cur.convention, call: call.id, args: {} }), step: 0 }), playing: false, history: 'push' });
  },

  async openCall(callId, conventionIds) {
    const cat = await ensureLoaded(conventionIds, [callId]);
    const current = get().plan.convention;
    const candidates = conventionIds.map((id) => findConvention(cat, id)).filter((c) => c !== undefined);
    const conv =
      candidates.find((c) => c.id === current.id) ??
      candidates.find((c) => c.family === current.family && c.era === current.era && c.instruction.mnemonic === current.instruction.mnemonic) ??
      candidates.find((c) => c.family === current.family) ??
      candidates[0];
    if (!conv || !findCall(cat, callId)) return;
    set({ ...fresh(cat, { kind: 'single', convention: conv.id, call: callId, args: {}, step: 0 }), playing: false, history: 'push' });
  },

  setArgText(register, text) {
    const view = single(get().view);
    if (!view) return;
    const { convention: conv, call } = get().plan;
    const slot = editableSlots(conv, call).find((s) => s.register === register);
    if (!slot) return;
    const fallback = register === conv.selector ? call.number.value : call.args[argRegisters(conv, call).indexOf(register)]?.example;
    set(
      typed(get(), register, text, parseValue(text, slot.bits, register), (value) => {
        const args = { ...view.args, [register]: value };
        if (value === fallback) delete args[register];
        return { ...view, args };
      }),
    );
  },

  setRunText(runId, text) {
    const view = single(get().view);
    if (!view) return;
    const { convention: conv, call } = get().plan;
    const def = call.runs?.find((r) => r.id === runId && r.direction === 'in');
    if (!def) return;
    const regs = argRegisters(conv, call);
    set(
      typed(get(), runTextKey(runId), text, parseValue(text, runBits(def), def.name), (whole) => {
        const args = { ...view.args };
        splitRun(def, whole).forEach((value, i) => {
          const register = def.registers[i]!;
          if (value === call.args[regs.indexOf(register)]?.example) delete args[register];
          else args[register] = value;
        });
        return { ...view, args };
      }),
    );
  },

  setMemoryText(key, text) {
    const view = single(get().view);
    if (!view) return;
    const f = editableFields(get().plan.call.memory ?? []).find((x) => x.key === key);
    if (!f) return;
    const parsed = parseValue(text, f.field.bytes * 8, `${f.arg.name} ${f.field.name}`, 'memory field');
    set(
      typed(get(), memoryTextKey(key), text, parsed, (value) => {
        const { memory: old, ...rest } = view;
        const memory = { ...old, [key]: value };
        if (value === f.field.example) delete memory[key];
        return { ...rest, ...(Object.keys(memory).length ? { memory } : {}) };
      }),
    );
  },

  setFunctionIdField(key, value) {
    const cur = single(get().view);
    if (!cur) return;
    const cat = get().catalog;
    set({ ...fresh(cat, withFunctionIdField(cat, cur, key, value)), playing: false, history: 'push' });
  },

  async openCompare(panes) {
    const cur = get().view;
    const base = cur.kind === 'single' ? cur : cur.panes[0]!;
    const first: PaneState = { convention: base.convention, call: base.call, args: base.args, ...(base.memory ? { memory: base.memory } : {}) };
    const chosen = (panes ?? [first, partnerFor(get().catalog, base)]).slice(0, MAX_PANES);
    const cat = await ensurePanes(chosen);
    set({ ...fresh(cat, { kind: 'compare', panes: chosen, step: 0 }), playing: false, linkMessages: [], history: 'push' });
  },

  async openGuide(id) {
    const guide = findGuidePanes(id);
    if (!guide) return;
    const cat = await ensurePanes(guide.panes);
    const view: ViewState = { kind: 'compare', guide: guide.id, panes: guide.panes.map((p) => ({ ...p, args: {} })), step: 0 };
    set({ ...fresh(cat, view), playing: false, linkMessages: [], history: 'push' });
  },

  async setPane(index, change) {
    const cat = change.convention ? await ensurePanes([{ convention: change.convention, call: change.call }]) : get().catalog;
    const cur = get().view;
    if (cur.kind !== 'compare' || !cur.panes[index]) return;
    const old = cur.panes[index]!;
    const conv = findConvention(cat, change.convention ?? old.convention);
    if (!conv) return;
    const wanted = findCall(cat, change.call ?? old.call)!;
    const fits = callsFor(cat, conv);
    const call = change.call ? (fits.includes(wanted) ? wanted : fits[0]!) : callAfterSwitch(cat, conv, wanted);
    const panes = cur.panes.map((p, i) => (i === index ? { convention: conv.id, call: call.id, args: {} } : p));
    set({ ...fresh(cat, { kind: 'compare', panes, step: 0 }), playing: false, history: 'push' });
  },

  async addPane() {
    const before = get().view;
    if (before.kind !== 'compare' || before.panes.length >= MAX_PANES) return;
    const partner = partnerFor(get().catalog, before.panes.at(-1)!);
    const cat = await ensurePanes([partner]);
    const cur = get().view;
    if (cur.kind !== 'compare' || cur.panes.length >= MAX_PANES) return;
    const panes = [...cur.panes, partner];
    set({ ...fresh(cat, { kind: 'compare', panes, step: 0 }), playing: false, history: 'push' });
  },

  removePane(index) {
    const cur = get().view;
    if (cur.kind !== 'compare' || cur.panes.length <= 2) return;
    set({ ...fresh(get().catalog, { kind: 'compare', panes: cur.panes.filter((_, i) => i !== index), step: 0 }), playing: false, history: 'push' });
  },

  openPane(index) {
    const cur = get().view;
    const pane = cur.kind === 'compare' ? cur.panes[index] : undefined;
    if (!pane) return;
    set({ ...fresh(get().catalog, { kind: 'single', ...pane, step: 0 }), playing: false, history: 'push' });
  },

  setStep(step) {
    const last = get().moments.length - 1;
    const s = Math.max(0, Math.min(last, Math.round(step)));
    if (s !== get().view.step) set({ view: { ...get().view, step: s }, history: 'replace' });
  },

  stepBy(delta) {
    get().setStep(get().view.step + delta);
  },

  setPresent(on) {
    const view = { ...get().view };
    if (on) view.present = true;
    else delete view.present;
    set({ view, history: 'push' });
  },

  togglePlay() {
    const { playing, view, moments } = get();
    if (!playing && view.step >= moments.length - 1) set({ view: { ...view, step: 0 }, playing: true });
    else set({ playing: !playing });
  },

  setPlaying(playing) {
    set({ playing });
  },

  setSpeed(speed) {
    set({ speed });
  },

  setTheme(theme) {
    set({ theme });
  },

  setPhase(phase) {
    set({ phase });
  },

  dismissLinkMessages() {
    set({ linkMessages: [] });
  },

  editorText: null,
  draft: null,

  setEditorText(text) {
    // Closing the editor (null) keeps the draft for later; saving clears it.
    if (text === null) return set({ editorText: null });
    saveDraft(text);
    set({ editorText: text, draft: text });
  },

  async saveCustom(def) {
    const id = await (await import('./custom')).saveDefinition(def);
    const cat = get().catalog;
    const conv = findConvention(cat, id)!;
    const call = callsFor(cat, conv)[0];
    saveDraft(null);
    if (!call) {
      set({ editorText: null, draft: null, linkMessages: [`Saved ${conv.name}; it has no calls yet, so there is nothing to show.`] });
      return;
    }
    set({
      ...fresh(cat, { kind: 'single', convention: conv.id, call: call.id, args: {}, step: 0 }),
      editorText: null,
      draft: null,
      playing: false,
      history: 'push',
    });
  },

  reportMessage(message) {
    set({ linkMessages: [message] });
  },

  missing: false,

  reportMissing() {
    set({ missing: true });
  },
}));
