/**
 * Curated comparisons: a short introduction and a ready layout. Ids are
 * permanent (they are links: #/guide/<id>).
 */
export interface Guide {
  id: string;
  title: string;
  intro: string;
  panes: readonly { convention: string; call: string }[];
}

export const guides: readonly Guide[] = [
  {
    id: 'smccc-versions',
    title: 'What SMCCC 1.1 and 1.2 changed',
    intro:
      'The same PSCI CPU_ON call under SMCCC 1.0, 1.1 and 1.2. In 1.0 the callee may use x4–x17 as scratch, so the caller must treat them as lost; 1.1 promises to keep them; 1.2 lets x4–x17 carry results, and keeps them otherwise.',
    panes: [
      { convention: 'smccc-1.0-hvc64', call: 'psci-cpu-on-64' },
      { convention: 'smccc-1.1-hvc64', call: 'psci-cpu-on-64' },
      { convention: 'smccc-1.2-hvc64', call: 'psci-cpu-on-64' },
    ],
  },
];

export function findGuide(id: string): Guide | undefined {
  return guides.find((g) => g.id === id);
}
