// How a snapshot stores a big region (guest RAM, the disk): page by page, a
// page whose bytes are all one value as that value alone, the others whole,
// then deflate over the lot. Zero pages are not the only uniform ones: the
// kernel fills every free page with 0x01 (kalloc.c's JUNK_FREED), so a guest
// at the prompt is mostly pages deflate would otherwise have to read through.
//
//   u32 length | u32 page size | page kinds (u16 each) | the mixed pages
//
// A kind below 256 is the value a uniform page is filled with; MIXED means
// the page comes whole, in order, after the table.
import { deflateRaw, inflateRawSync, constants } from 'node:zlib';
import { promisify } from 'node:util';

export const PAGE = 4096;
const MIXED = 0x100;
const HEAD = 8;
// Speed over size: the mixed pages are few, and the snapshot is written while
// the guest runs on, so a slower level buys little and costs host CPU.
const LEVEL = 1;

const deflate = promisify(deflateRaw);

/** The byte a page is filled with, or MIXED. `words` views `bytes` from offset 0. */
function kindOf(bytes: Uint8Array, words: Int32Array | null, start: number, end: number): number {
  const first = bytes[start];
  if (words && end - start === PAGE) {
    const w = words[start >> 2];
    if (w !== ((first * 0x01010101) | 0)) return MIXED;
    for (let i = (start >> 2) + 1, e = end >> 2; i < e; i++) if (words[i] !== w) return MIXED;
    return first;
  }
  for (let i = start + 1; i < end; i++) if (bytes[i] !== first) return MIXED;
  return first;
}

/** The page table and mixed pages of `bytes`, before compression. */
export function splitPages(bytes: Uint8Array): Uint8Array {
  const n = Math.ceil(bytes.length / PAGE);
  const aligned = bytes.byteOffset % 4 === 0 && bytes.length >= 4;
  const words = aligned ? new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2) : null;
  const kinds = new Uint16Array(n);
  let mixed = 0;
  for (let p = 0; p < n; p++) {
    const start = p * PAGE;
    kinds[p] = kindOf(bytes, words, start, Math.min(start + PAGE, bytes.length));
    if (kinds[p] === MIXED) mixed++;
  }
  const out = new Uint8Array(HEAD + 2 * n + mixed * PAGE);
  const view = new DataView(out.buffer);
  view.setUint32(0, bytes.length, true);
  view.setUint32(4, PAGE, true);
  let at = HEAD;
  for (let p = 0; p < n; p++, at += 2) view.setUint16(at, kinds[p], true);
  for (let p = 0; p < n; p++) {
    if (kinds[p] !== MIXED) continue;
    const page = bytes.subarray(p * PAGE, Math.min((p + 1) * PAGE, bytes.length));
    out.set(page, at);
    at += PAGE;
  }
  return out.subarray(0, at);
}

/** Writes what splitPages made back into `into` (its length is the region's);
 *  pages of zeros are skipped when `into` is known to be zero already. */
export function joinPages(split: Uint8Array, into: Uint8Array, intoIsZero = false): void {
  if (split.length < HEAD) throw new RangeError('page table cut short');
  const view = new DataView(split.buffer, split.byteOffset, split.length);
  const length = view.getUint32(0, true);
  if (length !== into.length || view.getUint32(4, true) !== PAGE) throw new RangeError('page table of another size');
  const n = Math.ceil(length / PAGE);
  let at = HEAD + 2 * n;
  for (let p = 0; p < n; p++) {
    const kind = view.getUint16(HEAD + 2 * p, true);
    const start = p * PAGE;
    const end = Math.min(start + PAGE, length);
    if (kind === MIXED) {
      if (at + (end - start) > split.length) throw new RangeError('mixed pages cut short');
      into.set(split.subarray(at, at + (end - start)), start);
      at += PAGE;
    } else if (kind < 0x100) {
      if (kind !== 0 || !intoIsZero) into.fill(kind, start, end);
    } else {
      throw new RangeError(`page ${p} of unknown kind ${kind}`);
    }
  }
}

/** Off the main thread's back: zlib runs in libuv's pool. */
export async function encodePages(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await deflate(splitPages(bytes), { level: LEVEL, strategy: constants.Z_DEFAULT_STRATEGY }));
}

export function decodePages(stored: Uint8Array, into: Uint8Array, intoIsZero = false): void {
  joinPages(new Uint8Array(inflateRawSync(stored)), into, intoIsZero);
}
