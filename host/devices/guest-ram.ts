// Guest RAM as devices see it for DMA: bounds checks on guest physical
// addresses, typed views of the shared memory, and the PAGEGEN bump that tells
// every hart's decoded-instruction cache that a page changed under it.
//
// Shared state: guest RAM and PAGEGEN in the one WebAssembly.Memory. DMA
// writes are plain stores; the PAGEGEN words are changed with Atomics.add
// after the data is written (docs/ARCHITECTURE.md, PAGEGEN), and a device
// publishes completion with an atomic store afterwards, so a hart that sees the
// completion also sees the data and the new generation.
import { guest, wasm } from '../platform.js';

const PAGE_SHIFT = 12;

export class GuestRam {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  private readonly words: Int32Array;
  private readonly u16: Uint16Array;

  constructor(memory: WebAssembly.Memory, readonly ramBytes: number) {
    this.bytes = new Uint8Array(memory.buffer);
    this.view = new DataView(memory.buffer);
    this.words = new Int32Array(memory.buffer);
    this.u16 = new Uint16Array(memory.buffer);
  }

  /** Whether [paddr, paddr + len) lies inside RAM. paddr may be any Number
   *  built from two 32-bit halves; len may be 0. */
  contains(paddr: number, len: number): boolean {
    return paddr >= guest.RAM_BASE && len >= 0 && paddr + len <= guest.RAM_BASE + this.ramBytes;
  }

  /** Wasm byte address of guest physical `paddr` (caller checked contains). */
  at(paddr: number): number {
    return wasm.GUEST_RAM_BASE + (paddr - guest.RAM_BASE);
  }

  u16Load(paddr: number): number {
    const a = this.at(paddr);
    return (a & 1) === 0 ? Atomics.load(this.u16, a >>> 1) : this.view.getUint16(a, true);
  }

  /** An atomic (ordered) store when aligned: the release that publishes a
   *  used-ring index after the entries it covers. */
  u16Store(paddr: number, value: number): void {
    const a = this.at(paddr);
    if ((a & 1) === 0) Atomics.store(this.u16, a >>> 1, value);
    else this.view.setUint16(a, value, true);
  }

  u32Load(paddr: number): number { return this.view.getUint32(this.at(paddr), true); }
  u32Store(paddr: number, value: number): void { this.view.setUint32(this.at(paddr), value, true); }

  /** A little-endian u64 as a Number (exact below 2^53; anything larger is
   *  outside RAM anyway and fails the bounds check). */
  u64Load(paddr: number): number {
    const a = this.at(paddr);
    return this.view.getUint32(a + 4, true) * 2 ** 32 + this.view.getUint32(a, true);
  }

  /** Count a write by someone other than the core into [paddr, paddr + len). */
  markWritten(paddr: number, len: number): void {
    if (len <= 0) return;
    const first = (paddr - guest.RAM_BASE) >>> PAGE_SHIFT;
    const last = (paddr + len - 1 - guest.RAM_BASE) >>> PAGE_SHIFT;
    const base = wasm.PAGEGEN_BASE >>> 2;
    for (let page = first; page <= last; page++) Atomics.add(this.words, base + page, 1);
  }
}
