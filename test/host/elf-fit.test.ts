// Loading as QEMU does: a program linked the plain way
// (gcc -nostdlib -Wl,-Ttext=0x80000000) has a first segment that starts a
// page below RAM because it carries the ELF headers. Those bytes are
// dropped with one warning and the program runs; code or data outside RAM
// is still refused with one line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fitToRam, readElfFile } from '../../host/machine/elf.js';
import { guest } from '../../host/platform.js';
import { xv6 } from '../cli/cli.js';
import { haveCrossCompiler } from './toolchain.js';

const dir = mkdtempSync(join(tmpdir(), 'xv6-elf-fit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Writes the finisher's pass code: the program exits 0 once it runs.
const PASS = `.globl _start\n_start:\n li a0, 0x5555\n li t0, 0x${guest.FINISHER_BASE.toString(16)}\n sw a0, 0(t0)\n1: j 1b\n`;

function link(name: string, text: number): string {
  const src = join(dir, `${name}.S`);
  const out = join(dir, `${name}.elf`);
  writeFileSync(src, PASS);
  const r = spawnSync('riscv64-unknown-elf-gcc', ['-nostdlib', `-Wl,-Ttext=0x${text.toString(16)}`, src, '-o', out]);
  expect(r.status, r.stderr.toString()).toBe(0);
  return out;
}

describe.skipIf(!haveCrossCompiler())('ELF files linked the plain way', () => {
  it('loads what lies in RAM and drops only the header bytes below it, with a warning', async () => {
    const elf = link('plain', guest.RAM_BASE);
    const image = readElfFile(elf);
    expect(image.segments[0].paddr).toBeLessThan(guest.RAM_BASE);
    const { image: fitted, warnings } = fitToRam(image, guest.RAM_BASE, 16 << 20);
    expect(fitted.segments[0].paddr).toBe(guest.RAM_BASE);
    expect(warnings).toHaveLength(1);
    const r = await xv6(['run', elf], { timeoutMs: 30_000 });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^xv6-wasm: warning: \d+ bytes of ELF headers at 0x7ffff000-0x7fffffff lie outside RAM 0x80000000-0x[0-9a-f]+: not loaded\n$/);
  });

  it('refuses a program whose code lies below RAM, in one line', async () => {
    const elf = link('low', guest.RAM_BASE - 0x10);
    const r = await xv6(['run', elf], { timeoutMs: 30_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^xv6-wasm: .*(is outside RAM|entry point).*\n$/);
  });
});
