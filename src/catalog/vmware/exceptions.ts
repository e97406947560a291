import { linux } from '../docs';
import { closedHandler } from '../exception/closed';
import { portIoExit, type PortIo } from '../exception/io';
import { closedHost, hypercallExits } from '../exception/x86';
import { PORT, PORT_HB } from './port';
import { src as vmw } from './sources';

/**
 * The backdoor's traps under VMware, whose VMM is not public: what the CPU
 * records at each exit is drawn, and the VMM's side is said to be unknown.
 */

/** The backdoor's three port-I/O instructions, as Linux's wrappers issue them from 64-bit code. */
const backdoorIo: readonly PortIo[] = [
  {
    instruction: 'x86-in-eax-dx',
    mnemonic: 'inl',
    in: true,
    string: false,
    rep: false,
    bytes: 4,
    port: PORT,
    addressBytes: 8,
    guests: [vmw.hypercallMacro],
  },
  {
    instruction: 'x86-rep-outsb',
    mnemonic: 'rep outsb',
    in: false,
    string: true,
    rep: true,
    bytes: 1,
    port: PORT_HB,
    addressBytes: 8,
    guests: [vmw.hbOut],
  },
  {
    instruction: 'x86-rep-insb',
    mnemonic: 'rep insb',
    in: true,
    string: true,
    rep: true,
    bytes: 1,
    port: PORT_HB,
    addressBytes: 8,
    guests: [vmw.hbIn],
  },
];

/** Said with the high-bandwidth exits: RCX, RSI and RDI, which a real REP INS/OUTS would move, are the VMM's to update. */
const stringIoNote = {
  text: 'A REP string instruction that really ran would move RSI or RDI and count RCX down to 0; here the VMM answers the whole transfer in one exit. What VMware’s VMM leaves in those registers is not known from a source; Linux’s wrappers treat them as inputs only.',
  sources: [vmw.hbOut, vmw.hbIn],
};

const exits = [
  ...hypercallExits(closedHost('VMware', [vmw.hypercallMacro])),
  ...backdoorIo.map((io) => portIoExit(io, closedHost('VMware', io.guests), io.string ? [stringIoNote] : [])),
];

/** The VM exit of one of the backdoor's x86 instructions; none for the arm64 backdoor's trapped mrs, which is not drawn. */
export const vmwareExit = (instruction: string) => exits.find((d) => d.instruction === instruction);

export const vmwareHandler = closedHandler(
  'VMware',
  'The hypervisor’s source is not public: the backdoor is known from its guests (Linux, open-vm-tools), not from the code that handles it.',
  [linux('arch/x86/include/asm/vmware.h', 'the backdoor as Linux calls it')],
);
