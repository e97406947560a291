import { structOffsets, type StructMember } from '../../model/memory';

/**
 * struct ghcb_save_area and struct ghcb as arch/x86/include/asm/svm.h
 * declares them (both __packed), member by member, reserved arrays included:
 * every offset the app shows is computed from these and tested against the
 * header's own BUILD_BUG_RESERVED_OFFSET and size literals.
 */
const u8 = (name: string, count = 1): StructMember => ({ name, size: 1, count });
const u16 = (name: string): StructMember => ({ name, size: 2 });
const u32 = (name: string): StructMember => ({ name, size: 4 });
const u64 = (name: string): StructMember => ({ name, size: 8 });

export const GHCB_SAVE_AREA: readonly StructMember[] = [
  u8('reserved_0x0', 203),
  u8('cpl'),
  u8('reserved_0xcc', 116),
  u64('xss'),
  u8('reserved_0x148', 24),
  u64('dr7'),
  u8('reserved_0x168', 16),
  u64('rip'),
  u8('reserved_0x180', 88),
  u64('rsp'),
  u8('reserved_0x1e0', 24),
  u64('rax'),
  u8('reserved_0x200', 264),
  u64('rcx'),
  u64('rdx'),
  u64('rbx'),
  u8('reserved_0x320', 8),
  ...['rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'].map(u64),
  u8('reserved_0x380', 16),
  u64('sw_exit_code'),
  u64('sw_exit_info_1'),
  u64('sw_exit_info_2'),
  u64('sw_scratch'),
  u8('reserved_0x3b0', 56),
  u64('xcr0'),
  u8('valid_bitmap', 16),
  u64('x87_state_gpa'),
];

const saveArea = structOffsets(GHCB_SAVE_AREA, true);

/** GHCB_SHARED_BUF_SIZE. */
export const GHCB_SHARED_BUF_SIZE = 2032;

export const GHCB: readonly StructMember[] = [
  u8('save', saveArea.size),
  u8('reserved_save', 2048 - saveArea.size),
  u8('shared_buffer', GHCB_SHARED_BUF_SIZE),
  u8('reserved_0xff0', 10),
  u16('protocol_version'),
  u32('ghcb_usage'),
];

const page = structOffsets(GHCB, true);

/** Offset of a field in the GHCB page: a save-area member ("rax") or a member of struct ghcb itself ("shared_buffer"). */
export function ghcbOffset(name: string): number {
  const inSave = saveArea.offsets[name];
  if (inSave !== undefined) return page.offsets.save! + inSave;
  const own = page.offsets[name];
  if (own === undefined) throw new Error(`struct ghcb has no member ${name}`);
  return own;
}

export const GHCB_SAVE_AREA_SIZE = saveArea.size;
export const GHCB_SIZE = page.size;

/** Whether a name is a member of struct ghcb_save_area (set through ghcb_set_<name>(), one valid_bitmap bit each). */
export function inSaveArea(name: string): boolean {
  return saveArea.offsets[name] !== undefined;
}

/**
 * GHCB_BITMAP_IDX(field): the save-area member's offset divided by
 * sizeof(u64), in C's integer division, so that cpl (a u8 at 0xcb) shares
 * bit 25 with the reserved bytes before it.
 */
export function bitmapIndex(field: string): number {
  const at = saveArea.offsets[field];
  if (at === undefined) throw new Error(`struct ghcb_save_area has no member ${field}`);
  return Math.floor(at / 8);
}

/** valid_bitmap (16 bytes, read as one little-endian 128-bit value) after ghcb_set_<field>() for each field. */
export function validBitmap(fields: readonly string[]): bigint {
  return fields.reduce((bits, f) => bits | (1n << BigInt(bitmapIndex(f))), 0n);
}
