/**
 * The layout of each guided comparison: what a link #/guide/<id> opens. Apart
 * from the guides' text (guides.ts) because links and the store need it at
 * start, and the text only when a comparison is on screen.
 */
export type GuidePane = { readonly convention: string; readonly call: string };

export const guidePanes = {
  'why-smccc-identify': [
    { convention: 'gunyah-2022-hvc-imm', call: 'gunyah-2022-hyp-identify' },
    { convention: 'gunyah-smccc', call: 'gunyah-hyp-identify' },
    { convention: 'hyperv-arm64-2019-hvc1', call: 'hyperv-arm64-2019-get-vp-registers' },
    { convention: 'hyperv-arm64-smccc', call: 'hyperv-arm64-get-vp-registers' },
  ],
  'why-smccc-message': [
    { convention: 'gunyah-2022-hvc-imm', call: 'gunyah-2022-msgq-send' },
    { convention: 'gunyah-smccc', call: 'gunyah-msgq-send' },
    { convention: 'hyperv-arm64-2019-hvc1', call: 'hyperv-arm64-2019-post-message' },
    { convention: 'hyperv-arm64-smccc', call: 'hyperv-arm64-post-message' },
  ],
  'fast-calls': [
    { convention: 'hyperv-x64-fast', call: 'hyperv-x64-send-synthetic-cluster-ipi' },
    { convention: 'hyperv-arm64-smccc', call: 'hyperv-arm64-get-vp-registers' },
    { convention: 'smccc-1.1-hvc64', call: 'psci-cpu-on-64' },
    { convention: 'smccc-1.2-hvc64', call: 'psci-cpu-on-64' },
  ],
  'vcpu-register': [
    { convention: 'hyperv-arm64-smccc', call: 'hyperv-arm64-get-vp-registers' },
    { convention: 'hyperv-arm64-2019-hvc1', call: 'hyperv-arm64-2019-get-vp-registers' },
  ],
  'x86-styles': [
    { convention: 'kvm-x86-vmcall', call: 'kvm-hc-kick-cpu' },
    { convention: 'vmware-x86-port-io', call: 'vmware-getversion' },
    { convention: 'hyperv-x64-fast', call: 'hyperv-x64-signal-event' },
    { convention: 'xen-x86-64-vmcall', call: 'xen-version' },
  ],
  'smccc-versions': [
    { convention: 'smccc-1.0-hvc64', call: 'psci-cpu-on-64' },
    { convention: 'smccc-1.1-hvc64', call: 'psci-cpu-on-64' },
    { convention: 'smccc-1.2-hvc64', call: 'psci-cpu-on-64' },
  ],
  'ffa-direct-messages': [
    { convention: 'ffa-smc64', call: 'ffa-msg-send-direct-req-64' },
    { convention: 'ffa-smc64', call: 'ffa-msg-send-direct-req2' },
    { convention: 'hyperv-arm64-smccc', call: 'hyperv-arm64-get-vp-registers' },
  ],
  'tdx-vmcall-bitmap': [
    { convention: 'tdx-tdvmcall', call: 'tdx-vmcall-map-gpa' },
    { convention: 'kvm-x86-vmcall', call: 'kvm-hc-kick-cpu' },
  ],
  'realm-rsi-vs-psci': [
    { convention: 'cca-rsi-smc64', call: 'rsi-measurement-read' },
    { convention: 'cca-rsi-smc64', call: 'rsi-host-call' },
    { convention: 'smccc-1.1-hvc64', call: 'psci-cpu-on-64' },
  ],
} as const satisfies Record<string, readonly GuidePane[]>;

export type GuideId = keyof typeof guidePanes;

/** The guide an id from a link names, if any (an own key only: 'constructor' is no guide). */
export function findGuidePanes(id: string): { id: GuideId; panes: readonly GuidePane[] } | undefined {
  return Object.hasOwn(guidePanes, id) ? { id: id as GuideId, panes: guidePanes[id as GuideId] } : undefined;
}
