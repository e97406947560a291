/** The backdoor's I/O ports, apart from the conventions so the exception data can use them without loading the VMware family. */
export const PORT = 0x5658n;
/** VMWARE_HYPERVISOR_HB, BIT(0): the high-bandwidth port is the low-bandwidth one with this bit set. */
export const HB = 1n << 0n;
export const PORT_HB = PORT | HB;
