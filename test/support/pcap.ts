// Reads a classic pcap file (what `tcpdump -w` writes): the link type and each frame's bytes.
export interface PcapRecord {
  /** Bytes on the wire, before any snap length cut. */
  readonly originalLength: number;
  readonly data: Uint8Array;
}

export interface Pcap {
  readonly linkType: number;
  readonly records: readonly PcapRecord[];
}

export const LINKTYPE_ETHERNET = 1;
const MAGIC_MICROSECONDS = 0xa1b2c3d4;
const MAGIC_NANOSECONDS = 0xa1b23c4d;
const FILE_HEADER = 24;
const RECORD_HEADER = 16;

/** A file cut short while tcpdump is still writing yields the records complete so far. */
export function readPcap(bytes: Uint8Array): Pcap {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < FILE_HEADER) return { linkType: -1, records: [] };
  const magic = view.getUint32(0, true);
  const littleEndian = magic === MAGIC_MICROSECONDS || magic === MAGIC_NANOSECONDS;
  if (!littleEndian && view.getUint32(0, false) !== MAGIC_MICROSECONDS) {
    throw new Error(`not a pcap file (magic 0x${magic.toString(16)})`);
  }
  const records: PcapRecord[] = [];
  let at = FILE_HEADER;
  while (at + RECORD_HEADER <= bytes.length) {
    const included = view.getUint32(at + 8, littleEndian);
    const originalLength = view.getUint32(at + 12, littleEndian);
    const start = at + RECORD_HEADER;
    if (start + included > bytes.length) break;
    records.push({ originalLength, data: bytes.slice(start, start + included) });
    at = start + included;
  }
  return { linkType: view.getUint32(20, littleEndian), records };
}
