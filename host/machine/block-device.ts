// The size of a block device given as a disk: stat reports 0 bytes for one,
// and Node cannot seek to its end, so on Linux it is read from sysfs (in
// 512-byte sectors, whatever the device's own sector size). Elsewhere the
// size is unknown and the device is refused.
import { readFileSync } from 'node:fs';

/** Linux's dev_t split (glibc's gnu_dev_major/minor). */
function majorMinor(rdev: number): [number, number] {
  const hi = Math.floor(rdev / 2 ** 32);
  const lo = rdev >>> 0;
  const major = ((lo >>> 8) & 0xfff) | ((hi & 0xfffff000) >>> 0);
  const minor = (lo & 0xff) | ((lo >>> 12) & 0xfff00);
  return [major, minor];
}

/** Bytes of the block device `rdev`, or null when the host does not say. */
export function blockDeviceBytes(rdev: number): number | null {
  const [major, minor] = majorMinor(rdev);
  try {
    const sectors = Number(readFileSync(`/sys/dev/block/${major}:${minor}/size`, 'utf8').trim());
    return Number.isSafeInteger(sectors * 512) ? sectors * 512 : null;
  } catch {
    return null;
  }
}
