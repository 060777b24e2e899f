// `xv6-wasm boot` with a kernel of our own making: the console is the pipe,
// the exit status is the guest's finisher code, and a guest that never powers
// off still quits at Ctrl-A x.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { haveCrossCompiler } from '../host/toolchain.js';
import { xv6 } from './cli.js';
import { program, removePrograms } from './programs.js';

const dir = mkdtempSync(join(tmpdir(), 'xv6-wasm-boot-'));
const disk = join(dir, 'disk.img');
writeFileSync(disk, Buffer.alloc(1 << 20, 0xa5));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  removePrograms();
});

describe.skipIf(!haveCrossCompiler())('boot', () => {
  test('prints the guest console and exits with its power-off code', async () => {
    const ok = await xv6(['boot', '--kernel', program('hello'), '--disk', disk, '--cores', '2']);
    expect(ok.stdout).toBe('hello, world\n');
    expect(ok.code).toBe(0);
    const fail = await xv6(['boot', '--kernel', program('finisher-fail5'), '--disk', disk]);
    expect(fail.code).toBe(5);
  });

  test('piped input reaches the guest; its end does not stop the guest', async () => {
    const r = await xv6(['boot', '--kernel', program('echo'), '--disk', disk], { input: 'ls\nq' });
    expect(r.stdout).toBe('ls\nqbye');
    expect(r.code).toBe(0);
  });

  test('Ctrl-A x quits a guest that never powers off, and the disk is left as it was', async () => {
    const r = await xv6(['boot', '--kernel', program('loop'), '--disk', disk, '--cores', '4'], { input: '\x01x' });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
    expect(readFileSync(disk).equals(Buffer.alloc(1 << 20, 0xa5))).toBe(true);
  });
});

describe('boot with our kernel and a disk that is not a file system', () => {
  test('the kernel panics, the emulator names the panic on stderr and exits non-zero, the disk is untouched', async () => {
    const r = await xv6(['boot', '--disk', disk]);
    expect(r.stdout).toMatch(/panic: fsinit: not a file-system image\nhart 0\nbacktrace:\n/);
    expect(r.stderr).toBe('xv6-wasm: the guest powered off with failure code 1 after a kernel panic: fsinit: not a file-system image\n');
    expect(r.code).toBe(1);
    expect(readFileSync(disk).equals(Buffer.alloc(1 << 20, 0xa5))).toBe(true);
  });
});
