import { DEFAULT_VIEW } from '../catalog';

/**
 * What is on screen, as the permalink carries it. Argument values are keyed
 * by register name as the convention writes them (x1, w1, r1); only values
 * the reader changed from the call's examples are kept.
 */
export interface PaneState {
  convention: string;
  call: string;
  args: Readonly<Record<string, bigint>>;
  /** Values of memory fields the caller writes, keyed "area:field" (memoryKey), only those changed from the examples; absent when none are. */
  memory?: Readonly<Record<string, bigint>>;
}

export interface SingleView extends PaneState {
  kind: 'single';
  step: number;
  /** Minimal chrome, for an iframe in slides or a blog post. */
  embed?: true;
  /** Presenter mode: full screen, the lanes, the registers the call touches and the sentence as a caption. */
  present?: true;
  /** The lesson step this view was opened from (#/lesson/<id>). */
  lesson?: string;
}

/** Two to four panes stepped together by phase; `step` counts aligned moments. */
export interface CompareView {
  kind: 'compare';
  panes: readonly PaneState[];
  step: number;
  /** Set when the view is a curated comparison, opened as #/guide/<id>. */
  guide?: string;
  embed?: true;
  present?: true;
  lesson?: string;
}

export type ViewState = SingleView | CompareView;

export const MAX_PANES = 4;

/** What an empty link, or one that cannot be read, shows. */
export const defaultView: SingleView = { kind: 'single', ...DEFAULT_VIEW, args: {}, step: 0 };
