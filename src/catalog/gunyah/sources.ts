import type { Source } from '../../model/source';
import { githubFile, mail } from '../docs';

/**
 * Every document the Gunyah family cites, in one place, pinned to the
 * commit or message that was read.
 */

const HYP = 'quic/gunyah-hypervisor';
const HYP_AT = '36ca3a2a0d89a46e9566474586dd94f12a04e3d5';
const BAYLIBRE = 'BayLibre/android_kernel_common';
const BAYLIBRE_HYPERCALL_AT = '89c45b6d5d1d88462e241b65b2f61b72a50ef097';
const BAYLIBRE_HEADER_AT = '31bb3efc3c7d2831ecf6232d79d31e9034a7b79f';

const at = (s: Source, where: string): Source => ({ ...s, where: `${s.where}: ${where}` });

/** The hypervisor's own API document, which describes the HVC-immediate ABI. */
export const apiDoc = (where: string): Source => githubFile(HYP, 'docs/api/gunyah_api.md', HYP_AT, where);

export const hypFile = (path: string, commit: string, where: string): Source => githubFile(HYP, path, commit, where);

/** The hypervisor's SMCCC definitions: function-ID bit-fields and the vendor-hyp call classes. */
export const smcccTc = (where: string): Source => hypFile('hyp/interfaces/smccc/smccc.tc', HYP_AT, where);
export const smcccDispatch = (where: string): Source => hypFile('hyp/vm/smccc/src/smccc_hypercalls.c', HYP_AT, where);
export const smcccWrapper = (where: string): Source =>
  hypFile('hyp/vm/smccc/aarch64/templates/hyp_wrapper.c.tmpl', 'a7c9ecb60ff762714d1b7fc527f1737cd3800a04', where);

/** Hypercall definitions: call_num, inputs and outputs in order. */
export const hvcDef = {
  identify: (where: string) => hypFile('hyp/core/api/aarch64/hypercalls.hvc', '7ecf251212690e5bccb3cdba38856e46f97ced5f', where),
  doorbell: (where: string) => hypFile('hyp/interfaces/doorbell/doorbell.hvc', '7ecf251212690e5bccb3cdba38856e46f97ced5f', where),
  msgqueue: (where: string) => hypFile('hyp/interfaces/msgqueue/msgqueue.hvc', '4a4f0af188261a325bb631d0b58e985d86bdfde0', where),
  addrspace: (where: string) => hypFile('hyp/interfaces/addrspace/addrspace.hvc', '4a4f0af188261a325bb631d0b58e985d86bdfde0', where),
  vcpuRun: (where: string) => hypFile('hyp/interfaces/vcpu_run/vcpu_run.hvc', 'd2e92c5ba2e80b50806e4740412530abbb52e0b2', where),
};

/** The resource manager's generated hypercall stubs, which use the immediate ABI. */
export const rmStubs = (where: string): Source =>
  githubFile('quic/gunyah-resource-manager', 'src/guest_interface.c', '981e1e69df7baeeb241d19cb83072f713c3ed1db', where);

/** The SMCCC-era Linux driver, as carried in a vendor tree (2022-2024 header). */
export const linuxHypercall = (where: string): Source => githubFile(BAYLIBRE, 'arch/arm64/gunyah/gunyah_hypercall.c', BAYLIBRE_HYPERCALL_AT, where);
export const linuxHeader = (where: string): Source => githubFile(BAYLIBRE, 'include/linux/gunyah.h', BAYLIBRE_HEADER_AT, where);

/** A torvalds/linux copy that may be a fork commit (GitHub shows fork commits under every repository of a network). */
export const torvaldsCopy = (where: string): Source =>
  githubFile('torvalds/linux', 'arch/arm64/gunyah/gunyah_hypercall.c', '5943689fc36aeb3a6895e85e27cf8032ec024e1d', where);

/** The February 2022 series (immediate ABI). */
export const v1Abi = (where: string): Source =>
  at(mail('[PATCH 03/11] arm64: gunyah: Add Gunyah hypercalls ABI', '20220223233729.1571114-4-quic_eberman@quicinc.com'), where);
export const v1Sysfs = (where: string): Source =>
  at(mail('[PATCH 05/11] virt: gunyah: Add sysfs nodes', '20220223233729.1571114-6-quic_eberman@quicinc.com'), where);
export const v1Msgq = (where: string): Source =>
  at(mail('[PATCH 07/11] gunyah: msgq: Add Gunyah message queues', '20220223233729.1571114-8-quic_eberman@quicinc.com'), where);
export const nak = (where: string): Source =>
  at(mail('Re: [PATCH 03/11] arm64: gunyah: Add Gunyah hypercalls ABI (Mark Rutland)', 'YhdZen7MwdAIJMsu@lakrids'), where);

/** The July 2022 v2 series (SMCCC). */
export const v2Abi = (where: string): Source =>
  at(mail('[PATCH v2 03/11] arm64: gunyah: Add Gunyah hypercalls ABI', '20220714212940.2988436-4-quic_eberman@quicinc.com'), where);
