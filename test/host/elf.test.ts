// The ELF loader accepts what `run` and `boot` can start, and names what is
// wrong with anything else.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkFitsRam, ElfError, parseElf, readElfFile } from '../../host/machine/elf.js';
import { buildElf } from './elf-bytes.js';

const RAM = 0x8000_0000;
const MiB = 1 << 20;
const good = () => buildElf({
  entry: RAM + 4,
  segments: [{ paddr: RAM, data: [0x13, 0, 0, 0, 0x6f, 0, 0, 0] }, { paddr: RAM + 0x1000, data: [1, 2], memsz: 0x100 }],
  symbols: { tohost: RAM + 0x1000, _start: RAM },
});

function reason(bytes: Uint8Array): string {
  try {
    parseElf(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(ElfError);
    return (e as Error).message;
  }
  throw new Error('parseElf accepted a bad file');
}

describe('a good ELF', () => {
  test('gives its entry, segments at physical addresses, and symbols', () => {
    const img = parseElf(good());
    expect(img.entry).toBe(RAM + 4);
    expect(img.segments.map((s) => [s.paddr, s.data.length, s.memsz])).toEqual([[RAM, 8, 8], [RAM + 0x1000, 2, 0x100]]);
    expect(Array.from(img.segments[0].data)).toEqual([0x13, 0, 0, 0, 0x6f, 0, 0, 0]);
    expect(img.symbols.get('tohost')).toBe(RAM + 0x1000);
    expect(img.symbols.get('_start')).toBe(RAM);
  });

  test('fits in RAM', () => {
    expect(() => checkFitsRam(parseElf(good()), RAM, 16 * MiB)).not.toThrow();
  });
});

describe('a bad ELF is refused with its reason', () => {
  test('not an ELF file', () => {
    expect(reason(Buffer.from('#!/bin/sh\necho hi\n'))).toBe('not an ELF file');
    expect(reason(new Uint8Array(0))).toBe('not an ELF file');
  });

  test('32-bit', () => {
    const b = good();
    b[4] = 1;
    expect(reason(b)).toMatch(/not a 64-bit ELF/);
  });

  test('big-endian', () => {
    const b = good();
    b[5] = 2;
    expect(reason(b)).toMatch(/not a little-endian ELF/);
  });

  test('another machine (x86-64)', () => {
    const b = good();
    b[18] = 62;
    expect(reason(b)).toMatch(/not a RISC-V ELF file \(e_machine 62/);
  });

  test('not an executable (relocatable object)', () => {
    const b = good();
    b[16] = 1;
    expect(reason(b)).toMatch(/not an executable/);
  });

  test('truncated in the header, the program headers, or a segment', () => {
    const b = good();
    expect(reason(b.subarray(0, 40))).toMatch(/truncated.*ELF header/);
    expect(reason(b.subarray(0, 64 + 30))).toMatch(/truncated.*program header/);
    expect(reason(b.subarray(0, 64 + 2 * 56 + 4))).toMatch(/truncated.*segment 0/);
  });

  test('no loadable segment', () => {
    expect(reason(buildElf({ entry: RAM, segments: [] }))).toMatch(/no loadable/);
  });

  test('a segment outside RAM', () => {
    const below = parseElf(buildElf({ entry: RAM, segments: [{ paddr: 0x1000, data: [1] }] }));
    expect(() => checkFitsRam(below, RAM, 16 * MiB)).toThrow(/segment at 0x1000-0x1000 is outside RAM 0x80000000-0x80ffffff/);
    const past = parseElf(buildElf({ entry: RAM, segments: [{ paddr: RAM + 16 * MiB - 4, data: [1], memsz: 8 }] }));
    expect(() => checkFitsRam(past, RAM, 16 * MiB)).toThrow(ElfError);
  });

  test('an entry point outside RAM', () => {
    const img = parseElf(buildElf({ entry: 0x1000, segments: [{ paddr: RAM, data: [1] }] }));
    expect(() => checkFitsRam(img, RAM, 16 * MiB)).toThrow(/entry point 0x1000 is outside RAM/);
  });
});

describe('reading files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xv6-wasm-elf-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a missing file or a directory is an ElfError, not a crash', () => {
    expect(() => readElfFile(join(dir, 'nope.elf'))).toThrow(/cannot read: no such file/);
    expect(() => readElfFile(dir)).toThrow(/cannot read: is a directory/);
  });

  test('a file on disk loads', () => {
    writeFileSync(join(dir, 'ok.elf'), good());
    expect(readElfFile(join(dir, 'ok.elf')).entry).toBe(RAM + 4);
  });
});
