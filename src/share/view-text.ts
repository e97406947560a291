import { findGuide } from '../catalog/guides';
import { compareText } from './compare-text';
import type { Plan } from '../model/plan';
import type { Moment } from '../model/timeline';
import { layoutText, type TextForm } from './text';
import type { ViewState } from './view';

/** The view as plain text, as the Share panel and the command line print it: one call's layout, or one comparison. */
export function viewText(
  view: ViewState,
  derived: { plans: readonly Plan[]; moments: readonly Moment[] },
  permalink: string | undefined,
  form: TextForm,
): string {
  if (view.kind === 'single') return layoutText(derived.plans[0]!, permalink, form);
  return compareText(derived.plans, derived.moments, view.step, permalink, form, view.guide ? findGuide(view.guide) : undefined);
}
