import { create } from 'zustand';
import { callsFor, findCall, findConvention } from '../catalog';
import type { Plan } from '../model/plan';
import { parseValue } from '../model/value';
import { decodePermalink, defaultView } from '../share/permalink';
import type { SingleView } from '../share/view';
import { argRegisters, editableSlots } from '../model/call';
import { callAfterSwitch, carryArgs, planFor, withFunctionIdField } from './derive';

export type Theme = 'system' | 'light' | 'dark';
export const SPEEDS = [0.5, 1, 2, 4] as const;

export interface AppState {
  view: SingleView;
  /** Derived from view by the model; kept here so it is computed once per change, not per render. */
  plan: Plan;
  /** What the reader typed, valid or not, so a mistake is never silently replaced. */
  argText: Readonly<Record<string, string>>;
  argErrors: Readonly<Record<string, string>>;
  /** Messages from opening a link that could not be honoured exactly. */
  linkMessages: readonly string[];
  playing: boolean;
  speed: number;
  theme: Theme;
  /** How the last view change should reach the address bar. */
  history: 'push' | 'replace';

  openLink(hash: string): void;
  selectConvention(id: string): void;
  selectCall(id: string): void;
  /** Open a call found by search: under the current convention if it fits, else the nearest one. */
  openCall(callId: string, conventionIds: readonly string[]): void;
  setArgText(register: string, text: string): void;
  setFunctionIdField(key: string, value: bigint): void;
  setStep(step: number): void;
  stepBy(delta: number): void;
  togglePlay(): void;
  setPlaying(playing: boolean): void;
  setSpeed(speed: number): void;
  setTheme(theme: Theme): void;
  dismissLinkMessages(): void;
}

function fresh(view: SingleView): Pick<AppState, 'view' | 'plan' | 'argText' | 'argErrors'> {
  return { view, plan: planFor(view), argText: {}, argErrors: {} };
}

export const useApp = create<AppState>()((set, get) => ({
  ...fresh(defaultView),
  linkMessages: [],
  playing: false,
  speed: 1,
  theme: 'system',
  history: 'replace',

  openLink(hash) {
    const { state, messages } = decodePermalink(hash);
    set({ ...fresh(state), linkMessages: messages, playing: false, history: 'replace' });
  },

  selectConvention(id) {
    const conv = findConvention(id);
    if (!conv) return;
    const call = callAfterSwitch(conv, findCall(get().view.call)!);
    const view: SingleView = { ...get().view, convention: conv.id, call: call.id, args: carryArgs(get().view.args, conv, call), step: 0 };
    set({ ...fresh(view), playing: false, history: 'push' });
  },

  selectCall(id) {
    const conv = findConvention(get().view.convention)!;
    const call = callsFor(conv).find((c) => c.id === id);
    if (!call) return;
    set({ ...fresh({ ...get().view, call: call.id, args: {}, step: 0 }), playing: false, history: 'push' });
  },

  openCall(callId, conventionIds) {
    const current = findConvention(get().view.convention)!;
    const candidates = conventionIds.map((id) => findConvention(id)).filter((c) => c !== undefined);
    const conv =
      candidates.find((c) => c.id === current.id) ??
      candidates.find((c) => c.family === current.family && c.era === current.era && c.instruction.mnemonic === current.instruction.mnemonic) ??
      candidates.find((c) => c.family === current.family) ??
      candidates[0];
    if (!conv || !findCall(callId)) return;
    set({ ...fresh({ kind: 'single', convention: conv.id, call: callId, args: {}, step: 0 }), playing: false, history: 'push' });
  },

  setArgText(register, text) {
    const { view } = get();
    const conv = findConvention(view.convention)!;
    const call = findCall(view.call)!;
    const slot = editableSlots(conv, call).find((s) => s.register === register);
    if (!slot) return;
    const argText = { ...get().argText, [register]: text };
    const argErrors = { ...get().argErrors };
    delete argErrors[register];
    const parsed = parseValue(text, slot.bits, register);
    if (!parsed.ok) {
      argErrors[register] = parsed.message;
      set({ argText, argErrors });
      return;
    }
    const args = { ...view.args, [register]: parsed.value };
    const fallback = register === conv.selector ? call.number.value : call.args[argRegisters(conv, call).indexOf(register)]?.example;
    if (parsed.value === fallback) delete args[register];
    const next = { ...view, args };
    set({ view: next, plan: planFor(next), argText, argErrors, history: 'replace' });
  },

  setFunctionIdField(key, value) {
    const next = withFunctionIdField(get().view, key, value);
    set({ ...fresh(next), playing: false, history: 'push' });
  },

  setStep(step) {
    const last = get().plan.steps.length - 1;
    const s = Math.max(0, Math.min(last, Math.round(step)));
    if (s !== get().view.step) set({ view: { ...get().view, step: s }, history: 'replace' });
  },

  stepBy(delta) {
    get().setStep(get().view.step + delta);
  },

  togglePlay() {
    const { playing, view, plan } = get();
    if (!playing && view.step >= plan.steps.length - 1) set({ view: { ...view, step: 0 }, playing: true });
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

  dismissLinkMessages() {
    set({ linkMessages: [] });
  },
}));
