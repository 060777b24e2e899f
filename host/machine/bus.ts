// The MMIO bus of one hart's thread: routes the core's mmioRead/mmioWrite
// imports to the device whose window holds the address. An address with no
// device is an access fault: the core learns it from HS_MMIO_STATUS (and, for
// writes, from the return value) and raises the trap in the guest.
import type { MmioDevice } from '../devices/device.js';
import { WriteResult } from '../devices/device.js';

export class MmioBus {
  private readonly devices: MmioDevice[];
  /** Most accesses in a row go to the same device (a UART poll loop, a virtio queue). */
  private last: MmioDevice | null = null;

  /** statusIndex: i32 index of this hart's HS_MMIO_STATUS word. */
  constructor(devices: MmioDevice[], private readonly i32: Int32Array, private readonly statusIndex: number) {
    this.devices = [...devices].sort((a, b) => a.base - b.base);
    for (let i = 1; i < this.devices.length; i++) {
      const prev = this.devices[i - 1];
      if (prev.base + prev.size > this.devices[i].base) {
        throw new Error(`MMIO windows overlap at 0x${this.devices[i].base.toString(16)}`);
      }
    }
  }

  find(paddr: number): MmioDevice | null {
    const last = this.last;
    if (last !== null && paddr - last.base >= 0 && paddr - last.base < last.size) return last;
    for (const d of this.devices) {
      if (paddr >= d.base && paddr < d.base + d.size) return (this.last = d);
    }
    return null;
  }

  read(paddr: number, size: number): number {
    paddr >>>= 0;
    const d = this.find(paddr);
    if (d === null) {
      this.i32[this.statusIndex] = 1;
      return 0;
    }
    return d.read(paddr - d.base, size) >>> 0;
  }

  write(paddr: number, size: number, value: number): number {
    paddr >>>= 0;
    const d = this.find(paddr);
    if (d === null) {
      this.i32[this.statusIndex] = 1;
      return WriteResult.AccessFault;
    }
    const result = d.write(paddr - d.base, size, value >>> 0);
    if (result === WriteResult.AccessFault) this.i32[this.statusIndex] = 1;
    return result;
  }
}
