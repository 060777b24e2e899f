// How a snapshot stores a big region (guest RAM, the disk): page by page,
// a page whose bytes are all one value as that value alone, a page that is
// one value but for its first HEAD_BYTES as those bytes and the value, the
// others whole; then deflate over the lot. The middle kind is most of a
// guest's RAM: the kernel fills a free page with 0x01 (kalloc.c's
// JUNK_FREED) and then links it into its free list through its first word,
// so a machine at the prompt has few pages deflate must read through.
//
//   u32 length | u32 page size | page kinds (u16 each) | heads and mixed pages, in page order
//
// A kind below 0x100 is the byte a uniform page is filled with; HEADED | b
// a page of b after its head; MIXED a page stored whole.
import { deflateRaw, inflateRawSync } from 'node:zlib';
import { promisify } from 'node:util';

export const PAGE = 4096;
const HEAD_BYTES = 8;
const HEADED = 0x100;
const MIXED = 0xffff;
const PREFIX = 8;
// Speed over size: what is left for deflate is little, and the snapshot is
// written while the guest runs on, so a slower level buys little and costs
// host CPU.
const LEVEL = 1;

const deflate = promisify(deflateRaw);

/** A page's kind; `words` views `bytes` from its offset 0, or is null when unaligned. */
function kindOf(bytes: Uint8Array, words: Int32Array | null, start: number, end: number): number {
  if (words && end - start === PAGE) {
    const first = start >> 2;
    const w = words[first + HEAD_BYTES / 4];
    const fill = w & 0xff;
    if (w !== ((fill * 0x01010101) | 0)) return MIXED;
    for (let i = first + HEAD_BYTES / 4 + 1, e = end >> 2; i < e; i++) if (words[i] !== w) return MIXED;
    for (let i = first; i < first + HEAD_BYTES / 4; i++) if (words[i] !== w) return HEADED | fill;
    return fill;
  }
  const fill = bytes[start];
  for (let i = start + 1; i < end; i++) if (bytes[i] !== fill) return MIXED;
  return fill;
}

const storedBytes = (kind: number, pageBytes: number) => (kind === MIXED ? pageBytes : kind >= HEADED ? HEAD_BYTES : 0);

/** The page table, heads and mixed pages of `bytes`, before compression. */
export function splitPages(bytes: Uint8Array): Uint8Array {
  const n = Math.ceil(bytes.length / PAGE);
  const aligned = bytes.byteOffset % 4 === 0;
  const words = aligned ? new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2) : null;
  const kinds = new Uint16Array(n);
  let data = 0;
  for (let p = 0; p < n; p++) {
    const start = p * PAGE;
    const end = Math.min(start + PAGE, bytes.length);
    kinds[p] = kindOf(bytes, words, start, end);
    data += storedBytes(kinds[p], end - start);
  }
  const out = new Uint8Array(PREFIX + 2 * n + data);
  const view = new DataView(out.buffer);
  view.setUint32(0, bytes.length, true);
  view.setUint32(4, PAGE, true);
  for (let p = 0; p < n; p++) view.setUint16(PREFIX + 2 * p, kinds[p], true);
  let at = PREFIX + 2 * n;
  for (let p = 0; p < n; p++) {
    const start = p * PAGE;
    const stored = storedBytes(kinds[p], Math.min(PAGE, bytes.length - start));
    out.set(bytes.subarray(start, start + stored), at);
    at += stored;
  }
  return out;
}

/** Writes what splitPages made back into `into` (its length is the region's);
 *  zero fills are skipped when `into` is known to be zero already. */
export function joinPages(split: Uint8Array, into: Uint8Array, intoIsZero = false): void {
  if (split.length < PREFIX) throw new RangeError('page table cut short');
  const view = new DataView(split.buffer, split.byteOffset, split.length);
  const length = view.getUint32(0, true);
  if (length !== into.length || view.getUint32(4, true) !== PAGE) throw new RangeError('page table of another size');
  const n = Math.ceil(length / PAGE);
  let at = PREFIX + 2 * n;
  for (let p = 0; p < n; p++) {
    const kind = view.getUint16(PREFIX + 2 * p, true);
    const start = p * PAGE;
    const end = Math.min(start + PAGE, length);
    if (kind !== MIXED && kind >= 2 * HEADED) throw new RangeError(`page ${p} of unknown kind ${kind}`);
    const fill = kind & 0xff;
    if (kind !== MIXED && (fill !== 0 || !intoIsZero)) into.fill(fill, start, end);
    const stored = storedBytes(kind, end - start);
    if (at + stored > split.length) throw new RangeError('pages cut short');
    into.set(split.subarray(at, at + stored), start);
    at += stored;
  }
}

/** Off the main thread's back: zlib runs in libuv's pool. */
export async function encodePages(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await deflate(splitPages(bytes), { level: LEVEL }));
}

export function decodePages(stored: Uint8Array, into: Uint8Array, intoIsZero = false): void {
  joinPages(new Uint8Array(inflateRawSync(stored)), into, intoIsZero);
}
