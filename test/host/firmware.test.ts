// Firmware hand-off (host/machine/firmware.ts, host/devices/mrom.ts): where
// FW and its next stage load, ELF or raw, as QEMU's virt loads them; the
// fw_dynamic_info OpenSBI reads through a2; and the errors that name the
// file at fault.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Mrom } from '../../host/devices/mrom.js';
import { ElfError } from '../../host/machine/elf.js';
import { DYNAMIC_INFO_ADDR, dynamicInfo, readFirmwareBoot } from '../../host/machine/firmware.js';
import { guest } from '../../host/platform.js';
import { buildElf } from './elf-bytes.js';

const dir = mkdtempSync(join(tmpdir(), 'xv6-wasm-fw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, bytes: Uint8Array | Buffer) => { const p = join(dir, name); writeFileSync(p, bytes); return p; };

const MiB = 1024 * 1024;
const RAM = 128 * MiB;
const rawFw = file('fw.bin', Buffer.alloc(100_000, 0x13));
const rawKernel = file('kernel.bin', Buffer.alloc(5000, 0x73));
// An ELF firmware that ends just past 2 MiB: a raw next stage goes to 4 MiB.
const elfFw = file('fw.elf', buildElf({ entry: 0x8000_0000, segments: [{ paddr: 0x8000_0000, data: [0x6f, 0, 0, 0], memsz: 2 * MiB + 8 }] }));
const elfKernel = file('kernel.elf', buildElf({ entry: 0x8060_0010, segments: [{ paddr: 0x8060_0000, data: [1, 2, 3, 4] }] }));

function elfKernelAt(paddr: number): string {
  return file('low.elf', buildElf({ entry: paddr, segments: [{ paddr, data: [1, 2, 3, 4] }] }));
}

function elfErrorOf(f: () => unknown): ElfError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ElfError);
    return e as ElfError;
  }
  throw new Error('no error');
}

describe('where firmware and its next stage load', () => {
  test('a raw FW at RAM base, a raw kernel at the next 2 MiB boundary (0x80200000)', () => {
    const { firmware, next } = readFirmwareBoot(rawFw, rawKernel, RAM);
    expect(firmware.entry).toBe(guest.RAM_BASE);
    expect(firmware.segments).toMatchObject([{ paddr: guest.RAM_BASE, memsz: 100_000 }]);
    expect(next.entry).toBe(0x8020_0000);
    expect(next.segments).toMatchObject([{ paddr: 0x8020_0000, memsz: 5000 }]);
  });

  test('an ELF firmware starts at RAM base whatever its entry, as QEMU starts it', () => {
    const fw = file('entry.elf', buildElf({ entry: 0x8000_0010, segments: [{ paddr: 0x8000_0000, data: new Array(32).fill(0x13) }] }));
    expect(readFirmwareBoot(fw, rawKernel, RAM).firmware.entry).toBe(guest.RAM_BASE);
  });

  test('a raw kernel goes past the end of an ELF firmware, rounded up to 2 MiB', () => {
    expect(readFirmwareBoot(elfFw, rawKernel, RAM).next.entry).toBe(0x8040_0000);
  });

  test('an ELF kernel loads at its own addresses and is entered at its entry', () => {
    const { next } = readFirmwareBoot(rawFw, elfKernel, RAM);
    expect(next.entry).toBe(0x8060_0010);
    expect(next.segments).toMatchObject([{ paddr: 0x8060_0000 }]);
  });

  test('a kernel over the firmware is refused, naming the kernel', () => {
    const e = elfErrorOf(() => readFirmwareBoot(elfFw, elfKernelAt(0x8010_0000), RAM));
    expect(e.file).toMatch(/low\.elf$/);
    expect(e.message).toMatch(/^loads at 0x80100000-0x80100003, over the firmware .*fw\.elf at 0x80000000-0x80200007 \(a next stage starts at 0x80400000 or above\)$/);
  });

  test('missing, empty, broken or too big: an error naming that file', () => {
    expect(elfErrorOf(() => readFirmwareBoot(join(dir, 'none'), rawKernel, RAM))).toMatchObject({ file: join(dir, 'none'), message: 'cannot read: no such file' });
    expect(elfErrorOf(() => readFirmwareBoot(file('empty.bin', Buffer.alloc(0)), rawKernel, RAM)).message).toBe('empty file');
    const broken = file('broken.elf', Buffer.from(buildElf({ entry: 0x8000_0000, segments: [{ paddr: 0x8000_0000, data: [0] }] }).subarray(0, 80)));
    expect(elfErrorOf(() => readFirmwareBoot(broken, rawKernel, RAM)).message).toMatch(/^truncated ELF file/);
    const e = elfErrorOf(() => readFirmwareBoot(rawFw, file('huge.bin', Buffer.alloc(15 * MiB)), 16 * MiB));
    expect(e.file).toMatch(/huge\.bin$/);
    expect(e.message).toBe(`a raw image of ${15 * MiB} bytes at 0x80200000 runs past the end of RAM at 0x81000000; use a larger --mem`);
  });
});

describe('fw_dynamic_info in the mask ROM', () => {
  const info = dynamicInfo(readFirmwareBoot(rawFw, rawKernel, RAM).next);
  const rom = new Mrom(info);

  test('six u64 words: "OSBI", version 2, the next stage, S-mode, no options, hart 0 boots', () => {
    expect(info.length).toBe(48);
    expect(Buffer.from(info.subarray(0, 4)).toString('latin1')).toBe('OSBI');
    const words = Array.from({ length: 6 }, (_, i) => new DataView(info.buffer).getBigUint64(i * 8, true));
    expect(words).toEqual([0x4942534fn, 2n, 0x8020_0000n, 1n, 0n, 0n]);
  });

  test('the ROM sits where a2 points, reads little-endian, ignores writes', () => {
    expect(DYNAMIC_INFO_ADDR).toBe(guest.MROM_BASE);
    expect(rom.base).toBe(guest.MROM_BASE);
    expect(rom.read(0, 4)).toBe(0x4942534f);
    expect(rom.read(16, 4)).toBe(0x8020_0000);
    expect(rom.read(20, 4)).toBe(0);
    expect(rom.read(1, 2)).toBe(0x4253);
    expect(rom.write(0, 4, 0)).toBe(0);
    expect(rom.read(0, 4)).toBe(0x4942534f);
    expect(rom.read(guest.MROM_SIZE - 4, 4)).toBe(0);
  });
});
