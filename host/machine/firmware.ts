// Booting through firmware (`boot --bios FW --kernel K`), as QEMU's virt
// reset does for `-bios FW -kernel K`:
//
//   0x8000_0000  FW: an ELF at its physical addresses, or a raw binary here.
//                Every hart starts here in M-mode (whatever an ELF's entry
//                says: QEMU 7.2's reset code jumps to RAM base), with
//                a0 = hartid, a1 = the device tree, a2 = the info below.
//   next stage   K: an ELF at its addresses (its entry is the next stage), or
//                a raw image at the end of FW rounded up to 2 MiB
//                (0x8020_0000 for OpenSBI), as QEMU's riscv_load_kernel.
//   MROM_BASE    the fw_dynamic_info (host/devices/mrom.ts): where OpenSBI's
//                fw_dynamic jumps next, and in which mode.
//
// fw_dynamic_info, as OpenSBI's include/sbi/fw_dynamic.h lays it out for
// RV64: six little-endian u64 words.
//
//   +0  magic      "OSBI" (0x4942534f)
//   +8  version    2 (the version that has boot_hart)
//   +16 next_addr  the next stage's entry
//   +24 next_mode  1 = S-mode
//   +32 options    0
//   +40 boot_hart  0: hart 0 boots, the others wait for it (as on QEMU)
import { blameFile, ElfError, fitToRam, looksLikeElf, parseElf, readProgramFile, type ElfImage, type ElfSegment } from './elf.js';
import { guest } from '../platform.js';

const MAGIC = 0x4942534f;
const VERSION = 2;
const NEXT_MODE_S = 1;
const BOOT_HART = 0;
const INFO_WORDS = 6;
/** RV64 next stages start 2 MiB-aligned (QEMU's riscv_calc_kernel_start_addr). */
const NEXT_ALIGN = 2 * 1024 * 1024;

export interface FirmwareBoot {
  /** FW, started on every hart at RAM base. */
  firmware: ElfImage;
  /** K, which FW is told to start in S-mode. */
  next: ElfImage;
}

const hex = (n: number) => '0x' + n.toString(16);

/** A raw binary as an image of one segment at `at`, entered at its first byte. */
function rawImage(bytes: Uint8Array, at: number): ElfImage {
  if (bytes.length === 0) throw new ElfError('empty file');
  const segment: ElfSegment = { paddr: at, offset: 0, data: bytes, memsz: bytes.length };
  return { entry: at, segments: [segment], headersEnd: 0, file: bytes, symbols: new Map() };
}

/** An ELF file at its addresses, anything else raw at `rawAt`, checked to
 *  fit in RAM. A file that starts like an ELF but is not a good one is an
 *  error, not a raw image. */
function readImage(path: string, rawAt: () => number, ramBytes: number): ElfImage {
  const bytes = readProgramFile(path);
  if (looksLikeElf(bytes)) {
    const image = { ...parseElf(bytes), path };
    fitToRam(image, guest.RAM_BASE, ramBytes);
    return image;
  }
  const at = rawAt();
  const ramEnd = guest.RAM_BASE + ramBytes;
  if (at + bytes.length > ramEnd) {
    throw new ElfError(`a raw image of ${bytes.length} bytes at ${hex(at)} runs past the end of RAM at ${hex(ramEnd)}; use a larger --mem`);
  }
  return { ...rawImage(bytes, at), path };
}

/** One past the last byte any segment loads. */
function imageEnd(image: ElfImage): number {
  return Math.max(...image.segments.map((s) => s.paddr + s.memsz));
}

/** Where a raw next stage goes after `firmware`. */
function nextStageAddress(firmware: ElfImage): number {
  return Math.ceil(imageEnd(firmware) / NEXT_ALIGN) * NEXT_ALIGN;
}

function span(s: ElfSegment): string {
  return `${hex(s.paddr)}-${hex(s.paddr + s.memsz - 1)}`;
}

/**
 * Reads FW and K and checks that both fit in RAM and do not overlap; every
 * failure is an ElfError naming the file at fault.
 */
export function readFirmwareBoot(fwPath: string, kernelPath: string, ramBytes: number): FirmwareBoot {
  // Both are fitted again when the machine loads them, which warns of ELF header bytes left out.
  const firmware = blameFile(fwPath, () => readImage(fwPath, () => guest.RAM_BASE, ramBytes));
  const start = nextStageAddress(firmware);
  const next = blameFile(kernelPath, () => {
    const image = readImage(kernelPath, () => start, ramBytes);
    const loaded = (i: ElfImage) => fitToRam(i, guest.RAM_BASE, ramBytes).image.segments;
    for (const k of loaded(image)) {
      for (const f of loaded(firmware)) {
        if (k.paddr < f.paddr + f.memsz && f.paddr < k.paddr + k.memsz) {
          throw new ElfError(`loads at ${span(k)}, over the firmware ${fwPath} at ${span(f)} (a next stage starts at ${hex(start)} or above)`);
        }
      }
    }
    return image;
  });
  return { firmware: { ...firmware, entry: guest.RAM_BASE }, next };
}

/** The fw_dynamic_info that starts `next` in S-mode, as the ROM holds it. */
export function dynamicInfo(next: ElfImage): Uint8Array {
  const words = [MAGIC, VERSION, next.entry, NEXT_MODE_S, 0, BOOT_HART];
  const bytes = new Uint8Array(INFO_WORDS * 8);
  const view = new DataView(bytes.buffer);
  words.forEach((w, i) => view.setBigUint64(i * 8, BigInt(w), true));
  return bytes;
}

/** Guest physical address of the info, what every hart gets in a2. */
export const DYNAMIC_INFO_ADDR = guest.MROM_BASE;
