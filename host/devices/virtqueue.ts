// A split virtqueue (virtio 1.x, section 2.7) read and written in guest RAM:
// descriptor table, available ring (driver -> device), used ring
// (device -> driver).
//
// Shared state: the rings are guest RAM; this object is a short-lived view
// made by whichever thread processes a notification, while it holds the
// device's lock, so one thread at a time consumes the available ring. The
// device's own indices (next available entry, next used index) live in the
// device's shared state block, not here.
import { GuestRam } from './guest-ram.js';

const DESC_SIZE = 16;
export const DESC_F_NEXT = 1;
export const DESC_F_WRITE = 2;
export const DESC_F_INDIRECT = 4;
export const AVAIL_F_NO_INTERRUPT = 1;

/** One buffer of a request: guest physical range and direction. */
export interface Segment {
  paddr: number;
  len: number;
  /** Device-writable (the driver set VIRTQ_DESC_F_WRITE). */
  writable: boolean;
  /** Whole range inside guest RAM. */
  inRam: boolean;
}

/** Something about the queue itself is wrong: only a device reset helps. */
export class QueueBroken extends Error {}

export class SplitQueue {
  constructor(
    private readonly ram: GuestRam,
    readonly size: number,
    private readonly desc: number,
    private readonly avail: number,
    private readonly used: number,
  ) {}

  /** The three areas are inside RAM and aligned as section 2.7 requires. */
  check(): void {
    const n = this.size;
    if (n === 0) throw new QueueBroken('queue size 0');
    if (!this.ram.contains(this.desc, DESC_SIZE * n) || this.desc % 16 !== 0) throw new QueueBroken('descriptor table');
    if (!this.ram.contains(this.avail, 6 + 2 * n) || this.avail % 2 !== 0) throw new QueueBroken('available ring');
    if (!this.ram.contains(this.used, 6 + 8 * n) || this.used % 4 !== 0) throw new QueueBroken('used ring');
  }

  availIdx(): number { return this.ram.u16Load(this.avail + 2); }
  availFlags(): number { return this.ram.u16Load(this.avail); }

  /** The head descriptor index in available-ring slot `i` (free-running). */
  head(i: number): number {
    return this.ram.u16Load(this.avail + 4 + 2 * (i % this.size));
  }

  /** Follow a descriptor chain from `head`. A chain that leaves the table,
   *  loops, or uses indirect descriptors (never offered) breaks the queue. */
  chain(head: number): Segment[] {
    const out: Segment[] = [];
    let i = head;
    for (;;) {
      if (i >= this.size) throw new QueueBroken(`descriptor ${i} outside a table of ${this.size}`);
      if (out.length >= this.size) throw new QueueBroken('descriptor chain loops');
      const d = this.desc + DESC_SIZE * i;
      const paddr = this.ram.u64Load(d);
      const len = this.ram.u32Load(d + 8);
      const flags = this.ram.u16Load(d + 12);
      if ((flags & DESC_F_INDIRECT) !== 0) throw new QueueBroken('indirect descriptor');
      out.push({ paddr, len, writable: (flags & DESC_F_WRITE) !== 0, inRam: this.ram.contains(paddr, len) });
      if ((flags & DESC_F_NEXT) === 0) return out;
      i = this.ram.u16Load(d + 14);
    }
  }

  /** Write used-ring entry number `usedIdx` and then publish usedIdx + 1. */
  pushUsed(usedIdx: number, id: number, len: number): void {
    const slot = this.used + 4 + 8 * (usedIdx % this.size);
    this.ram.u32Store(slot, id);
    this.ram.u32Store(slot + 4, len);
    this.ram.markWritten(slot, 8);
    this.ram.u16Store(this.used + 2, (usedIdx + 1) & 0xffff);
    this.ram.markWritten(this.used + 2, 2);
  }
}
