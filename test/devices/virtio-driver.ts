// A minimal virtio-blk driver for tests: lays out one split virtqueue and its
// buffers in guest RAM by hand and talks to a VirtioBlk through its registers.
import { VirtioBlk } from '../../host/devices/virtio-blk.js';
import { guest } from '../../host/platform.js';
import { ramAddr } from './shared-memory.js';

export const QUEUE_SIZE = 16;
export const DESC = guest.RAM_BASE + 0x1000;
export const AVAIL = guest.RAM_BASE + 0x2000;
const USED = guest.RAM_BASE + 0x3000;
export const BUFFERS = guest.RAM_BASE + 0x10000;

const NEXT = 1;
export const WRITE = 2;

export interface Desc { addr: number; len: number; flags: number }

export class TestDriver {
  readonly view: DataView;
  readonly bytes: Uint8Array;
  private availIdx = 0;

  constructor(memory: WebAssembly.Memory, readonly dev: VirtioBlk) {
    this.view = new DataView(memory.buffer);
    this.bytes = new Uint8Array(memory.buffer);
  }

  reg(offset: number): number { return this.dev.read(offset, 4); }
  setReg(offset: number, value: number): void { this.dev.write(offset, 4, value); }

  /** Status handshake and queue set-up (virtio 1.x section 3.1.1). */
  init(driverFeaturesLo = 0, driverFeaturesHi = 1): number {
    this.setReg(0x70, 0);
    this.setReg(0x70, 1 | 2);
    this.setReg(0x24, 0); this.setReg(0x20, driverFeaturesLo);
    this.setReg(0x24, 1); this.setReg(0x20, driverFeaturesHi);
    this.setReg(0x70, 1 | 2 | 8);
    const status = this.reg(0x70);
    this.setReg(0x30, 0);
    this.setReg(0x38, QUEUE_SIZE);
    this.setReg(0x80, DESC); this.setReg(0x84, 0);
    this.setReg(0x90, AVAIL); this.setReg(0x94, 0);
    this.setReg(0xa0, USED); this.setReg(0xa4, 0);
    this.setReg(0x44, 1);
    this.setReg(0x70, status | 4);
    this.availIdx = 0;
    return status;
  }

  u8(paddr: number): number { return this.bytes[ramAddr(paddr)]; }
  put(paddr: number, data: Uint8Array): void { this.bytes.set(data, ramAddr(paddr)); }
  get(paddr: number, len: number): Uint8Array { return this.bytes.slice(ramAddr(paddr), ramAddr(paddr) + len); }

  /** A 16-byte request header in RAM. */
  header(paddr: number, type: number, sector: number): void {
    const a = ramAddr(paddr);
    this.view.setUint32(a, type, true);
    this.view.setUint32(a + 4, 0, true);
    this.view.setBigUint64(a + 8, BigInt(sector), true);
  }

  setAvailFlags(flags: number): void { this.view.setUint16(ramAddr(AVAIL), flags, true); }

  /** Put a chain in descriptors 0.., make it available, notify. */
  submit(chain: Desc[]): void {
    chain.forEach((d, i) => {
      const a = ramAddr(DESC + 16 * i);
      this.view.setBigUint64(a, BigInt(d.addr), true);
      this.view.setUint32(a + 8, d.len, true);
      this.view.setUint16(a + 12, d.flags | (i < chain.length - 1 ? NEXT : 0), true);
      this.view.setUint16(a + 14, i + 1, true);
    });
    this.view.setUint16(ramAddr(AVAIL + 4 + 2 * (this.availIdx % QUEUE_SIZE)), 0, true);
    this.availIdx = (this.availIdx + 1) & 0xffff;
    this.view.setUint16(ramAddr(AVAIL + 2), this.availIdx, true);
    this.setReg(0x50, 0);
  }

  usedIdx(): number { return this.view.getUint16(ramAddr(USED + 2), true); }
  usedElem(i: number): { id: number; len: number } {
    const a = ramAddr(USED + 4 + 8 * (i % QUEUE_SIZE));
    return { id: this.view.getUint32(a, true), len: this.view.getUint32(a + 4, true) };
  }
}
