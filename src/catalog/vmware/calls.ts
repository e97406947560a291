import type { BitLayout } from '../../model/bits';
import type { Call, CallNumber } from '../../model/call';
import type { FixedInput } from '../../model/convention';
import type { Source } from '../../model/source';
import { FAMILY_ARM64, FAMILY_HB_IN, FAMILY_HB_OUT, FAMILY_LB, MAGIC, PORT, PORT_HB } from './conventions';
import { src } from './sources';

/** Commands as the headers define them. */
export const CMD = { GETVERSION: 10n, GETHZ: 45n, GETVCPU_INFO: 68n, STEALCLOCK: 91n } as const;

/** vmwgfx_msg.c's RPC constants. */
const VMW_PORT_CMD_MSG = 30n;
const VMW_PORT_CMD_HB_MSG = 0n;
const MSG_TYPE_OPEN = 0n;
const MSG_TYPE_CLOSE = 6n;
const MESSAGE_STATUS_SUCCESS = 0x0001n;
const RPCI_PROTOCOL_NUM = 0x49435052n;
const GUESTMSG_FLAG_COOKIE = 0x80000000n;
const UINT_MAX = 0xffffffffn;

const literal = (value: bigint, source: Source): CallNumber => ({ value, stated: { value, how: 'literal', source } });
const expanded = (value: bigint, byHand: bigint, source: Source): CallNumber => ({ value, stated: { value: byHand, how: 'expanded', source } });

/** Examples the vmwgfx calls share: channel 1 and two cookies, all made up. */
const CHANNEL_ID = 1n;
const COOKIE_HIGH = 0x6b1e0d3cn;
const COOKIE_LOW = 0x2f1c7a05n;

// ---------------------------------------------------------------- x86, low bandwidth

const getversion: Call = {
  id: 'vmware-getversion',
  name: 'VMWARE_CMD_GETVERSION',
  family: FAMILY_LB,
  summary: 'Ask the backdoor for its version; a VMware hypervisor answers with the magic number in EBX, which is how Linux confirms it is there.',
  number: literal(CMD.GETVERSION, src.cmdGetversion),
  args: [
    { name: 'in1', meaning: 'vmware_hypercall3 argument in1; __vmware_platform passes 0', register: 'ebx', example: 0n, sources: [src.getversion, src.hc3] },
  ],
  results: [
    {
      name: 'out0 (version)',
      meaning: 'the version; Linux only checks that it is not UINT_MAX',
      register: 'eax',
      example: 6n,
      exampleMeaning: "example: 6, the version QEMU's VMware-port emulation reports by default",
      sources: [src.getversion, src.qemuVersion],
    },
    {
      name: 'out1',
      meaning: 'VMWARE_HYPERVISOR_MAGIC when the backdoor is present',
      register: 'ebx',
      example: MAGIC,
      exampleMeaning: 'VMWARE_HYPERVISOR_MAGIC: Linux concludes it runs on VMware',
      sources: [src.getversion, src.magic],
    },
    {
      name: 'out2',
      meaning: "read into ecx by Linux and not used; QEMU's emulation puts a product type here",
      register: 'ecx',
      example: 2n,
      exampleMeaning: "example: 2, VMware ESX Server in QEMU's vmware-vmx-type default",
      sources: [src.getversion, src.qemuVersion],
    },
  ],
  handles: 'it returns its version in EAX and writes the magic number to EBX.',
  returnsOnSuccess: true,
  sources: [src.cmdGetversion, src.getversion, src.hc3],
  notes: [
    {
      kind: 'info',
      text:
        'Linux sends GETVERSION only on the DMI path of vmware_platform(): when CPUID does not report a hypervisor but the DMI serial number ' +
        'contains "VMware". Present means EAX != UINT_MAX and EBX == 0x564D5868.',
      sources: [src.dmiPath, src.getversion],
    },
  ],
};

const gethz: Call = {
  id: 'vmware-gethz',
  name: 'VMWARE_CMD_GETHZ',
  family: FAMILY_LB,
  summary: 'Read the TSC frequency and the bus (local APIC timer) frequency from the hypervisor, so Linux can skip calibrating them.',
  number: literal(CMD.GETHZ, src.cmdGethz),
  args: [
    {
      name: 'in1',
      meaning: 'vmware_hypercall3 argument in1; vmware_platform_setup passes UINT_MAX, the value EBX keeps if the command fails',
      register: 'ebx',
      example: UINT_MAX,
      sources: [src.gethz, src.hc3],
    },
  ],
  results: [
    {
      name: 'out0 (TSC Hz, low)',
      meaning: 'low 32 bits of the TSC frequency in Hz',
      register: 'eax',
      example: 2_000_000_000n & 0xffffffffn,
      exampleMeaning: 'example: low half of a 2,000,000,000 Hz TSC',
      sources: [src.gethz, src.qemuGethz],
    },
    {
      name: 'out1 (TSC Hz, high)',
      meaning: 'high 32 bits of the TSC frequency; UINT_MAX means the command failed',
      register: 'ebx',
      example: 2_000_000_000n >> 32n,
      exampleMeaning: 'example: high half of a 2,000,000,000 Hz TSC',
      sources: [src.gethz, src.qemuGethz],
    },
    {
      name: 'out2 (bus Hz)',
      meaning: 'host bus clock in Hz; Linux sets lapic_timer_period = ecx / HZ',
      register: 'ecx',
      example: 66_000_000n,
      exampleMeaning: 'example: a 66,000,000 Hz bus clock',
      sources: [src.gethzBus, src.qemuGethz],
    },
  ],
  handles: 'it returns the TSC frequency in Hz split across EAX (low) and EBX (high), and the bus frequency in ECX.',
  returnsOnSuccess: true,
  sources: [src.cmdGethz, src.gethz, src.hc3],
  notes: [
    {
      kind: 'info',
      text: 'Linux computes tsc_khz = (EAX | (u64)EBX << 32) / 1000 and treats EBX == UINT_MAX as failure ("Failed to get TSC freq from the hypervisor").',
      sources: [src.gethz],
    },
  ],
};

const vcpuInfoLayout: BitLayout = {
  id: 'vmware-getvcpu-info-result',
  name: 'GETVCPU_INFO result',
  bits: 32,
  fields: [
    { key: 'reserved', name: 'GETVCPU_INFO_VCPU_RESERVED', hi: 31, lo: 31, sources: [src.getvcpuBits] },
    { key: 'unused_hi', name: 'not read by Linux', hi: 30, lo: 4, sources: [src.getvcpuBits] },
    { key: 'x2apic', name: 'GETVCPU_INFO_LEGACY_X2APIC', hi: 3, lo: 3, sources: [src.getvcpuBits] },
    { key: 'unused_lo', name: 'not read by Linux', hi: 2, lo: 0, sources: [src.getvcpuBits] },
  ],
  sources: [src.getvcpuBits],
};

const getvcpuInfo: Call = {
  id: 'vmware-getvcpu-info',
  name: 'VMWARE_CMD_GETVCPU_INFO',
  family: FAMILY_LB,
  summary: 'Ask about the virtual CPU; Linux uses the answer to decide whether x2APIC works without interrupt remapping.',
  number: literal(CMD.GETVCPU_INFO, src.cmdGetvcpuInfo),
  args: [
    {
      name: 'in1',
      meaning: 'vmware_hypercall1 argument in1; vmware_legacy_x2apic_available passes 0',
      register: 'ebx',
      example: 0n,
      sources: [src.getvcpuInfo, src.hc1],
    },
  ],
  results: [
    {
      name: 'out0 (vCPU info)',
      meaning: 'flags: bit 31 VCPU_RESERVED, bit 3 LEGACY_X2APIC; legacy x2APIC is usable iff bit 31 is clear and bit 3 is set',
      register: 'eax',
      example: 1n << 3n,
      exampleMeaning: 'example: LEGACY_X2APIC set, VCPU_RESERVED clear, so Linux may use x2APIC',
      layout: vcpuInfoLayout,
      sources: [src.getvcpuInfo, src.getvcpuBits],
    },
  ],
  handles: 'it returns vCPU flags in EAX.',
  returnsOnSuccess: true,
  sources: [src.cmdGetvcpuInfo, src.getvcpuInfo, src.hc1],
  notes: [],
};

const stealclock: Call = {
  id: 'vmware-stealclock',
  name: 'VMWARE_CMD_STEALCLOCK',
  family: FAMILY_LB,
  summary: 'Register (or, with address 0:1, unregister) the per-CPU page where the hypervisor counts stolen time.',
  number: literal(CMD.STEALCLOCK, src.cmdStealclock),
  args: [
    {
      name: 'in1',
      meaning: 'vmware_hypercall5 argument in1; vmware_cmd_stealclock passes 0',
      register: 'ebx',
      example: 0n,
      sources: [src.stealclock, src.hc5],
    },
    {
      name: 'in4 (addr_hi)',
      meaning: "upper 32 bits of the physical address of this CPU's struct vmware_steal_time (0 to disable)",
      register: 'esi',
      example: 0x1n,
      sources: [src.stealclock, src.stealclockUse],
    },
    {
      name: 'in5 (addr_lo)',
      meaning: 'lower 32 bits of that address (1, with addr_hi 0, to disable)',
      register: 'edi',
      example: 0x3fc1a040n,
      sources: [src.stealclock, src.stealclockUse],
    },
  ],
  results: [
    {
      name: 'out0 (status)',
      meaning: 'STEALCLOCK_NOT_AVAILABLE (-1), STEALCLOCK_DISABLED (0) or STEALCLOCK_ENABLED (1)',
      register: 'eax',
      example: 1n,
      exampleMeaning: 'STEALCLOCK_ENABLED',
      sources: [src.stealclock, src.stealclockRet],
    },
    {
      name: 'out2 (info)',
      meaning: 'returned in ECX; vmware_cmd_stealclock stores it in info and never reads it',
      register: 'ecx',
      example: 0n,
      exampleMeaning: 'example only: Linux discards this value',
      sources: [src.stealclock, src.hc5],
    },
  ],
  handles: 'it starts (or stops) writing stolen time into the page at addr_hi:addr_lo and reports the steal clock state in EAX.',
  returnsOnSuccess: true,
  sources: [src.cmdStealclock, src.stealclock, src.hc5],
  notes: [
    {
      kind: 'info',
      text:
        'vmware_hypercall5 returns only EAX and ECX: EBX, EDX, ESI and EDI are inputs only. Linux probes for the feature with the disable form ' +
        '(addr 0:1) and treats any result but -1 as available. The in3 slot (EDX) is 0.',
      sources: [src.hc5, src.stealclockUse, src.stealclockRet],
    },
  ],
};

// ---------------------------------------------------------------- x86, high bandwidth

const hbCommand = expanded((MESSAGE_STATUS_SUCCESS << 16n) | VMW_PORT_CMD_HB_MSG, 0x00010000n, src.hbOutUse);
const hbEdx = (CHANNEL_ID << 16n) | PORT_HB;

const hbStatus = (use: Source) => ({
  name: 'out1 (status)',
  meaning: 'message status in the high word: MESSAGE_STATUS_SUCCESS (0x0001), CPT (0x0010) means retry after a checkpoint',
  register: 'ebx',
  example: MESSAGE_STATUS_SUCCESS << 16n,
  exampleMeaning: 'MESSAGE_STATUS_SUCCESS in the high word',
  sources: [use, src.msgStatus],
});

const hbOut0 = (use: Source) => ({
  name: 'out0',
  meaning: 'returned in EAX by the wrapper; vmwgfx does not use it',
  register: 'eax',
  example: 0n,
  exampleMeaning: 'example only: vmwgfx ignores EAX here',
  sources: [use],
});

const hbSend: Call = {
  id: 'vmware-rpc-hb-send-payload',
  name: 'RPC send payload (high bandwidth)',
  family: FAMILY_HB_OUT,
  summary: 'vmwgfx sends a whole guest-to-host RPC message on an open channel in one rep outsb, when the host offers high bandwidth.',
  number: hbCommand,
  args: [
    { name: 'in2 (msg_len)', meaning: 'length of the message in bytes', register: 'ecx', example: 25n, sources: [src.hbOutUse] },
    {
      name: 'in3 | VMWARE_HYPERVISOR_PORT_HB',
      meaning: 'channel id << 16; the wrapper ORs in the port 0x5659 (low word)',
      register: 'edx',
      example: hbEdx,
      sources: [src.hbOutUse, src.hbOut, src.portHb],
    },
    {
      name: 'in4 (msg)',
      meaning: 'kernel virtual address of the message, the source of outsb',
      register: 'rsi',
      example: 0xffff888004a3c000n,
      sources: [src.hbOutUse],
    },
    {
      name: 'in5 (cookie_low)',
      meaning: "the channel's low cookie, from the open-channel call",
      register: 'edi',
      example: COOKIE_LOW,
      sources: [src.hbOutUse, src.openChannelUse],
    },
    {
      name: 'in6 (cookie_high)',
      meaning: "the channel's high cookie, moved into EBP around the trap",
      register: 'ebp',
      example: COOKIE_HIGH,
      sources: [src.hbOutUse, src.hbOut],
    },
  ],
  results: [hbOut0(src.hbOut), hbStatus(src.hbOutUse)],
  handles: 'it reads msg_len bytes from the guest buffer at RSI as the request on the channel and reports the status in EBX.',
  returnsOnSuccess: true,
  sources: [src.hbOutUse, src.hbOut, src.portCmds],
  notes: [
    {
      kind: 'info',
      text:
        'The command is (MESSAGE_STATUS_SUCCESS << 16) | VMW_PORT_CMD_HB_MSG = 0x00010000. vmwgfx uses this path only when the SENDSIZE reply ' +
        'has MESSAGE_STATUS_HB set and memory is not encrypted; otherwise it sends the message 4 bytes at a time with vmware_hypercall5.',
      sources: [src.hbOutUse, src.hbChoice, src.msgStatus],
    },
  ],
};

const hbRecv: Call = {
  id: 'vmware-rpc-hb-recv-payload',
  name: 'RPC receive payload (high bandwidth)',
  family: FAMILY_HB_IN,
  summary: 'vmwgfx reads a whole host-to-guest RPC reply on an open channel in one rep insb, when the host offers high bandwidth.',
  number: hbCommand,
  args: [
    { name: 'in2 (reply_len)', meaning: 'length of the reply in bytes, from the RECVSIZE call', register: 'ecx', example: 25n, sources: [src.hbInUse] },
    {
      name: 'in3 | VMWARE_HYPERVISOR_PORT_HB',
      meaning: 'channel id << 16; the wrapper ORs in the port 0x5659 (low word)',
      register: 'edx',
      example: hbEdx,
      sources: [src.hbInUse, src.hbIn, src.portHb],
    },
    { name: 'in4 (cookie_high)', meaning: "the channel's high cookie", register: 'esi', example: COOKIE_HIGH, sources: [src.hbInUse, src.openChannelUse] },
    {
      name: 'in5 (reply)',
      meaning: 'kernel virtual address of the reply buffer, the destination of insb',
      register: 'rdi',
      example: 0xffff888004a3d000n,
      sources: [src.hbInUse],
    },
    {
      name: 'in6 (cookie_low)',
      meaning: "the channel's low cookie, moved into EBP around the trap",
      register: 'ebp',
      example: COOKIE_LOW,
      sources: [src.hbInUse, src.hbIn],
    },
  ],
  results: [hbOut0(src.hbIn), hbStatus(src.hbInUse)],
  handles: 'it writes reply_len bytes of the pending reply into the guest buffer at RDI and reports the status in EBX.',
  returnsOnSuccess: true,
  sources: [src.hbInUse, src.hbIn, src.portCmds],
  notes: [
    {
      kind: 'info',
      text:
        'Note the cookie order: hb_in passes cookie_high in ESI and cookie_low in EBP, the reverse of hb_out (cookie_low in EDI, cookie_high in EBP), ' +
        'because ESI or EDI must hold the buffer. The command is the same 0x00010000 as for sending.',
      sources: [src.hbInUse, src.hbOutUse],
    },
  ],
};

// ---------------------------------------------------------------- arm64 (vmwgfx)

const openCmd = expanded((MSG_TYPE_OPEN << 16n) | VMW_PORT_CMD_MSG, 0x1en, src.portCmds);
const closeCmd = expanded((MSG_TYPE_CLOSE << 16n) | VMW_PORT_CMD_MSG, 0x6001en, src.portCmds);

const x3PortOnly: FixedInput = {
  register: 'x3',
  name: 'in3 | VMWARE_HYPERVISOR_PORT',
  meaning: 'vmw_open_channel passes in3 = 0, so x3 is the port 0x5658 alone',
  value: 0n | PORT,
  sources: [src.openChannel, src.a64Hc6],
};

const openChannel: Call = {
  id: 'vmware-arm64-rpc-open-channel',
  name: 'RPC open channel (MSG_TYPE_OPEN)',
  family: FAMILY_ARM64,
  summary: 'vmwgfx opens a guest RPC channel to the host (RPCI protocol, with cookies) through vmware_hypercall6.',
  number: openCmd,
  fixed: [x3PortOnly],
  args: [
    {
      name: 'in1 (protocol | GUESTMSG_FLAG_COOKIE)',
      meaning: 'RPCI_PROTOCOL_NUM 0x49435052 with GUESTMSG_FLAG_COOKIE 0x80000000',
      register: 'x1',
      example: RPCI_PROTOCOL_NUM | GUESTMSG_FLAG_COOKIE,
      sources: [src.openChannel, src.rpci],
    },
  ],
  results: [
    {
      name: 'out0',
      meaning: 'returned in x0; vmw_open_channel ignores it',
      register: 'x0',
      example: 0n,
      exampleMeaning: 'example only: vmwgfx ignores x0 here',
      sources: [src.a64Hc6, src.openChannel],
    },
    {
      name: 'out2 (status)',
      meaning: 'status in bits 31:16 (HIGH_WORD(ecx) in vmwgfx); the open failed unless MESSAGE_STATUS_SUCCESS is set',
      register: 'x2',
      example: MESSAGE_STATUS_SUCCESS << 16n,
      exampleMeaning: 'MESSAGE_STATUS_SUCCESS in the high word',
      sources: [src.openChannelUse, src.msgStatus],
    },
    {
      name: 'out3 (channel id)',
      meaning: 'the channel id in the high word (channel_id = HIGH_WORD(edx))',
      register: 'x3',
      example: CHANNEL_ID << 16n,
      exampleMeaning: 'example: channel 1',
      sources: [src.openChannelUse, src.a64Hc6],
    },
    {
      name: 'out4 (cookie_high)',
      meaning: "the channel's high cookie, passed back on every later call",
      register: 'x4',
      example: COOKIE_HIGH,
      exampleMeaning: 'example cookie',
      sources: [src.openChannelUse, src.a64Hc6],
    },
    {
      name: 'out5 (cookie_low)',
      meaning: "the channel's low cookie",
      register: 'x5',
      example: COOKIE_LOW,
      exampleMeaning: 'example cookie',
      sources: [src.openChannelUse, src.a64Hc6],
    },
  ],
  handles: 'it opens a channel and returns its status, id and two cookies in x2–x5.',
  returnsOnSuccess: true,
  sources: [src.openChannel, src.portCmds, src.msgTypes, src.a64Hc6],
  notes: [
    {
      kind: 'info',
      text: 'VMW_PORT_CMD_OPEN_CHANNEL is (MSG_TYPE_OPEN << 16 | VMW_PORT_CMD_MSG) = 0x1E: message command 30 with sub-type 0 in bits 31:16. vmwgfx makes the same call on x86 through the x86 vmware_hypercall6.',
      sources: [src.portCmds, src.msgTypes, src.openChannel],
    },
  ],
};

const closeChannel: Call = {
  id: 'vmware-arm64-rpc-close-channel',
  name: 'RPC close channel (MSG_TYPE_CLOSE)',
  family: FAMILY_ARM64,
  summary: 'vmwgfx closes a guest RPC channel through vmware_hypercall5.',
  number: closeCmd,
  args: [
    { name: 'in1', meaning: 'vmw_close_channel passes 0', register: 'x1', example: 0n, sources: [src.closeChannel] },
    {
      name: 'in3 | VMWARE_HYPERVISOR_PORT',
      meaning: 'channel id << 16; the wrapper ORs in the port 0x5658 (low word)',
      register: 'x3',
      example: (CHANNEL_ID << 16n) | PORT,
      sources: [src.closeChannel, src.a64Hc5],
    },
    { name: 'in4 (cookie_high)', meaning: "the channel's high cookie", register: 'x4', example: COOKIE_HIGH, sources: [src.closeChannel] },
    { name: 'in5 (cookie_low)', meaning: "the channel's low cookie", register: 'x5', example: COOKIE_LOW, sources: [src.closeChannel] },
  ],
  results: [
    {
      name: 'out0',
      meaning: 'returned in x0; vmw_close_channel ignores it',
      register: 'x0',
      example: 0n,
      exampleMeaning: 'example only: vmwgfx ignores x0 here',
      sources: [src.a64Hc5, src.closeChannel],
    },
    {
      name: 'out2 (status)',
      meaning: 'status in the high word; the close failed unless MESSAGE_STATUS_SUCCESS is set',
      register: 'x2',
      example: MESSAGE_STATUS_SUCCESS << 16n,
      exampleMeaning: 'MESSAGE_STATUS_SUCCESS in the high word',
      sources: [src.closeChannel, src.msgStatus],
    },
  ],
  handles: "it closes the channel named by x3's high word and the cookies, and returns the status in x2.",
  returnsOnSuccess: true,
  sources: [src.closeChannel, src.portCmds, src.msgTypes, src.a64Hc5],
  notes: [
    {
      kind: 'info',
      text: 'VMW_PORT_CMD_CLOSE_CHANNEL is (MSG_TYPE_CLOSE << 16 | VMW_PORT_CMD_MSG) = 0x6001E. vmware_hypercall5 returns only x0 and x2 on arm64.',
      sources: [src.portCmds, src.msgTypes, src.a64Hc5],
    },
  ],
};

export const vmwareCalls: readonly Call[] = [getversion, gethz, getvcpuInfo, stealclock, hbSend, hbRecv, openChannel, closeChannel];
