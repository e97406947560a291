/** One column per pane on wide screens (four panes: two, then four), stacked on a phone; the pane cards and pickers share it. */
export function paneColumns(panes: number): string {
  return panes === 2 ? 'md:grid-cols-2' : panes === 3 ? 'md:grid-cols-3' : 'md:grid-cols-2 xl:grid-cols-4';
}
