// The pgroup telemetry device, ours alone (QEMU's tree has no such node, which
// is how the kernel knows it runs there): the kernel tells the host where its
// pgroup table lives in guest RAM by writing the table's guest physical
// address to TMR_TABLE_LO, then TMR_TABLE_HI. host/pgroups/telemetry-reader.ts
// reads the table from there at any time, under the table's own sequence
// counter; this device only carries the address.
//
// Shared state: CTL_TELEM_LO and CTL_TELEM_HI in CONTROL, written by the hart
// that programs the device, read by the main thread. A reader must never pair
// a new LO with an old HI, and the two words cannot be stored as one, so the
// LO word doubles as the "published" mark: 0 means no address, otherwise it
// holds the address's low word with bit 0 set (a table is 8-byte aligned, so
// bit 0 carries nothing). A write to TMR_TABLE_LO clears the mark at once and
// keeps the new low word in this object; the write to TMR_TABLE_HI stores HI
// first and then the marked LO. A reader loads LO, HI, then LO again and
// retries if LO changed, so it sees a whole old address, a whole new one, or
// none. The kernel writes both halves from one hart in one function, so the
// low word kept per thread is the one that HI completes.
import { MmioDevice, WriteResult } from './device.js';
import { control, guest, telemetry, wasm } from '../platform.js';

const PUBLISHED = 1;
const ALIGN = 8;

export class Telemetry implements MmioDevice {
  readonly base = guest.TELEM_BASE;
  readonly size = guest.TELEM_SIZE;
  private readonly words: Int32Array;
  private pendingLo = 0;

  constructor(memory: WebAssembly.Memory) {
    this.words = new Int32Array(memory.buffer);
  }

  read(offset: number, size: number): number {
    return offset === telemetry.TMR_MAGIC && size === 4 ? telemetry.TMR_MAGIC_VALUE : 0;
  }

  write(offset: number, size: number, value: number): WriteResult {
    if (size !== 4) return WriteResult.Done;
    if (offset === telemetry.TMR_TABLE_LO) {
      Atomics.store(this.words, loIndex(), 0);
      this.pendingLo = value >>> 0;
    } else if (offset === telemetry.TMR_TABLE_HI) {
      // A misaligned table stays unpublished: the reader could not name it.
      if (this.pendingLo % ALIGN !== 0) return WriteResult.Done;
      Atomics.store(this.words, loIndex(), 0);
      Atomics.store(this.words, hiIndex(), value | 0);
      Atomics.store(this.words, loIndex(), (this.pendingLo | PUBLISHED) | 0);
    }
    return WriteResult.Done;
  }
}

const loIndex = (): number => (wasm.CONTROL_BASE + control.CTL_TELEM_LO) >>> 2;
const hiIndex = (): number => (wasm.CONTROL_BASE + control.CTL_TELEM_HI) >>> 2;

/** Nothing published: power-on and machine reset. Main thread, harts stopped. */
export function resetTelemetry(memory: WebAssembly.Memory): void {
  const words = new Int32Array(memory.buffer);
  Atomics.store(words, loIndex(), 0);
  Atomics.store(words, hiIndex(), 0);
}

/** The published table address, or null; never half of an old and half of a
 *  new one (see the header). */
export function publishedTableAddress(words: Int32Array): number | null {
  // LO changes only while the kernel republishes; a few tries outlast that.
  for (let tries = 0; tries < 100; tries++) {
    const lo = Atomics.load(words, loIndex());
    if (lo === 0) return null;
    const hi = Atomics.load(words, hiIndex());
    if (Atomics.load(words, loIndex()) !== lo) continue;
    return (hi >>> 0) * 2 ** 32 + ((lo & ~PUBLISHED) >>> 0);
  }
  return null;
}
