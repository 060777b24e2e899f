// The mask ROM at MROM_BASE, where QEMU's virt keeps its reset code and the
// fw_dynamic_info it hands firmware in a2. Ours holds only the info
// (host/machine/firmware.ts builds it): the host sets each hart's registers
// at reset itself, so no reset code runs from here. It exists only when the
// machine boots firmware (`--bios`); without one the window is unmapped, as
// before.
//
// In ROM, not RAM, so that nothing the firmware or its next stage loads,
// relocates or zeroes can overwrite the info before the last hart reads it.
// Writes are ignored, as QEMU ignores writes to its ROM.
//
// Shared state: none; every thread builds one over the same bytes.
import { MmioDevice, WriteResult } from './device.js';
import { guest } from '../platform.js';

export class Mrom implements MmioDevice {
  readonly base = guest.MROM_BASE;
  readonly size = guest.MROM_SIZE;

  constructor(private readonly bytes: Uint8Array) {
    if (bytes.length > this.size) throw new Error(`${bytes.length} bytes do not fit the ${this.size}-byte ROM`);
  }

  /** Little-endian; bytes past the contents read 0. */
  read(offset: number, size: number): number {
    let value = 0;
    for (let i = size - 1; i >= 0; i--) value = value * 256 + (this.bytes[offset + i] ?? 0);
    return value;
  }

  write(_offset: number, _size: number, _value: number): WriteResult {
    return WriteResult.Done;
  }
}
