import type { BitLayout } from '../../model/bits';
import { encodeFields } from '../../model/bits';
import type { ExceptionDef } from '../../model/exception';
import type { Source } from '../../model/source';
import { formatHex } from '../../model/value';
import { linux } from '../docs';
import { xenX86Source } from '../xen/sources';
import { svmExitDef, vmxExitDef, type VmHost } from './x86';

/**
 * The VM exit an intercepted port-I/O instruction causes: the VMware
 * backdoor's `inl` (low bandwidth) and its `rep outsb` / `rep insb` (high
 * bandwidth). The exit's fields are the CPU's and are laid out by Intel and
 * AMD; they are read here from the hypervisors that decode them (KVM, Xen)
 * and the emulator that writes them (QEMU), since VMware's VMM is not public.
 */

const VMX_C = 'arch/x86/kvm/vmx/vmx.c';
const SVM_C = 'arch/x86/kvm/svm/svm.c';
const SVM_H = 'arch/x86/include/asm/svm.h';
const XEN_VMX = 'xen/arch/x86/hvm/vmx/vmx.c';
const XEN_VMCB = 'xen/arch/x86/hvm/svm/vmcb.h';
const QEMU_TRANSLATE = 'target/i386/tcg/translate.c';

/** The exit qualification of an I/O-instruction VM exit, as KVM's handle_io and Xen's I/O exit handler read it. */
export const ioExitQualification: BitLayout = {
  id: 'vmx-io-exit-qualification',
  name: 'Exit qualification for I/O instructions',
  bits: 32,
  fields: [
    { key: 'size', name: 'size of access − 1', hi: 2, lo: 0, sources: [linux(VMX_C, 'handle_io(): "size = (exit_qualification & 7) + 1"')] },
    { key: 'in', name: 'direction (1 = IN)', hi: 3, lo: 3, sources: [linux(VMX_C, 'handle_io(): "in = (exit_qualification & 8) != 0"')] },
    { key: 'string', name: 'string instruction', hi: 4, lo: 4, sources: [linux(VMX_C, 'handle_io(): "string = (exit_qualification & 16) != 0"')] },
    { key: 'rep', name: 'REP prefix', hi: 5, lo: 5, sources: [xenX86Source(XEN_VMX, 'vmx_vmexit_handler(): io_qual "uint16_t size:3; bool in:1; bool str:1; bool rep:1; bool imm:1"')] },
    { key: 'imm', name: 'port from an immediate (0 = from DX)', hi: 6, lo: 6, sources: [xenX86Source(XEN_VMX, 'vmx_vmexit_handler(): io_qual "bool imm:1"')] },
    { key: 'rsvd', name: 'not used here', hi: 15, lo: 7, sources: [xenX86Source(XEN_VMX, 'vmx_vmexit_handler(): io_qual "uint16_t :9"')] },
    { key: 'port', name: 'port number', hi: 31, lo: 16, sources: [linux(VMX_C, 'handle_io(): "port = exit_qualification >> 16"')] },
  ],
  sources: [linux(VMX_C, 'handle_io()'), xenX86Source(XEN_VMX, 'vmx_vmexit_handler(): case EXIT_REASON_IO_INSTRUCTION, union io_qual')],
};

/**
 * EXITINFO1 of an SVM IOIO intercept, field by field as Linux's svm.h names
 * the bits, with the sizes as one-hot bits (Xen reads bits 6:4 as the byte
 * count; KVM writes `bytes << SVM_IOIO_SIZE_SHIFT`).
 */
export const ioioExitInfo1: BitLayout = {
  id: 'svm-ioio-exitinfo1',
  name: 'EXITINFO1 for IOIO',
  bits: 32,
  fields: [
    { key: 'type', name: 'TYPE (1 = IN)', hi: 0, lo: 0, sources: [linux(SVM_H, 'SVM_IOIO_TYPE_MASK 1'), linux(SVM_C, 'io_interception(): "in = (io_info & SVM_IOIO_TYPE_MASK) != 0"')] },
    { key: 'rsvd0', name: 'reserved', hi: 1, lo: 1, mustBe: 0n, sources: [xenX86Source(XEN_VMCB, 'ioio_info_t: "u64 type: 1; u64 rsv0: 1"')] },
    { key: 'str', name: 'STR (string instruction)', hi: 2, lo: 2, sources: [linux(SVM_H, 'SVM_IOIO_STR_SHIFT 2, SVM_IOIO_STR_MASK (1 << SVM_IOIO_STR_SHIFT)')] },
    { key: 'rep', name: 'REP prefix', hi: 3, lo: 3, sources: [linux(SVM_H, 'SVM_IOIO_REP_SHIFT 3, SVM_IOIO_REP_MASK (1 << SVM_IOIO_REP_SHIFT)')] },
    {
      key: 'size',
      name: 'operand size, one bit per size (1, 2, 4 bytes)',
      hi: 6,
      lo: 4,
      names: { '1': '8-bit', '2': '16-bit', '4': '32-bit' },
      sources: [
        linux(SVM_H, 'SVM_IOIO_SIZE_SHIFT 4, SVM_IOIO_SIZE_MASK (7 << SVM_IOIO_SIZE_SHIFT)'),
        linux(SVM_C, 'svm_check_intercept(): "exit_info |= bytes << SVM_IOIO_SIZE_SHIFT"'),
        xenX86Source(XEN_VMCB, 'vmcb ei.io: "uint16_t bytes:3"'),
      ],
    },
    {
      key: 'asize',
      name: 'address size, one bit per size (16, 32, 64-bit)',
      hi: 9,
      lo: 7,
      names: { '1': '16-bit', '2': '32-bit', '4': '64-bit' },
      sources: [
        linux(SVM_H, 'SVM_IOIO_ASIZE_SHIFT 7, SVM_IOIO_ASIZE_MASK (7 << SVM_IOIO_ASIZE_SHIFT)'),
        linux(SVM_C, 'svm_check_intercept(): "exit_info |= (u32)info->ad_bytes << (SVM_IOIO_ASIZE_SHIFT - 1)"'),
      ],
    },
    { key: 'seg', name: 'segment (string instructions)', hi: 12, lo: 10, sources: [xenX86Source(XEN_VMCB, 'vmcb ei.io: "uint16_t /* asz */:3; uint16_t seg:3"')] },
    { key: 'rsvd1', name: 'not named by the sources', hi: 15, lo: 13, sources: [xenX86Source(XEN_VMCB, 'vmcb ei.io: "uint16_t :3" before "uint16_t port"')] },
    { key: 'port', name: 'port number', hi: 31, lo: 16, sources: [linux(SVM_C, 'io_interception(): "port = io_info >> 16"')] },
  ],
  sources: [linux(SVM_H, 'SVM_IOIO_*'), linux(SVM_C, 'io_interception(), svm_check_intercept(): case SVM_EXIT_IOIO')],
};

/** One port-I/O instruction as the exit fields describe it. */
export interface PortIo {
  instruction: string;
  mnemonic: string;
  in: boolean;
  string: boolean;
  rep: boolean;
  /** Bytes per transfer. */
  bytes: 1 | 2 | 4;
  port: bigint;
  /** Bytes of the address the guest runs with (8 in 64-bit code without a 0x67 prefix). */
  addressBytes: 2 | 4 | 8;
  /** Where the guest's use of the instruction is written down. */
  guests: readonly Source[];
}

const bit = (b: boolean) => (b ? 1n : 0n);

export function vmxQualification(io: PortIo): bigint {
  return encodeFields(ioExitQualification, { size: BigInt(io.bytes - 1), in: bit(io.in), string: bit(io.string), rep: bit(io.rep), imm: 0n, port: io.port });
}

/** Computed with the address size as KVM's emulator fills it; see `asizeNote` for what is not confirmed. */
export function svmExitInfo1(io: PortIo): bigint {
  return encodeFields(ioioExitInfo1, {
    type: bit(io.in),
    str: bit(io.string),
    rep: bit(io.rep),
    size: BigInt(io.bytes),
    asize: BigInt(io.addressBytes / 2),
    seg: 0n,
    port: io.port,
  });
}

function describe(io: PortIo): string {
  return `size ${io.bytes} (bits 2:0 = ${io.bytes - 1}), ${io.in ? 'IN (bit 3)' : 'OUT (bit 3 clear)'}, ${io.string ? 'a string instruction (bit 4)' : 'not a string instruction (bit 4 clear)'}, ${io.rep ? 'REP (bit 5)' : 'no REP (bit 5 clear)'}, port ${formatHex(io.port, 4)} from DX (bits 31:16)`;
}

/** What is not confirmed about EXITINFO1's address-size and segment bits, for this instruction. */
function asizeNote(io: PortIo) {
  const withoutAsize = svmExitInfo1({ ...io, addressBytes: 2 }) & ~(1n << 7n);
  return {
    text:
      `EXITINFO1 bits 9:7 (address size) are unconfirmed: KVM, when its emulator stands in for an intercepted ${io.string ? 'INS/OUTS' : 'IN'}, writes the instruction’s address size there (64-bit here, bit 9), ` +
      `but QEMU’s SVM model sets only TYPE, STR, REP and the size, which would give ${formatHex(withoutAsize, 8)}; we did not read AMD’s manual for what the CPU writes${io.string ? '' : ' for an IN that has no memory operand'}. ` +
      `${io.string ? 'Bits 12:10, which Xen names seg, are shown as 0: neither KVM nor QEMU fills them, and what the CPU writes for a string instruction is likewise unconfirmed.' : ''}`,
    sources: [
      linux(SVM_C, 'svm_check_intercept(): "exit_info |= (u32)info->ad_bytes << (SVM_IOIO_ASIZE_SHIFT - 1)"'),
      {
        title: `QEMU ${QEMU_TRANSLATE}`,
        where: 'gen_check_io(): "svm_flags |= SVM_IOIO_REP_MASK" (with a REP prefix), "svm_flags |= 1 << (SVM_IOIO_SIZE_SHIFT + ot)"; callers pass SVM_IOIO_TYPE_MASK and SVM_IOIO_STR_MASK',
        url: `https://gitlab.com/qemu-project/qemu/-/blob/master/${QEMU_TRANSLATE}`,
      },
      xenX86Source(XEN_VMCB, 'vmcb ei.io: "uint16_t /* asz */:3; uint16_t seg:3"'),
    ],
  };
}

/** The exit for one port-I/O instruction under one host: Intel's I/O exit (30), and AMD's IOIO intercept (0x7B) as the alternative. */
export function portIoExit(io: PortIo, host: VmHost, extraNotes: readonly { text: string; sources: readonly Source[] }[] = []): ExceptionDef {
  const info1 = svmExitInfo1(io);
  const svm: ExceptionDef = {
    ...svmExitDef(io.instruction, io.mnemonic, host, [
      {
        register: 'VMCB control.exit_info_1',
        value: formatHex(info1, 8),
        word: { layout: ioioExitInfo1, value: info1 },
        why: `port ${formatHex(io.port, 4)} in bits 31:16, TYPE ${io.in ? '1 (IN)' : '0 (OUT)'}, STR ${bit(io.string)}, REP ${bit(io.rep)}, size bit for ${io.bytes} byte${io.bytes > 1 ? 's' : ''}, address size 64-bit (bit 9, unconfirmed)`,
        // Each field carries its own sources where the fields are shown.
        sources: ioioExitInfo1.sources,
      },
      {
        register: 'VMCB control.exit_info_2',
        value: 'the address after the instruction',
        why: 'so the VMM can step the guest past it',
        sources: [linux(SVM_C, 'io_interception(): "svm->next_rip = svm->vmcb->control.exit_info_2"')],
      },
    ]),
    syndromeFrom: 'SVM EXITCODE',
    syndromeWhy: 'EXITCODE in the VMCB: 0x07B, IOIO',
    notes: [...(host.notes ?? []), ...extraNotes, asizeNote(io)],
  };
  return {
    ...vmxExitDef(io.instruction, io.mnemonic, host, [
      {
        register: 'VMCS EXIT_QUALIFICATION',
        value: formatHex(vmxQualification(io), 8),
        word: { layout: ioExitQualification, value: vmxQualification(io) },
        why: describe(io),
        sources: ioExitQualification.sources,
      },
    ]),
    syndromeWhy: 'the basic exit reason in VM_EXIT_REASON: 30, I/O instruction',
    notes: [...(host.notes ?? []), ...extraNotes],
    alternative: { when: 'on AMD (SVM): #VMEXIT with EXITCODE 0x07B, IOIO', def: svm },
  };
}
