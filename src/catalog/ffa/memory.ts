import { structOffsets, type MemoryArg, type MemoryField, type StructMember } from '../../model/memory';
import type { Source } from '../../model/source';
import { driver, header, headerBefore618 } from './sources';

/**
 * What FF-A calls pass in memory rather than registers, laid out from the
 * structs of include/linux/arm_ffa.h (offsets computed from their members):
 * the memory transaction descriptor FFA_MEM_SHARE and FFA_MEM_LEND read from
 * the TX buffer, the partition descriptors FFA_PARTITION_INFO_GET writes into
 * the RX buffer, and the two buffers FFA_RXTX_MAP registers. Addresses and
 * values are the examples of the FFA_RXTX_MAP call.
 */

const u8 = (name: string): StructMember => ({ name, size: 1 });
const u16 = (name: string): StructMember => ({ name, size: 2 });
const u32 = (name: string, count = 1): StructMember => ({ name, size: 4, count });
const u64 = (name: string): StructMember => ({ name, size: 8 });

export const MEM_REGION = [
  u16('sender_id'),
  u16('attributes'),
  u32('flags'),
  u64('handle'),
  u64('tag'),
  u32('ep_mem_size'),
  u32('ep_count'),
  u32('ep_mem_offset'),
  u32('reserved', 3),
];
export const MEM_REGION_ATTRIBUTES = [u16('receiver'), u8('attrs'), u8('flag'), u32('composite_off'), u64('reserved')];
export const COMPOSITE_MEM_REGION = [u32('total_pg_cnt'), u32('addr_range_cnt'), u64('reserved')];
export const MEM_REGION_ADDR_RANGE = [u64('address'), u32('pg_cnt'), u32('reserved')];
/** struct ffa_partition_info: uuid_t is 16 bytes (four 32-bit words as FFA_PARTITION_INFO_GET takes them). */
export const PARTITION_INFO = [u16('id'), u16('exec_ctxt'), u32('properties'), u32('uuid', 4)];

const layout = (members: readonly StructMember[]) => structOffsets(members, false);
export const sizes = {
  memRegion: layout(MEM_REGION).size,
  attributes: layout(MEM_REGION_ATTRIBUTES).size,
  composite: layout(COMPOSITE_MEM_REGION).size,
  range: layout(MEM_REGION_ADDR_RANGE).size,
  partitionInfo: layout(PARTITION_INFO).size,
};

/** The example transaction: one receiver, one range, in the FF-A v1.1 layout (endpoint descriptors right after struct ffa_mem_region). */
const AT = {
  attributes: sizes.memRegion,
  composite: sizes.memRegion + sizes.attributes,
  range: sizes.memRegion + sizes.attributes + sizes.composite,
};
export const EXAMPLE_DESCRIPTOR_LENGTH = AT.range + sizes.range;

/** The example buffers FFA_RXTX_MAP registers (its x1 and x2), one 4 KiB page each. */
export const TX_BUFFER = 0x8a000000n;
export const RX_BUFFER = 0x8a001000n;
const FFA_PAGE_SIZE = 4096;

/** A field of one struct placed at `base` within the buffer, sized and offset as the struct declares it. */
function member(members: readonly StructMember[], base: number, name: string, prefix: string, f: Omit<MemoryField, 'name' | 'offset' | 'bytes'>): MemoryField {
  const m = members.find((x) => x.name === name)!;
  return { name: `${prefix}${name}`, offset: base + layout(members).offsets[name]!, bytes: m.size * (m.count ?? 1), ...f };
}

const transmit = driver(
  'ffa_setup_and_transmit: mem_region = buffer; ep_mem_access = buffer + ffa_mem_desc_offset(…); composite = buffer + composite_offset; constituents',
);
const struct = (name: string): Source => header(`struct ${name}`);
/** Before 6.18 (impdef_val) the endpoint memory access descriptor is the 16 bytes the layout shows. */
const emad = headerBefore618('struct ffa_mem_region_attributes');
const inField = (meaning: string, example: bigint, sources: readonly Source[]) => ({ direction: 'in' as const, meaning, example, sources });

/** FFA_MEM_NORMAL | FFA_MEM_WRITE_BACK | FFA_MEM_INNER_SHAREABLE, from the macros in struct ffa_mem_region. */
const NORMAL_WB_INNER = 0x20n | (3n << 2n) | 3n;

export const memTransactionDescriptor: MemoryArg = {
  name: 'memory transaction descriptor',
  buffer: 'TX buffer (FFA_RXTX_MAP)',
  address: TX_BUFFER,
  size: EXAMPLE_DESCRIPTOR_LENGTH,
  direction: 'in',
  fields: [
    member(MEM_REGION, 0, 'sender_id', '', inField('the sending endpoint’s ID (an example)', 0x1n, [struct('ffa_mem_region'), transmit])),
    member(
      MEM_REGION,
      0,
      'attributes',
      '',
      inField('memory region attributes: FFA_MEM_NORMAL | FFA_MEM_WRITE_BACK | FFA_MEM_INNER_SHAREABLE (an example)', NORMAL_WB_INNER, [
        header('FFA_MEM_NORMAL BIT(5), FFA_MEM_WRITE_BACK (3 << 2), FFA_MEM_INNER_SHAREABLE (3)'),
      ]),
    ),
    member(
      MEM_REGION,
      0,
      'flags',
      '',
      inField('transaction flags (FFA_MEM_CLEAR, FFA_TIME_SLICE_ENABLE, …); 0 in this example', 0n, [
        header('FFA_MEM_CLEAR BIT(0), FFA_TIME_SLICE_ENABLE BIT(1)'),
      ]),
    ),
    member(MEM_REGION, 0, 'handle', '', inField('the transaction handle; 0 in this example', 0n, [struct('ffa_mem_region')])),
    member(MEM_REGION, 0, 'tag', '', inField('an implementation-defined value for the receiver; 0 in this example', 0n, [struct('ffa_mem_region')])),
    member(
      MEM_REGION,
      0,
      'ep_mem_size',
      '',
      inField('size of each endpoint memory access descriptor (v1.1; MBZ before)', BigInt(sizes.attributes), [struct('ffa_mem_region: u32 ep_mem_size')]),
    ),
    member(MEM_REGION, 0, 'ep_count', '', inField('number of receivers', 1n, [struct('ffa_mem_region: u32 ep_count')])),
    member(
      MEM_REGION,
      0,
      'ep_mem_offset',
      '',
      inField('offset of the first endpoint descriptor: right after struct ffa_mem_region in the v1.1 layout', BigInt(AT.attributes), [
        headerBefore618('ffa_mem_desc_offset(): v1.1 and later: count * sizeof(struct ffa_mem_region_attributes) + sizeof(struct ffa_mem_region)'),
      ]),
    ),
    member(
      MEM_REGION_ATTRIBUTES,
      AT.attributes,
      'receiver',
      'ep[0].',
      inField('the receiver’s endpoint ID (bit 15 set: a secure partition; an example)', 0x8001n, [emad]),
    ),
    member(MEM_REGION_ATTRIBUTES, AT.attributes, 'attrs', 'ep[0].', inField('its access permissions: FFA_MEM_RW', 0x2n, [header('FFA_MEM_RW BIT(1)')])),
    member(
      MEM_REGION_ATTRIBUTES,
      AT.attributes,
      'composite_off',
      'ep[0].',
      inField('offset from the start of the descriptor to the composite region', BigInt(AT.composite), [
        struct('ffa_mem_region_attributes: u32 composite_off'),
      ]),
    ),
    member(COMPOSITE_MEM_REGION, AT.composite, 'total_pg_cnt', 'composite.', inField('total 4 KiB pages shared', 1n, [struct('ffa_composite_mem_region')])),
    member(COMPOSITE_MEM_REGION, AT.composite, 'addr_range_cnt', 'composite.', inField('number of address ranges', 1n, [struct('ffa_composite_mem_region')])),
    member(
      MEM_REGION_ADDR_RANGE,
      AT.range,
      'address',
      'range[0].',
      inField('base address of the range, 4 KiB aligned (an example)', 0x8b000000n, [struct('ffa_mem_region_addr_range')]),
    ),
    member(MEM_REGION_ADDR_RANGE, AT.range, 'pg_cnt', 'range[0].', inField('its length in 4 KiB pages', 1n, [struct('ffa_mem_region_addr_range')])),
  ],
  sources: [transmit, struct('ffa_mem_region'), emad, struct('ffa_composite_mem_region'), struct('ffa_mem_region_addr_range')],
};

const infoSources = [
  struct('ffa_partition_info'),
  driver(
    '__ffa_partition_info_get: for (idx = 0; idx < count; idx++) { rx_buf = drv_info->rx_buffer + idx * sz; buf->id = le16_to_cpu(rx_buf->id); … if (buf_sz > 8) import_uuid(&buf->uuid, …) }; ffa_rx_release()',
  ),
];
const outField = (meaning: string, result: bigint, resultMeaning: string) => ({
  direction: 'out' as const,
  meaning,
  result,
  resultMeaning,
  sources: infoSources,
});
const descriptor = (n: number, id: bigint): MemoryField[] => {
  const base = n * sizes.partitionInfo;
  return [
    member(PARTITION_INFO, base, 'id', `[${n}].`, outField('the partition’s endpoint ID (an example)', id, 'an example ID')),
    member(PARTITION_INFO, base, 'exec_ctxt', `[${n}].`, outField('its number of execution contexts (an example)', 1n, 'an example')),
    member(PARTITION_INFO, base, 'properties', `[${n}].`, {
      ...outField('FFA_PARTITION_DIRECT_RECV | _DIRECT_SEND | _AARCH64_EXEC (an example)', 0x103n, 'an example'),
      sources: [...infoSources, header('FFA_PARTITION_DIRECT_RECV BIT(0), FFA_PARTITION_DIRECT_SEND BIT(1), FFA_PARTITION_AARCH64_EXEC BIT(8)')],
    }),
    member(PARTITION_INFO, base, 'uuid', `[${n}].`, outField('its UUID (0 in this example)', 0n, 'an example')),
  ];
};

export const partitionDescriptors: MemoryArg = {
  name: 'partition information descriptors',
  buffer: 'RX buffer (FFA_RXTX_MAP)',
  address: RX_BUFFER,
  size: 2 * sizes.partitionInfo,
  direction: 'out',
  fields: [...descriptor(0, 0x8001n), ...descriptor(1, 0x8002n)],
  sources: infoSources,
};

const mapped = driver('ffa_rxtx_map: .a1 = tx_buf, .a2 = rx_buf, .a3 = pg_cnt');
export const rxtxBuffers = (w: 32 | 64): MemoryArg[] => [
  {
    name: 'TX buffer',
    where: { register: `${w === 64 ? 'x' : 'w'}1` },
    size: FFA_PAGE_SIZE,
    direction: 'in',
    fields: [],
    sources: [mapped, header('FFA_PAGE_SIZE SZ_4K')],
  },
  {
    name: 'RX buffer',
    where: { register: `${w === 64 ? 'x' : 'w'}2` },
    size: FFA_PAGE_SIZE,
    direction: 'out',
    fields: [],
    sources: [mapped, header('FFA_PAGE_SIZE SZ_4K')],
  },
];
