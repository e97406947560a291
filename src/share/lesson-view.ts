import type { Catalog } from '../catalog';
import { findLesson, type LessonAt, type LessonStep } from '../catalog/lessons';
import { findGuidePanes } from '../catalog/guide-panes';
import type { Plan } from '../model/plan';
import { alignTimeline } from '../model/timeline';
import { planFor } from './plans';
import type { PaneState, ViewState } from './view';

/** The panes a lesson step shows. */
export function lessonPanes(lesson: LessonStep): readonly { convention: string; call: string }[] {
  const v = lesson.view;
  return v.kind === 'call' ? [{ convention: v.convention, call: v.call }] : (findGuidePanes(v.guide)?.panes ?? []);
}

/** The step (a moment, in a comparison) a lesson opens at: its number, or the first one in its phase. */
function resolveAt(at: LessonAt, plans: readonly Plan[]): number {
  const phases = plans.length === 1 ? plans[0]!.steps.map((s) => s.phase) : alignTimeline(plans).map((m) => m.phase);
  if (typeof at === 'number') return Math.min(at, phases.length - 1);
  return Math.max(0, phases.indexOf(at));
}

/** The view a lesson step opens, marked as that lesson's. */
export function lessonView(cat: Catalog, lesson: LessonStep): ViewState {
  const panes: PaneState[] = lessonPanes(lesson).map((p) => ({ ...p, args: {} }));
  const step = resolveAt(
    lesson.view.at,
    panes.map((p) => planFor(cat, p)),
  );
  const v = lesson.view;
  return v.kind === 'call'
    ? { kind: 'single', ...panes[0]!, step, lesson: lesson.id }
    : { kind: 'compare', guide: v.guide, panes, step, lesson: lesson.id };
}

/** The lesson a view still shows: the one it was opened from, as long as its call (with its own values) or comparison is unchanged. */
export function lessonOf(view: ViewState): { lesson: LessonStep; index: number } | undefined {
  const found = view.lesson === undefined ? undefined : findLesson(view.lesson);
  if (!found) return undefined;
  const own = found.lesson.view;
  const same =
    own.kind === 'call'
      ? view.kind === 'single' && view.convention === own.convention && view.call === own.call && Object.keys(view.args).length === 0
      : view.kind === 'compare' && view.guide === own.guide;
  return same ? found : undefined;
}
