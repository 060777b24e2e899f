// A user's mistake on the command line is one clear line on stderr and exit
// 1, never a stack trace, for `boot` and `run` alike. The messages are
// checked in this process (test/cli/in-process.ts); that a real process
// ends the same way is checked once for each way a mistake is found.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildElf } from '../host/elf-bytes.js';
import { xv6, type CliResult } from './cli.js';
import { xv6InProcess } from './in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'xv6-wasm-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const disk = join(dir, 'disk.img');
writeFileSync(disk, Buffer.alloc(64 * 1024));
const elf = join(dir, 'ok.elf');
writeFileSync(elf, buildElf({ entry: 0x8000_0000, segments: [{ paddr: 0x8000_0000, data: [0x6f, 0, 0, 0] }] }));
const notElf = join(dir, 'script.sh');
writeFileSync(notElf, '#!/bin/sh\n');
const x86 = join(dir, 'x86.elf');
const x86Bytes = buildElf({ entry: 0x8000_0000, segments: [{ paddr: 0x8000_0000, data: [0] }] });
x86Bytes[18] = 62;
writeFileSync(x86, x86Bytes);
const low = join(dir, 'low.elf');
writeFileSync(low, buildElf({ entry: 0x8000_0000, segments: [{ paddr: 0x1000, data: [0] }] }));

function expectOneLine(r: CliResult, message: RegExp): void {
  expect(r.code).toBe(1);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^xv6-wasm: /);
  expect(lines[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

async function expectOneLineError(args: string[], message: RegExp): Promise<void> {
  expectOneLine(await xv6InProcess(args), message);
}

describe('the process', () => {
  test('exits 1 with the line on its stderr, for a mistake commander finds and for one our checks find', async () => {
    expectOneLine(await xv6(['boot', '--kernel', elf, '--disk', disk, '--frobnicate'], { timeoutMs: 30_000 }), /unknown option '--frobnicate'/);
    expectOneLine(await xv6(['run', elf, '--cores', 'lots'], { timeoutMs: 30_000 }), /--cores must be/);
  });
});

describe('boot refuses bad settings', () => {
  test.each([
    [['--cores', '0'], /--cores must be a whole number from 1 to 8, not '0'/],
    [['--cores', '9'], /--cores must be .* from 1 to 8, not '9'/],
    [['--mem', '3'], /--mem must be from 16M to 2G, not '3'/],
    [['--mem', 'huge'], /--mem must be a size/],
    [['--frobnicate'], /unknown option '--frobnicate'/],
  ])('%j', async (args, message) => {
    await expectOneLineError(['boot', '--kernel', elf, '--disk', disk, ...args], message);
  });

  test('a missing disk', async () => {
    await expectOneLineError(['boot', '--kernel', elf, '--disk', join(dir, 'missing.img')], /missing\.img: no such file/);
  });

  test.skipIf(process.getuid?.() === 0)('an unreadable disk', async () => {
    const locked = join(dir, 'locked.img');
    writeFileSync(locked, Buffer.alloc(4096));
    chmodSync(locked, 0);
    await expectOneLineError(['boot', '--kernel', elf, '--disk', locked], /locked\.img: permission denied/);
  });

  test('a disk that is a directory', async () => {
    await expectOneLineError(['boot', '--kernel', elf, '--disk', dir], /not a regular file|is a directory/);
  });

  test('a kernel that is not an ELF file, or not RISC-V', async () => {
    await expectOneLineError(['boot', '--kernel', notElf, '--disk', disk], /script\.sh: not an ELF file/);
    await expectOneLineError(['boot', '--kernel', x86, '--disk', disk], /x86\.elf: not a RISC-V ELF file/);
  });
});

describe('boot --bios refuses firmware it cannot hand off, naming the file', () => {
  const fw = join(dir, 'fw.bin');
  writeFileSync(fw, Buffer.alloc(4096, 0x13));

  test('a missing firmware', async () => {
    await expectOneLineError(['boot', '--bios', join(dir, 'none.bin'), '--kernel', elf, '--disk', disk], /none\.bin: cannot read: no such file/);
  });

  test('a firmware too big for --mem', async () => {
    const big = join(dir, 'big-fw.bin');
    writeFileSync(big, Buffer.alloc(17 << 20));
    await expectOneLineError(['boot', '--mem', '16M', '--bios', big, '--kernel', elf, '--disk', disk],
      /big-fw\.bin: a raw image of 17825792 bytes at 0x80000000 runs past the end of RAM at 0x81000000; use a larger --mem/);
  });

  test('a kernel that loads over the firmware', async () => {
    await expectOneLineError(['boot', '--bios', fw, '--kernel', elf, '--disk', disk],
      /ok\.elf: loads at 0x80000000-0x80000003, over the firmware .*fw\.bin at 0x80000000-0x80000fff \(a next stage starts at 0x80200000 or above\)/);
  });

  test('the TUI takes no firmware', async () => {
    await expectOneLineError(['tui', '--bios', fw], /unknown option '--bios'/);
  });
});

describe('run refuses bad programs and settings', () => {
  test('a missing program', async () => {
    await expectOneLineError(['run', join(dir, 'none.elf')], /none\.elf: cannot read: no such file/);
  });

  test('a segment outside RAM', async () => {
    await expectOneLineError(['run', low], /low\.elf: segment at 0x1000-0x1000 is outside RAM/);
  });

  test('a program too big for --mem', async () => {
    const big = join(dir, 'big.elf');
    writeFileSync(big, buildElf({ entry: 0x8000_0000, segments: [{ paddr: 0x8000_0000, data: [0], memsz: 32 << 20 }] }));
    await expectOneLineError(['run', '--mem', '16M', big], /big\.elf: segment at 0x80000000-0x81ffffff is outside RAM 0x80000000-0x80ffffff/);
  });

  test.each([
    [['--max-insns', '0'], /--max-insns must be a positive whole number/],
    [['--cores', 'lots'], /--cores must be/],
  ])('%j', async (args, message) => {
    await expectOneLineError(['run', elf, ...args], message);
  });

  test('no program at all', async () => {
    await expectOneLineError(['run'], /missing required argument 'program'/);
  });
});
