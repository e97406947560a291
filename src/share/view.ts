/**
 * What is on screen, as the permalink carries it. Argument values are keyed
 * by register name as the convention writes them (x1, w1, r1); only values
 * the reader changed from the call's examples are kept.
 */
export interface SingleView {
  kind: 'single';
  convention: string;
  call: string;
  args: Readonly<Record<string, bigint>>;
  step: number;
}

export type ViewState = SingleView;
