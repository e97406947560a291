/**
 * The layout and title of each guided comparison: what a link #/guide/<id>
 * opens, and what the Compare panel lists. Apart from the guides' text
 * (guides.ts) because links, the store and that panel need them at start,
 * and the text only when a comparison is on screen.
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

export const guideTitles: Readonly<Record<GuideId, string>> = {
  'why-smccc-identify': 'Why SMCCC? Asking the hypervisor who it is',
  'why-smccc-message': 'Why SMCCC? Sending a message',
  'fast-calls': 'Fast calls: how much fits in registers',
  'vcpu-register': 'Reading a vCPU register on Hyper-V (arm64)',
  'x86-styles': 'x86 styles: KVM, the VMware backdoor, Hyper-V and Xen',
  'smccc-versions': 'What SMCCC 1.1 and 1.2 changed',
  'ffa-direct-messages': 'FF-A direct messages: five registers, then fourteen',
  'tdx-vmcall-bitmap': 'TDX’s VMCALL bitmap vs a plain VMCALL under KVM',
  'realm-rsi-vs-psci': 'A realm’s RSI call vs a normal guest’s PSCI call',
};

/** The guides as the Compare panel lists them. */
export const guideList: readonly { id: GuideId; title: string }[] = (Object.keys(guidePanes) as GuideId[]).map((id) => ({ id, title: guideTitles[id] }));

/** The guide an id from a link names, if any (an own key only: 'constructor' is no guide). */
export function findGuidePanes(id: string): { id: GuideId; panes: readonly GuidePane[] } | undefined {
  return Object.hasOwn(guidePanes, id) ? { id: id as GuideId, panes: guidePanes[id as GuideId] } : undefined;
}
