import { findCall, findConvention, type Catalog } from '../catalog';
import { alignTimeline, type Moment } from '../model/timeline';
import { marshal, type Plan } from '../model/plan';
import type { PaneState, ViewState } from './view';

/** The plan for a pane the decoder or an action has already validated. */
export function planFor(cat: Catalog, pane: PaneState): Plan {
  return marshal(findConvention(cat, pane.convention)!, findCall(cat, pane.call)!, pane.args, pane.memory);
}

/**
 * Everything the screen draws for a view, computed once per change: a plan
 * per pane and the moments playback walks through (one per step in a single
 * view; phase-aligned across panes in a comparison).
 */
export interface Derived {
  plans: Plan[];
  plan: Plan;
  moments: Moment[];
}

export function derive(cat: Catalog, view: ViewState): Derived {
  return derivedFrom(
    view,
    (view.kind === 'single' ? [view] : view.panes).map((p) => planFor(cat, p)),
  );
}

/** The moments of a view whose plans are made. */
export function derivedFrom(view: ViewState, plans: Plan[]): Derived {
  const moments = view.kind === 'single' ? plans[0]!.steps.map((s) => ({ phase: s.phase, k: 0, steps: [s.index] })) : alignTimeline(plans);
  return { plans, plan: plans[0]!, moments };
}
