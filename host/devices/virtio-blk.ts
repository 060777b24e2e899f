// virtio block device on the virtio-mmio transport, version 2 ("modern",
// virtio 1.x section 4.2.2), one request queue. Offers VERSION_1, FLUSH,
// BLK_SIZE and, for a read-only disk, RO; never indirect descriptors or
// EVENT_IDX. Without a disk the transport is still there with device ID 0,
// which is how QEMU shows an empty virtio-mmio slot.
//
// Interrupt suppression: the device honours VIRTQ_AVAIL_F_NO_INTERRUPT (a
// SHOULD in section 2.7.7.2): no used-buffer interrupt while the driver has
// it set. Drivers that set it re-check the used ring when they clear it.
//
// Shared state: the transport registers and the queue indices live in
// VIRTIO_STATE (layout below). Register writes and whole notifications run
// under its SharedLock, so two harts notifying at once process the queue one
// after the other, each request exactly once. A notification is served
// synchronously in the thread of the hart that wrote QueueNotify: requests are
// read from guest RAM, the disk file is read or written (write-through), then
// the used ring is published and the PLIC line raised.
//
// Counters for the host's displays (the TUI's status bar): after the
// transport words, the number of read (T_IN) and write (T_OUT) requests
// served since power-on, each bumped with Atomics.add under the lock and read
// by any thread at any time with Atomics.load (diskCounters below). A guest's
// device reset leaves them alone.
import { DiskFile, MmioDevice, WriteResult } from './device.js';
import { GuestRam } from './guest-ram.js';
import { executeRequest, SECTOR, T_IN, T_OUT } from './blk-request.js';
import { Plic } from './plic.js';
import { SharedLock } from './shared-lock.js';
import { AVAIL_F_NO_INTERRUPT, QueueBroken, SplitQueue } from './virtqueue.js';
import { guest, wasm } from '../platform.js';

//  VIRTIO_STATE, in 32-bit words
const enum W {
  Lock = 0, Status, DeviceFeaturesSel, DriverFeaturesSel, DriverFeaturesLo, DriverFeaturesHi,
  QueueSel, QueueNum, QueueReady, DescLo, DescHi, DriverLo, DriverHi, DeviceLo, DeviceHi,
  InterruptStatus, LastAvail, UsedIdx, Count,
  Reads = Count, Writes, End,
}

export interface DiskCounters {
  reads: number;
  writes: number;
}

/** Requests served since power-on; any thread, any time. */
export function diskCounters(memory: WebAssembly.Memory): DiskCounters {
  const words = new Int32Array(memory.buffer, wasm.VIRTIO_STATE_BASE, W.End);
  return { reads: Atomics.load(words, W.Reads) >>> 0, writes: Atomics.load(words, W.Writes) >>> 0 };
}

// Transport registers, virtio 1.x section 4.2.2.
const enum R {
  Magic = 0x000, Version = 0x004, DeviceId = 0x008, VendorId = 0x00c,
  DeviceFeatures = 0x010, DeviceFeaturesSel = 0x014, DriverFeatures = 0x020, DriverFeaturesSel = 0x024,
  QueueSel = 0x030, QueueNumMax = 0x034, QueueNum = 0x038, QueueReady = 0x044, QueueNotify = 0x050,
  InterruptStatus = 0x060, InterruptAck = 0x064, Status = 0x070,
  QueueDescLow = 0x080, QueueDescHigh = 0x084, QueueDriverLow = 0x090, QueueDriverHigh = 0x094,
  QueueDeviceLow = 0x0a0, QueueDeviceHigh = 0x0a4, ConfigGeneration = 0x0fc, Config = 0x100,
}

const MAGIC = 0x74726976; // "virt"
const VENDOR = 0x554d4551; // "QEMU", as the device a driver expects here
const DEVICE_BLOCK = 2;
const QUEUE_NUM_MAX = 256;

const STATUS_DRIVER_OK = 4;
const STATUS_FEATURES_OK = 8;
const STATUS_NEEDS_RESET = 64;
const INT_USED_BUFFER = 1;
const INT_CONFIG_CHANGE = 2;

const F_RO = 1 << 5;
const F_BLK_SIZE = 1 << 6;
const F_FLUSH = 1 << 9;
const F_VERSION_1_HI = 1 << 0; // feature bit 32
// Config space (section 5.2.4): capacity u64 at 0, blk_size u32 at 20.
const CONFIG_BYTES = 24;

export class VirtioBlk implements MmioDevice {
  readonly base = guest.VIRTIO0_BASE;
  readonly size = guest.VIRTIO0_SIZE;
  private readonly words: Int32Array;
  private readonly w0 = wasm.VIRTIO_STATE_BASE >>> 2;
  private readonly lock: SharedLock;
  private readonly ram: GuestRam;
  private readonly config = new DataView(new ArrayBuffer(CONFIG_BYTES));
  private readonly features: [number, number];

  constructor(memory: WebAssembly.Memory, ramBytes: number, private readonly disk: DiskFile | null, private readonly plic: Plic) {
    this.words = new Int32Array(memory.buffer);
    this.lock = new SharedLock(this.words, this.w0 + W.Lock);
    this.ram = new GuestRam(memory, ramBytes);
    const sectors = disk ? Math.floor(disk.bytes / SECTOR) : 0;
    this.config.setUint32(0, sectors % 2 ** 32, true);
    this.config.setUint32(4, Math.floor(sectors / 2 ** 32), true);
    this.config.setUint32(20, SECTOR, true);
    this.features = [F_FLUSH | F_BLK_SIZE | (disk?.readonly ? F_RO : 0), F_VERSION_1_HI];
  }

  /** Power-on state; before any hart runs. */
  reset(): void {
    this.words.fill(0, this.w0, this.w0 + W.End);
    this.plic.lower(guest.VIRTIO0_IRQ);
  }

  private get(w: W): number { return Atomics.load(this.words, this.w0 + w); }
  private set(w: W, v: number): void { Atomics.store(this.words, this.w0 + w, v); }

  read(offset: number, size: number): number {
    if (offset >= R.Config) return this.readConfig(offset - R.Config, size);
    if (size !== 4) return 0;
    switch (offset) {
      case R.Magic: return MAGIC;
      case R.Version: return 2;
      case R.DeviceId: return this.disk ? DEVICE_BLOCK : 0;
      case R.VendorId: return VENDOR;
    }
    if (!this.disk) return 0;
    const queue0 = this.get(W.QueueSel) === 0;
    switch (offset) {
      case R.DeviceFeatures: return (this.features[this.get(W.DeviceFeaturesSel)] ?? 0) >>> 0;
      case R.QueueNumMax: return queue0 ? QUEUE_NUM_MAX : 0;
      case R.QueueNum: return queue0 ? this.get(W.QueueNum) : 0;
      case R.QueueReady: return queue0 ? this.get(W.QueueReady) : 0;
      case R.InterruptStatus: return this.get(W.InterruptStatus);
      case R.Status: return this.get(W.Status);
      case R.ConfigGeneration: return 0;
      default: return 0;
    }
  }

  private readConfig(at: number, size: number): number {
    if (!this.disk || at + size > CONFIG_BYTES) return 0;
    if (size === 1) return this.config.getUint8(at);
    if (size === 2) return this.config.getUint16(at, true);
    return this.config.getUint32(at, true);
  }

  write(offset: number, size: number, value: number): WriteResult {
    if (!this.disk || size !== 4 || offset >= R.Config) return WriteResult.Done; // config space is read-only
    const v = value >>> 0;
    this.lock.acquire();
    try {
      this.writeLocked(offset, v);
    } finally {
      this.lock.release();
    }
    return WriteResult.Done;
  }

  private writeLocked(offset: number, v: number): void {
    const queue0 = this.get(W.QueueSel) === 0;
    switch (offset) {
      case R.DeviceFeaturesSel: this.set(W.DeviceFeaturesSel, v); break;
      case R.DriverFeaturesSel: this.set(W.DriverFeaturesSel, v); break;
      case R.DriverFeatures: {
        const sel = this.get(W.DriverFeaturesSel);
        if (sel === 0) this.set(W.DriverFeaturesLo, v);
        if (sel === 1) this.set(W.DriverFeaturesHi, v);
        break;
      }
      case R.QueueSel: this.set(W.QueueSel, v); break;
      case R.QueueNum: if (queue0 && v <= QUEUE_NUM_MAX) this.set(W.QueueNum, v); break;
      case R.QueueReady: if (queue0) this.set(W.QueueReady, v & 1); break;
      case R.QueueDescLow: if (queue0) this.set(W.DescLo, v); break;
      case R.QueueDescHigh: if (queue0) this.set(W.DescHi, v); break;
      case R.QueueDriverLow: if (queue0) this.set(W.DriverLo, v); break;
      case R.QueueDriverHigh: if (queue0) this.set(W.DriverHi, v); break;
      case R.QueueDeviceLow: if (queue0) this.set(W.DeviceLo, v); break;
      case R.QueueDeviceHigh: if (queue0) this.set(W.DeviceHi, v); break;
      case R.QueueNotify: if (v === 0) this.serveQueue(); break;
      case R.InterruptAck: {
        const left = this.get(W.InterruptStatus) & ~v;
        this.set(W.InterruptStatus, left);
        // As QEMU's transport: the line follows InterruptStatus, and a cause
        // left unacknowledged is a new request.
        if (left === 0) this.plic.lower(guest.VIRTIO0_IRQ);
        else this.plic.raise(guest.VIRTIO0_IRQ);
        break;
      }
      case R.Status: this.writeStatus(v); break;
      default: break;
    }
  }

  private writeStatus(v: number): void {
    if (v === 0) { // section 4.2.3.1: writing 0 resets the device
      this.words.fill(0, this.w0 + W.Status, this.w0 + W.Count);
      this.plic.lower(guest.VIRTIO0_IRQ);
      return;
    }
    // FEATURES_OK sticks only if the driver asked for nothing we lack.
    // VERSION_1 is not demanded: xv6-style drivers set only the low word, and
    // QEMU's modern transport accepts them too.
    const extra = (this.get(W.DriverFeaturesLo) & ~this.features[0]) | (this.get(W.DriverFeaturesHi) & ~this.features[1]);
    if ((v & STATUS_FEATURES_OK) !== 0 && extra !== 0) v &= ~STATUS_FEATURES_OK;
    this.set(W.Status, v | (this.get(W.Status) & STATUS_NEEDS_RESET));
  }

  private interrupt(cause: number): void {
    this.set(W.InterruptStatus, this.get(W.InterruptStatus) | cause);
    this.plic.raise(guest.VIRTIO0_IRQ);
  }

  /** Serve every available request. Caller holds the lock. */
  private serveQueue(): void {
    const status = this.get(W.Status);
    if (!this.get(W.QueueReady) || (status & STATUS_DRIVER_OK) === 0 || (status & STATUS_NEEDS_RESET) !== 0) return;
    const num = this.get(W.QueueNum);
    const addr = (lo: W, hi: W) => (this.get(hi) >>> 0) * 2 ** 32 + (this.get(lo) >>> 0);
    const q = new SplitQueue(this.ram, num, addr(W.DescLo, W.DescHi), addr(W.DriverLo, W.DriverHi), addr(W.DeviceLo, W.DeviceHi));
    let done = 0;
    try {
      q.check();
      let next = this.get(W.LastAvail);
      let used = this.get(W.UsedIdx);
      for (let avail = q.availIdx(); next !== avail; avail = q.availIdx()) {
        if (((avail - next) & 0xffff) > num) throw new QueueBroken('available index ran ahead of the ring');
        while (next !== avail) {
          const head = q.head(next);
          const c = executeRequest(this.ram, this.disk!, q.chain(head));
          q.pushUsed(used, head, c.used);
          if (c.type === T_IN) Atomics.add(this.words, this.w0 + W.Reads, 1);
          if (c.type === T_OUT) Atomics.add(this.words, this.w0 + W.Writes, 1);
          next = (next + 1) & 0xffff;
          used = (used + 1) & 0xffff;
          this.set(W.LastAvail, next);
          this.set(W.UsedIdx, used);
          done++;
        }
      }
    } catch (e) {
      if (!(e instanceof QueueBroken)) throw e;
      // Section 2.1.2: the device can no longer trust the driver's queue.
      this.set(W.Status, this.get(W.Status) | STATUS_NEEDS_RESET);
      this.interrupt(INT_CONFIG_CHANGE);
    }
    if (done > 0 && (q.availFlags() & AVAIL_F_NO_INTERRUPT) === 0) this.interrupt(INT_USED_BUFFER);
  }
}
